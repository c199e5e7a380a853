package org.secflow.emergencyplan;

import java.time.LocalDateTime;

/** Training on a plan version before publication (7.5.1.4). */
public record PlanTraining(
        String processInstanceId,
        String planVersion,
        LocalDateTime heldAt,
        String trainer,
        String participants,
        int participantCount,
        String content,
        String recordedBy) {
}
