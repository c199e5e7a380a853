package org.secflow.process;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The message throw events between service items: sends the event's message (its name in the model)
 * with the event's input parameters as payload, to every process waiting for it or starting with it.
 * An input parameter {@code businessKey} narrows it to the process with that business key. A message
 * that nobody receives is an error, so that no hand-over between items is silently lost.
 */
@Component("sendMessageDelegate")
class SendMessageDelegate implements JavaDelegate {

    private final RuntimeService runtimeService;

    SendMessageDelegate(@Lazy RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ThrowEvent event = (ThrowEvent) execution.getBpmnModelElementInstance();
        String message = event.getEventDefinitions().stream()
                .filter(MessageEventDefinition.class::isInstance).map(MessageEventDefinition.class::cast)
                .findFirst().orElseThrow().getMessage().getName();
        MessageCorrelationBuilder correlation = runtimeService.createMessageCorrelation(message)
                .setVariables(execution.getVariablesLocal());
        Object businessKey = execution.getVariableLocal("businessKey");
        if (businessKey != null) {
            correlation.processInstanceBusinessKey(businessKey.toString());
        }
        java.util.List<MessageCorrelationResult> results = correlation.correlateAllWithResult();
        if (results.isEmpty()) {
            throw new IllegalStateException("message " + message + " has no receiver");
        }
    }
}
