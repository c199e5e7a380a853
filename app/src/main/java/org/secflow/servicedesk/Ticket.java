package org.secflow.servicedesk;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.secflow.crypto.PersonalData;

/** A service request at the service desk (row of {@code ticket}), with its SLA and the process that serves it. */
public class Ticket {

    private Long id;
    private String kind;
    private String channel;
    private String priority;
    private String status;
    private String title;
    private String description;
    private String requestingUnit;
    private String contactPerson;
    private String contactInfo;
    private String assignee;
    private String resolution;
    private LocalDateTime responseDue;
    private LocalDateTime resolveDue;
    private LocalDateTime firstResponseAt;
    private String firstResponseBy;
    private LocalDateTime resolvedAt;
    private LocalDateTime closedAt;
    private String processInstanceId;
    private String createdBy;
    private LocalDateTime createdAt;

    /** The fields that hold personal data (SM4-encrypted at rest, masked unless revealed). */
    static final List<String> PERSONAL_FIELDS = List.of("contactPerson", "contactInfo");

    /** Masks the personal data of this answer (138****8000, z***@example.com, 张**). */
    Ticket masked() {
        contactPerson = PersonalData.maskName(contactPerson);
        contactInfo = PersonalData.maskContact(contactInfo);
        return this;
    }

    /** Seconds from creation to the first response (acceptance): the KPI of the desk's response time. */
    public Long getResponseSeconds() {
        return firstResponseAt == null ? null : Duration.between(createdAt, firstResponseAt).getSeconds();
    }

    /** Whether the first response came within its deadline; null while not yet responded. */
    public Boolean getRespondedInTime() {
        return firstResponseAt == null ? null : !firstResponseAt.isAfter(responseDue);
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getPriority() { return priority; }
    public void setPriority(String priority) { this.priority = priority; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getRequestingUnit() { return requestingUnit; }
    public void setRequestingUnit(String requestingUnit) { this.requestingUnit = requestingUnit; }
    public String getContactPerson() { return contactPerson; }
    public void setContactPerson(String contactPerson) { this.contactPerson = contactPerson; }
    public String getContactInfo() { return contactInfo; }
    public void setContactInfo(String contactInfo) { this.contactInfo = contactInfo; }
    public String getAssignee() { return assignee; }
    public void setAssignee(String assignee) { this.assignee = assignee; }
    public String getResolution() { return resolution; }
    public void setResolution(String resolution) { this.resolution = resolution; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getResponseDue() { return responseDue; }
    public void setResponseDue(LocalDateTime responseDue) { this.responseDue = responseDue; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getResolveDue() { return resolveDue; }
    public void setResolveDue(LocalDateTime resolveDue) { this.resolveDue = resolveDue; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getFirstResponseAt() { return firstResponseAt; }
    public void setFirstResponseAt(LocalDateTime firstResponseAt) { this.firstResponseAt = firstResponseAt; }
    public String getFirstResponseBy() { return firstResponseBy; }
    public void setFirstResponseBy(String firstResponseBy) { this.firstResponseBy = firstResponseBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(LocalDateTime resolvedAt) { this.resolvedAt = resolvedAt; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getClosedAt() { return closedAt; }
    public void setClosedAt(LocalDateTime closedAt) { this.closedAt = closedAt; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
}
