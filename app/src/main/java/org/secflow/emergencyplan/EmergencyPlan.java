package org.secflow.emergencyplan;

import java.time.LocalDateTime;

/** The emergency plan for one incident grade, in one version (7.5.1.3). */
public record EmergencyPlan(
        String processInstanceId,
        String planVersion,
        String grade,
        String content,
        String status,
        String draftedBy,
        LocalDateTime draftedAt,
        LocalDateTime publishedAt) {

    public static final String DRAFT = "DRAFT";
    public static final String SUPERSEDED = "SUPERSEDED";
    public static final String PUBLISHED = "PUBLISHED";
}
