package org.secflow.servicedesk;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A security notice (7.4.5.2, row of {@code notice}) with the information elements of
 * GB/T 43557—2023: every notice 编号, 名称, 报送时间, 报送单位/人员; a vulnerability notice also
 * 发现时间, 漏洞类型 and 级别, its CVE/CNVD/CNNVD ids, 影响范围, 危害后果 and 关联信息.
 */
public class Notice {

    public static final String DRAFT = "草稿";
    public static final String PUBLISHED = "已发布";

    private Long id;
    private String noticeNo;
    private String kind;
    private String title;
    private String content;
    private String reportingUnit;
    private String reporter;
    private String status;
    private LocalDateTime discoveredAt;
    private String vulnType;
    private String vulnLevel;
    private String cveId;
    private String cnvdId;
    private String cnnvdId;
    private String affectedScope;
    private String consequence;
    private String relatedInfo;
    private String createdBy;
    private LocalDateTime createdAt;
    private LocalDateTime submittedAt;
    private String processInstanceId;
    private List<Recipient> recipients;

    /** The 安全通告 process (7.4.5) the notice belongs to, if any: its document is kept with that process. */
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getNoticeNo() { return noticeNo; }
    public void setNoticeNo(String noticeNo) { this.noticeNo = noticeNo; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public String getReportingUnit() { return reportingUnit; }
    public void setReportingUnit(String reportingUnit) { this.reportingUnit = reportingUnit; }
    /** Masks the reporter's name in this answer (张**). */
    Notice masked() {
        reporter = org.secflow.crypto.PersonalData.maskName(reporter);
        return this;
    }

    public String getReporter() { return reporter; }
    public void setReporter(String reporter) { this.reporter = reporter; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getDiscoveredAt() { return discoveredAt; }
    public void setDiscoveredAt(LocalDateTime discoveredAt) { this.discoveredAt = discoveredAt; }
    public String getVulnType() { return vulnType; }
    public void setVulnType(String vulnType) { this.vulnType = vulnType; }
    public String getVulnLevel() { return vulnLevel; }
    public void setVulnLevel(String vulnLevel) { this.vulnLevel = vulnLevel; }
    public String getCveId() { return cveId; }
    public void setCveId(String cveId) { this.cveId = cveId; }
    public String getCnvdId() { return cnvdId; }
    public void setCnvdId(String cnvdId) { this.cnvdId = cnvdId; }
    public String getCnnvdId() { return cnnvdId; }
    public void setCnnvdId(String cnnvdId) { this.cnnvdId = cnnvdId; }
    public String getAffectedScope() { return affectedScope; }
    public void setAffectedScope(String affectedScope) { this.affectedScope = affectedScope; }
    public String getConsequence() { return consequence; }
    public void setConsequence(String consequence) { this.consequence = consequence; }
    public String getRelatedInfo() { return relatedInfo; }
    public void setRelatedInfo(String relatedInfo) { this.relatedInfo = relatedInfo; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
    /** 报送时间: when it was published, to the second. */
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getSubmittedAt() { return submittedAt; }
    public void setSubmittedAt(LocalDateTime submittedAt) { this.submittedAt = submittedAt; }
    public List<Recipient> getRecipients() { return recipients; }
    public void setRecipients(List<Recipient> recipients) { this.recipients = recipients; }

    /** A user or a group the notice is addressed to. */
    public record Recipient(String type, String id) {
        public static final String USER = "USER";
        public static final String GROUP = "GROUP";
    }
}
