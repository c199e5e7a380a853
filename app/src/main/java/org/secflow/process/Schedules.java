package org.secflow.process;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The recurring duties' schedules (properties {@code secflow.schedule.<name>}, cron with seconds),
 * read by timer start events as {@code ${schedules.cycle('log-audit-report')}} so that
 * administrators change them in application properties, not in the models. An unknown name fails
 * the deployment of the model that asks for it.
 */
@Component("schedules")
@ConfigurationProperties(prefix = "secflow")
public class Schedules {

    private Map<String, String> schedule = Map.of();

    public String cycle(String name) {
        String cycle = schedule.get(name);
        if (cycle == null || cycle.isBlank()) {
            throw new IllegalStateException("no schedule secflow.schedule." + name + " in the application properties");
        }
        return cycle;
    }

    public Map<String, String> getSchedule() {
        return schedule;
    }

    public void setSchedule(Map<String, String> schedule) {
        this.schedule = Map.copyOf(schedule);
    }
}
