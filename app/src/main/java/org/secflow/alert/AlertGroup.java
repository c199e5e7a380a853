package org.secflow.alert;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/**
 * Alerts of one source, type and asset that arrived within the aggregation window of each other
 * (row of {@code alert_group}): triaged once; an incident starts emergency response (7.5.1).
 */
public class AlertGroup {

    /** Waiting for triage: new alerts of the same key still join it. */
    public static final String OPEN = "待研判";
    /** Triaged: closed for new alerts and for another triage. */
    public static final String CLOSED = "已研判";

    private Long id;
    private String source;
    private String alertType;
    private String asset;
    private String severity;
    private int alertCount;
    private LocalDateTime firstSeenAt;
    private LocalDateTime lastSeenAt;
    private String status;
    private String outcome;
    private String triageNote;
    private String triagedBy;
    private LocalDateTime triagedAt;
    private Long incidentId;
    private String processInstanceId;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getAlertType() { return alertType; }
    public void setAlertType(String alertType) { this.alertType = alertType; }
    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public int getAlertCount() { return alertCount; }
    public void setAlertCount(int alertCount) { this.alertCount = alertCount; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getFirstSeenAt() { return firstSeenAt; }
    public void setFirstSeenAt(LocalDateTime firstSeenAt) { this.firstSeenAt = firstSeenAt; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getLastSeenAt() { return lastSeenAt; }
    public void setLastSeenAt(LocalDateTime lastSeenAt) { this.lastSeenAt = lastSeenAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getTriageNote() { return triageNote; }
    public void setTriageNote(String triageNote) { this.triageNote = triageNote; }
    public String getTriagedBy() { return triagedBy; }
    public void setTriagedBy(String triagedBy) { this.triagedBy = triagedBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getTriagedAt() { return triagedAt; }
    public void setTriagedAt(LocalDateTime triagedAt) { this.triagedAt = triagedAt; }
    public Long getIncidentId() { return incidentId; }
    public void setIncidentId(Long incidentId) { this.incidentId = incidentId; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
}
