package org.secflow.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Feeds the audit trail from the engine's own history events (besides Camunda's history tables):
 * tasks created, assigned and completed, variable changes, and user operations (deployments,
 * claims, administrative changes), each with the acting user. The Camunda starter adds every
 * HistoryEventHandler bean to the engine's history handlers, next to the default database one.
 */
@Component
class AuditHistoryEventHandler implements HistoryEventHandler {

    private final AuditChain chain;

    AuditHistoryEventHandler(@Lazy AuditChain chain) {
        this.chain = chain;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        Map<String, Object> content = new LinkedHashMap<>();
        String type;
        if (event instanceof HistoricTaskInstanceEventEntity task) {
            type = "task." + task.getEventType();
            content.put("taskId", task.getTaskId());
            content.put("taskDefinitionKey", task.getTaskDefinitionKey());
            content.put("name", task.getName());
            content.put("assignee", task.getAssignee());
        } else if (event instanceof HistoricVariableUpdateEventEntity variable) {
            type = "variable." + variable.getEventType();
            content.put("name", variable.getVariableName());
            content.put("type", variable.getSerializerName());
            content.put("value", AuditMasking.variableValue(variable.getVariableName(), variable.getTextValue()));
            content.put("taskId", variable.getTaskId());
        } else if (event instanceof UserOperationLogEntryEventEntity operation) {
            type = "operation." + operation.getOperationType();
            content.put("entityType", operation.getEntityType());
            content.put("property", operation.getProperty());
            content.put("newValue", AuditMasking.variableValue(operation.getProperty(), operation.getNewValue()));
            content.put("deploymentId", operation.getDeploymentId());
            content.put("taskId", operation.getTaskId());
            // user, group, membership and authorization changes come this way too: where they came from
            content.put("sourceAddress", SecurityAudit.sourceAddress());
        } else {
            return;
        }
        content.put("processInstanceId", event.getProcessInstanceId());
        content.put("processDefinitionKey", event.getProcessDefinitionKey());
        content.put("eventId", event.getId());
        CommandContext command = Context.getCommandContext();
        String actor = command == null ? null : command.getAuthenticatedUserId();
        content.put("actor", actor);
        chain.append(type, event.getProcessInstanceId(), actor, content);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }
}
