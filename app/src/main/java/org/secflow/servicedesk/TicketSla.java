package org.secflow.servicedesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The service levels of tickets per priority: time to the first response and to resolution, from
 * the ticket's creation. The one place of these values is {@code secflow.tickets.sla} in
 * application.yaml (documented defaults, as the standard gives no figures); the order there is the
 * order of the priorities, most urgent first.
 */
@Component
@ConfigurationProperties(prefix = "secflow.tickets")
public class TicketSla {

    private List<Level> sla = new ArrayList<>();

    public List<String> priorities() {
        return sla.stream().map(Level::getPriority).toList();
    }

    public Level of(String priority) {
        return sla.stream().filter(level -> level.getPriority().equals(priority)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SLA for priority " + priority));
    }

    public List<Level> getSla() {
        return sla;
    }

    public void setSla(List<Level> sla) {
        this.sla = sla;
    }

    /** One priority and its deadlines. */
    public static class Level {
        private String priority;
        private Duration respond;
        private Duration resolve;

        public String getPriority() { return priority; }
        public void setPriority(String priority) { this.priority = priority; }
        public Duration getRespond() { return respond; }
        public void setRespond(Duration respond) { this.respond = respond; }
        public Duration getResolve() { return resolve; }
        public void setResolve(Duration resolve) { this.resolve = resolve; }
    }
}
