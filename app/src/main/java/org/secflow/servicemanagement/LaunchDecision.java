package org.secflow.servicemanagement;

import java.time.LocalDateTime;

/** 上线结论: the go/no-go decision of one round of pre-launch checks. */
public record LaunchDecision(String processInstanceId, String systemName, String decision, int findingCount,
                             String reason, String decidedBy, LocalDateTime decidedAt) {
}
