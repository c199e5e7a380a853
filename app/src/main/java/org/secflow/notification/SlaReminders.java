package org.secflow.notification;

import java.time.Duration;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.secflow.process.DeadlineJob;
import org.secflow.process.DeadlineTimers;
import org.secflow.process.EngineTime;
import org.springframework.stereotype.Component;

/**
 * The reminders of a task's due date (the deadline the rules computed, e.g. the respond SLA), as engine timers
 * of the task's execution: when the task enters 即将超时 (four hours before, as the Tasklist filter, or halfway
 * when the whole time is shorter) its holder is reminded; at the due date they are told it is missed, unless the
 * model has its own SLA timer on the task (that one escalates, and its escalation task is the notice). The
 * timers read the task when they fire: a task done by then is not mentioned, a due date moved later moves them.
 */
@Component
class SlaReminders extends DeadlineJob {

    static final String TYPE = "secflow-sla-reminder";
    /** Set at parse time on a task that carries a modelled SLA timer (a boundary timer event). */
    static final String MODELLED_SLA_TIMER = "secflowModelledSlaTimer";
    private static final String APPROACHING = "APPROACHING:";
    private static final String MISSED = "MISSED:";

    private final NotificationService notifications;
    private final NotificationConfig config;

    SlaReminders(NotificationService notifications, NotificationConfig config) {
        this.notifications = notifications;
        this.config = config;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** From the task's create listener: the first reminder of a task with a due date. */
    void taskCreated(DelegateTask task) {
        if (task.getDueDate() != null && task.getExecution() instanceof ExecutionEntity execution) {
            DeadlineTimers.schedule(execution, TYPE, APPROACHING + task.getId(),
                    remindAt(task.getCreateTime(), task.getDueDate()));
        }
    }

    /** When 即将超时 starts: the threshold before the due date, or halfway for a shorter time. */
    Date remindAt(Date created, Date due) {
        Duration whole = Duration.ofMillis(Math.max(0, due.getTime() - created.getTime()));
        Duration before = whole.dividedBy(2).compareTo(config.approaching) < 0 ? whole.dividedBy(2) : config.approaching;
        return new Date(due.getTime() - before.toMillis());
    }

    @Override
    protected void fire(String key, CommandContext context) {
        boolean approaching = key.startsWith(APPROACHING);
        String taskId = key.substring(key.indexOf(':') + 1);
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getDueDate() == null || task.getExecution() == null) {
            return; // done, or no deadline any more
        }
        Date now = ClockUtil.getCurrentTime();
        Date due = task.getDueDate();
        if (approaching && now.before(due)) {
            Date remindAt = remindAt(task.getCreateTime(), due);
            if (now.getTime() < remindAt.getTime() - 1_000) {
                DeadlineTimers.schedule(task.getExecution(), TYPE, key, remindAt); // the due date was moved later
                return;
            }
            announce(task, NotificationEvent.SLA_APPROACHING, "即将超时：" + NotificationPlugin.name(task),
                    "将于期限届满，请尽快处理。");
            if (!hasModelledSlaTimer(task)) {
                DeadlineTimers.schedule(task.getExecution(), TYPE, MISSED + taskId, due);
            }
            return;
        }
        if (now.getTime() < due.getTime() - 1_000) {
            DeadlineTimers.schedule(task.getExecution(), TYPE, MISSED + taskId, due);
            return;
        }
        if (!hasModelledSlaTimer(task)) {
            announce(task, NotificationEvent.SLA_MISSED, "已超时：" + NotificationPlugin.name(task),
                    "已超过期限仍未完成，请立即处理。");
        }
    }

    private void announce(TaskEntity task, NotificationEvent event, String title, String text) {
        Set<String> users = task.getAssignee() == null ? Set.of() : Set.of(task.getAssignee());
        Set<String> groups = task.getAssignee() == null ? NotificationPlugin.candidateGroups(task) : Set.of();
        String deadline = EngineTime.forDisplay(EngineTime.toLocal(task.getDueDate())).format(MailChannel.TIME);
        notifications.announce(new Announcement(event, title,
                "「" + NotificationPlugin.processName(task) + "」中的任务「" + NotificationPlugin.name(task) + "」"
                        + (task.getAssignee() == null ? "（待认领）" : "（处理人：" + task.getAssignee() + "）")
                        + "期限为 " + deadline + "，" + text,
                config.taskLink(task.getId()), task.getId(), task.getProcessInstanceId(),
                EngineTime.toLocal(task.getDueDate()), users, groups, null));
    }

    private static boolean hasModelledSlaTimer(TaskEntity task) {
        ActivityImpl activity = task.getExecution().getActivity();
        return activity != null && Boolean.TRUE.equals(activity.getProperty(MODELLED_SLA_TIMER));
    }
}
