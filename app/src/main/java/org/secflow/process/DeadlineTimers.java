package org.secflow.process;

import java.time.LocalDateTime;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.springframework.stereotype.Component;

/**
 * Deadline reminders as engine timers: a job in ACT_RU_JOB that the job executor fires at its due date (on one
 * node of a cluster, retried, visible in Cockpit), like the models' own SLA timers, and no polling loop of ours.
 * Scheduled in the caller's transaction: the engine joins Spring's, so the timer exists exactly when the record
 * or the task it watches does.
 */
@Component
public class DeadlineTimers {

    private final ProcessEngine engine;

    DeadlineTimers(ProcessEngine engine) {
        this.engine = engine;
    }

    /** A timer of no process (a ticket's deadline), from a use case outside the engine. */
    public void schedule(String jobType, String key, LocalDateTime due) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(context -> {
            context.getJobManager().schedule(timer(jobType, key, EngineTime.toDate(due)));
            return null;
        });
    }

    /**
     * A timer of an execution (a task's deadline), from inside the engine (a listener, a job): deleted with the
     * execution, so a process that ends or is cancelled leaves none behind.
     */
    public static void schedule(ExecutionEntity execution, String jobType, String key, Date due) {
        TimerEntity timer = timer(jobType, key, due);
        if (execution != null) {
            timer.setExecution(execution);
            timer.setProcessDefinitionId(execution.getProcessDefinitionId());
            if (execution.getProcessDefinition() != null) {
                timer.setProcessDefinitionKey(execution.getProcessDefinition().getKey());
            }
            timer.setTenantId(execution.getTenantId());
        }
        Context.getCommandContext().getJobManager().schedule(timer);
    }

    private static TimerEntity timer(String jobType, String key, Date due) {
        TimerEntity timer = new TimerEntity();
        timer.setJobHandlerType(jobType);
        timer.setJobHandlerConfiguration(new DeadlineJob.Key(key));
        timer.setDuedate(due);
        return timer;
    }
}
