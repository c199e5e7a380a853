package org.secflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers every {@link DeadlineJob} bean as a job handler of the engine, so that its timers can fire. */
@Component
class DeadlineJobsPlugin extends AbstractProcessEnginePlugin {

    private final List<DeadlineJob> jobs;

    DeadlineJobsPlugin(List<DeadlineJob> jobs) {
        this.jobs = jobs;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomJobHandlers() == null) {
            configuration.setCustomJobHandlers(new ArrayList<>());
        }
        configuration.getCustomJobHandlers().addAll(jobs);
    }
}
