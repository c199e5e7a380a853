package org.secflow.dashboard;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The targets the dashboard holds the Appendix B measures against (shares from 0 to 1), properties
 * {@code secflow.dashboard.targets.<measure>}. Appendix B names the measures but no figures: the defaults
 * below are the platform's, to be agreed with the 使用方 in the service agreement.
 */
@Component
@ConfigurationProperties(prefix = "secflow.dashboard")
public class DashboardTargets {

    private final Map<String, Double> targets = new HashMap<>(Map.of(
            "incidentTimelinessRate", 0.95,
            "onTimeCompletionRate", 0.95,
            "recordCompletenessRate", 1.0,
            "compliancePassRate", 0.95,
            "trainingCoverageRate", 0.9,
            "trainingPassRate", 0.9,
            "vulnerabilityFixRate", 0.9,
            "riskRemediationRate", 0.95,
            "ticketResponseRate", 0.95));

    /** Configured values replace the defaults one by one. */
    public Map<String, Double> getTargets() {
        return targets;
    }

    Double of(String measure) {
        return targets.get(measure);
    }
}
