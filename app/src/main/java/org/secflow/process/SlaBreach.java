package org.secflow.process;

import java.time.LocalDateTime;

/** A service-level deadline that passed before its step was done, and whom it was escalated to. */
public record SlaBreach(
        String processInstanceId,
        String activityId,
        String slaName,
        LocalDateTime dueAt,
        LocalDateTime breachedAt,
        String escalatedTo) {
}
