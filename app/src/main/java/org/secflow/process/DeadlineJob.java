package org.secflow.process;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * What an engine timer scheduled by {@link DeadlineTimers} does when it fires: a Spring bean, registered with the
 * engine by {@link DeadlineJobsPlugin}. It runs in the job's transaction, like a boundary timer; an exception is
 * retried by the job executor and ends as an incident, as for any job.
 */
public abstract class DeadlineJob implements JobHandler<DeadlineJob.Key> {

    /** The job's configuration: what the deadline is about (a task id, a ticket id …). */
    public record Key(String value) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return value;
        }
    }

    /** Stored as the job's handler type (ACT_RU_JOB.HANDLER_TYPE__): never change it once deployed. */
    @Override
    public abstract String getType();

    protected abstract void fire(String key, CommandContext context);

    @Override
    public final void execute(Key configuration, ExecutionEntity execution, CommandContext context, String tenantId) {
        fire(configuration.value(), context);
    }

    @Override
    public final Key newConfiguration(String canonicalString) {
        return new Key(canonicalString);
    }

    @Override
    public void onDelete(Key configuration, JobEntity job) {
        // nothing to clean up
    }
}
