package org.secflow.staff;

import java.time.LocalDateTime;

/** One duty shift of one person (值班): of a 安全重保 roster (its process) or of the register's own duty plan. */
public record DutyShift(Long id, String userId, String post, LocalDateTime startsAt, LocalDateTime endsAt,
                        String processInstanceId, String recordedBy, LocalDateTime recordedAt) {
}
