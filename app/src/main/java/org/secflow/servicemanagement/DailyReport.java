package org.secflow.servicemanagement;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** 重保日报: one day of a protection period. */
public record DailyReport(String processInstanceId, LocalDate reportDate, int alerts, int incidents, String summary,
                          String recordedBy, LocalDateTime recordedAt) {
}
