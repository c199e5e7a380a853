package org.secflow.alert;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/** One alert as a security device sent it (row of {@code alert}), in the group it was aggregated into. */
public class Alert {

    private Long id;
    private Long groupId;
    private String source;
    private String alertType;
    private String asset;
    private String severity;
    private String title;
    private String detail;
    private LocalDateTime occurredAt;
    private LocalDateTime receivedAt;
    private String receivedBy;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getGroupId() { return groupId; }
    public void setGroupId(Long groupId) { this.groupId = groupId; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getAlertType() { return alertType; }
    public void setAlertType(String alertType) { this.alertType = alertType; }
    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getOccurredAt() { return occurredAt; }
    public void setOccurredAt(LocalDateTime occurredAt) { this.occurredAt = occurredAt; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getReceivedAt() { return receivedAt; }
    public void setReceivedAt(LocalDateTime receivedAt) { this.receivedAt = receivedAt; }
    public String getReceivedBy() { return receivedBy; }
    public void setReceivedBy(String receivedBy) { this.receivedBy = receivedBy; }
}
