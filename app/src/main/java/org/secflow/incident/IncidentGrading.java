package org.secflow.incident;

import java.time.LocalDateTime;

/** One grading decision of an incident: the first one at intake, then each re-grade with its reason. */
public record IncidentGrading(
        Long incidentId,
        String grade,
        String gradeName,
        String objectImportance,
        String systemLoss,
        String socialImpact,
        boolean mustReport,
        String reason,
        String decidedBy,
        LocalDateTime decidedAt,
        Integer ruleSetVersion) {
}
