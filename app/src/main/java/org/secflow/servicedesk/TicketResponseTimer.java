package org.secflow.servicedesk;

import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.secflow.notification.Announcement;
import org.secflow.notification.NotificationEvent;
import org.secflow.notification.NotificationService;
import org.secflow.process.DeadlineJob;
import org.secflow.process.EngineTime;
import org.secflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * A ticket's response deadline as an engine timer, scheduled with the ticket: when it fires and the ticket is
 * still unanswered (新建, no first response), the service desk ({@code operations}) and the assignee hear of it.
 */
@Component
class TicketResponseTimer extends DeadlineJob {

    static final String TYPE = "secflow-ticket-response";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TicketMapper mapper;
    private final NotificationService notifications;

    TicketResponseTimer(TicketMapper mapper, NotificationService notifications) {
        this.mapper = mapper;
        this.notifications = notifications;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    protected void fire(String key, CommandContext context) {
        Ticket ticket = mapper.findById(Long.parseLong(key));
        if (ticket == null || ticket.getFirstResponseAt() != null || !TicketService.NEW.equals(ticket.getStatus())) {
            return; // answered in time
        }
        notifications.announce(new Announcement(NotificationEvent.TICKET_OVERDUE,
                "工单响应超时：" + ticket.getTitle(),
                "工单 " + ticket.getId() + "（" + ticket.getKind() + "，优先级" + ticket.getPriority() + "，"
                        + ticket.getRequestingUnit() + "）应于 "
                        + EngineTime.forDisplay(ticket.getResponseDue()).format(TIME) + " 前响应，至今仍未受理，请立即处理。",
                notifications.link("/api/tickets/" + ticket.getId()), null, ticket.getProcessInstanceId(),
                ticket.getResponseDue(), ticket.getAssignee() == null ? Set.of() : Set.of(ticket.getAssignee()),
                Set.of(Groups.OPERATIONS), null));
    }
}
