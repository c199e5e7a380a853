package org.secflow.servicedesk;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.secflow.process.ServiceRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listeners with which security consulting (7.3.1) moves the ticket that started it (variable ticketId; a
 * consultation started in the Tasklist has none and moves nothing): recording the request accepts the ticket
 * (its first response), the desk's answer from the knowledge base or the expert's reply resolves it (a hand-over
 * to an expert puts it in 处理中), and the record step closes it.
 */
@Configuration
class SecurityConsultingTicket {

    @Bean
    TaskListener consultingTicketListener(TicketService tickets, ServiceRecord serviceRecord) {
        return task -> {
            Long ticketId = ticketId(task);
            if (ticketId == null) {
                return;
            }
            String actor = actor(task, serviceRecord);
            switch (task.getTaskDefinitionKey()) {
                case SecurityConsulting.TASK_RECORD -> tickets.followProcess(ticketId, TicketService.Action.accept, actor, null);
                case SecurityConsulting.TASK_KNOWLEDGE_BASE -> {
                    if (Boolean.TRUE.equals(task.getVariable(SecurityConsulting.SOLVED_BY_DESK))) {
                        tickets.followProcess(ticketId, TicketService.Action.resolve, actor,
                                (String) task.getVariable(SecurityConsulting.DESK_REPLY));
                    } else {
                        tickets.followProcess(ticketId, TicketService.Action.start, actor, null);
                    }
                }
                case SecurityConsulting.TASK_EXPERT_REPLY -> tickets.followProcess(ticketId, TicketService.Action.resolve,
                        actor, (String) task.getVariable(SecurityConsulting.EXPERT_REPLY));
                default -> throw new IllegalStateException("consultingTicketListener is not meant for " + task.getTaskDefinitionKey());
            }
        };
    }

    @Bean
    ExecutionListener closeConsultingTicketListener(TicketService tickets, ServiceRecord serviceRecord) {
        return execution -> {
            Long ticketId = ticketId(execution);
            if (ticketId != null) {
                tickets.followProcess(ticketId, TicketService.Action.close, actor(execution, serviceRecord), null);
            }
        };
    }

    private static Long ticketId(VariableScope scope) {
        Object id = scope.getVariable(SecurityConsulting.TICKET_ID);
        return id instanceof Number number ? number.longValue() : null;
    }

    private static String actor(DelegateTask task, ServiceRecord serviceRecord) {
        return serviceRecord.currentActor(task.getAssignee());
    }

    private static String actor(DelegateExecution execution, ServiceRecord serviceRecord) {
        return serviceRecord.currentActor(null);
    }
}
