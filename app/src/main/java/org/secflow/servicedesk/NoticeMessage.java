package org.secflow.servicedesk;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;

/** A notice delivered to one user's in-platform inbox (row of {@code notice_message}), with its read receipt. */
public class NoticeMessage {

    private Long id;
    private Long noticeId;
    private String userId;
    private LocalDateTime deliveredAt;
    private LocalDateTime readAt;
    private String noticeNo;
    private String kind;
    private String title;
    private String reportingUnit;
    private LocalDateTime submittedAt;

    public boolean isRead() { return readAt != null; }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getNoticeId() { return noticeId; }
    public void setNoticeId(Long noticeId) { this.noticeId = noticeId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(LocalDateTime deliveredAt) { this.deliveredAt = deliveredAt; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getReadAt() { return readAt; }
    public void setReadAt(LocalDateTime readAt) { this.readAt = readAt; }
    public String getNoticeNo() { return noticeNo; }
    public void setNoticeNo(String noticeNo) { this.noticeNo = noticeNo; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getReportingUnit() { return reportingUnit; }
    public void setReportingUnit(String reportingUnit) { this.reportingUnit = reportingUnit; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getSubmittedAt() { return submittedAt; }
    public void setSubmittedAt(LocalDateTime submittedAt) { this.submittedAt = submittedAt; }
}
