package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The recurring duties of the service items (timer start events, timer catch events inside a
 * process) run by hand, since the tests' job executor is off: the due timer is executed as the
 * job executor would, and the instance it started is returned.
 */
final class RecurringDuties {

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final ProcessEngine engine;

    RecurringDuties(ProcessEngine engine) {
        this.engine = engine;
        this.runtimeService = engine.getRuntimeService();
        this.managementService = engine.getManagementService();
    }

    /** Fires the timer start event of the latest version of the process and returns the instance it started. */
    ProcessInstance fire(String processKey) {
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(processKey).latestVersion().singleResult().getId();
        Job timer = managementService.createJobQuery().processDefinitionId(definitionId).timers().singleResult();
        assertThat(timer).as("timer start of %s", processKey).isNotNull();
        Set<String> before = instanceIds(definitionId);

        managementService.executeJob(timer.getId());

        List<ProcessInstance> started = runtimeService.createProcessInstanceQuery().processDefinitionId(definitionId)
                .list().stream().filter(pi -> !before.contains(pi.getId())).toList();
        assertThat(started).as("instances started by the timer of %s", processKey).hasSize(1);
        assertThat(managementService.createJobQuery().processDefinitionId(definitionId).timers().count())
                .as("the next cycle of %s is scheduled", processKey).isOne();
        return started.get(0);
    }

    /** Fires the one timer the process instance waits for (e.g. the next tracking round). */
    void fireTimerOf(ProcessInstance pi) {
        Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        assertThat(timer).as("timer of %s", pi.getId()).isNotNull();
        managementService.executeJob(timer.getId());
    }

    boolean waitsForTimer(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).timers().count() == 1;
    }

    private Set<String> instanceIds(String definitionId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionId(definitionId).list().stream()
                .map(ProcessInstance::getId).collect(Collectors.toSet());
    }

    /** Variables from alternating names and values (Map.of stops at ten pairs). */
    static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }
}
