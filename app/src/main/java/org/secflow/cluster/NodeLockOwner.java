package org.secflow.cluster;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/**
 * The jobs a node's job executor has locked name the node: {@code ACT_RU_JOB.LOCK_OWNER_} is the engine's
 * host name ({@code camunda.bpm.generic-properties.properties.hostname}; Camunda's default is the machine's IP
 * address and the engine's name, {@code 10.0.0.11$default}; also in {@code ACT_HI_JOB_LOG.HOSTNAME_}) with a random suffix, instead of a bare UUID. An operator sees which node
 * holds a job (a stopped node's locks run out after {@code camunda.bpm.job-execution.lock-time-in-millis} and
 * another node takes the job); two nodes with the same host name still get different owners.
 */
@Component
class NodeLockOwner extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor jobExecutor = configuration.getJobExecutor();
        if (jobExecutor != null && configuration.getHostname() != null) {
            String owner = configuration.getHostname() + "#" + UUID.randomUUID().toString().substring(0, 8);
            // LOCK_OWNER_ is VARCHAR(255)
            jobExecutor.setLockOwner(owner.length() > 255 ? owner.substring(owner.length() - 255) : owner);
        }
    }
}
