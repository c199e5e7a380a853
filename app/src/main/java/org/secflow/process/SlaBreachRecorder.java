package org.secflow.process;

import java.util.Date;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * Create listener of the escalation task that a missed SLA timer opens: the breach is written in
 * the same transaction that creates the task, so a breach is never escalated without a record
 * nor recorded without an escalation. The task's input parameters name the SLA ({@code slaName})
 * and its deadline ({@code slaDue}).
 */
@Component("slaBreachRecorder")
public class SlaBreachRecorder implements TaskListener {

    public static final String SLA_NAME = "slaName";
    public static final String SLA_DUE = "slaDue";

    private final SlaBreachMapper mapper;

    public SlaBreachRecorder(SlaBreachMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void notify(DelegateTask task) {
        String escalatedTo = task.getCandidates().stream()
                .map(IdentityLink::getGroupId)
                .filter(group -> group != null)
                .collect(Collectors.joining(","));
        mapper.insert(new SlaBreach(task.getProcessInstanceId(), task.getTaskDefinitionKey(),
                (String) task.getVariable(SLA_NAME), EngineTime.toLocal((Date) task.getVariable(SLA_DUE)),
                EngineTime.now(), escalatedTo));
    }
}
