package org.secflow.notification;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.secflow.process.EngineTime;
import org.secflow.process.SlaBreachRecorder;
import org.springframework.stereotype.Component;

/**
 * Adds to every user task of every model, administrators' models included, the listeners that tell
 * people about it: a new task to its candidate groups, an assignment to the assignee, and an
 * escalation task (the one a missed SLA timer opens, with {@code slaName}) as an SLA breach; a task
 * with a due date gets the timer of its reminders ({@link SlaReminders}). The notifications are
 * written in the engine's transaction, so they exist exactly when the task does.
 */
@Component
class NotificationPlugin extends AbstractProcessEnginePlugin {

    private final NotificationService notifications;
    private final NotificationConfig config;
    private final SlaReminders reminders;

    NotificationPlugin(NotificationService notifications, NotificationConfig config, SlaReminders reminders) {
        this.notifications = notifications;
        this.config = config;
        this.reminders = reminders;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        TaskListener created = this::taskCreated;
        TaskListener assigned = this::taskAssigned;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, created);
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, assigned);
            }

            @Override
            public void parseBoundaryTimerEventDefinition(Element timerEventDefinition, boolean interrupting,
                                                          ActivityImpl timerActivity) {
                // the model escalates this task's deadline itself: the reminders leave the missed notice to it
                if (timerActivity.getEventScope() instanceof ActivityImpl attachedTo) {
                    attachedTo.setProperty(SlaReminders.MODELLED_SLA_TIMER, true);
                }
            }
        });
    }

    void taskCreated(DelegateTask task) {
        reminders.taskCreated(task);
        Set<String> groups = candidateGroups(task);
        if (groups.isEmpty()) {
            return;
        }
        var groupFacts = notifications.groups(groups);
        String groupNames = groups.stream().map(group -> NotificationService.groupName(groupFacts, group))
                .collect(Collectors.joining("、"));
        String process = processName(task);
        Object slaName = task.getExecution() == null ? null
                : task.getExecution().getVariableLocal(SlaBreachRecorder.SLA_NAME);
        if (slaName != null) {
            LocalDateTime slaDue = EngineTime.toLocal((Date) task.getExecution().getVariableLocal(SlaBreachRecorder.SLA_DUE));
            notifications.announce(new Announcement(NotificationEvent.SLA_BREACHED,
                    "SLA 超时：" + slaName + "已超时，升级至" + groupNames,
                    "「" + process + "」的" + slaName + "已于期限届满仍未完成，已创建升级任务「" + name(task)
                            + "」，请" + groupNames + "人员立即处置。",
                    config.taskLink(task.getId()), task.getId(), task.getProcessInstanceId(), slaDue,
                    Set.of(), groups, actor()), groupFacts);
            return;
        }
        notifications.announce(new Announcement(NotificationEvent.TASK_CREATED,
                "新任务：" + name(task),
                "「" + process + "」中的任务「" + name(task) + "」待" + groupNames + "认领处理。",
                config.taskLink(task.getId()), task.getId(), task.getProcessInstanceId(),
                EngineTime.toLocal(task.getDueDate()), Set.of(), groups, actor()), groupFacts);
    }

    void taskAssigned(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        notifications.announce(new Announcement(NotificationEvent.TASK_ASSIGNED,
                "任务已指派给您：" + name(task),
                "「" + processName(task) + "」中的任务「" + name(task) + "」已指派给您处理"
                        + (actor() == null ? "。" : "（指派人：" + actor() + "）。"),
                config.taskLink(task.getId()), task.getId(), task.getProcessInstanceId(),
                EngineTime.toLocal(task.getDueDate()), Set.of(assignee), Set.of(), actor()));
    }

    private static String actor() {
        var context = Context.getCommandContext();
        return context == null ? null : context.getAuthenticatedUserId();
    }

    static Set<String> candidateGroups(DelegateTask task) {
        return task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String name(DelegateTask task) {
        return task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
    }

    static String processName(DelegateTask task) {
        if (task.getExecution() instanceof ExecutionEntity execution && execution.getProcessDefinition() != null) {
            String name = execution.getProcessDefinition().getName();
            return name == null ? execution.getProcessDefinition().getKey() : name;
        }
        return "独立任务";
    }
}
