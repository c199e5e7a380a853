package org.secflow.incident;

import java.time.LocalDateTime;

/** The incident record (row of {@code incident}): what was reported, its current grade and deadlines. */
public class Incident {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    private Long id;
    private String processInstanceId;
    private String title;
    private String description;
    private String category;
    private String subcategory;
    private String objectImportance;
    private String systemLoss;
    private String socialImpact;
    private String reporterType;
    private String channel;
    private String affectedAssets;
    private String measuresTaken;
    private String grade;
    private String gradeName;
    private boolean mustReport;
    private LocalDateTime firstReportDue;
    private LocalDateTime respondDue;
    private LocalDateTime onSiteDue;
    private LocalDateTime resolveDue;
    private LocalDateTime reportDue;
    private String status;
    private String reportedBy;
    private LocalDateTime reportedAt;
    private LocalDateTime closedAt;
    private Integer ruleSetVersion;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getSubcategory() { return subcategory; }
    public void setSubcategory(String subcategory) { this.subcategory = subcategory; }
    public String getObjectImportance() { return objectImportance; }
    public void setObjectImportance(String objectImportance) { this.objectImportance = objectImportance; }
    public String getSystemLoss() { return systemLoss; }
    public void setSystemLoss(String systemLoss) { this.systemLoss = systemLoss; }
    public String getSocialImpact() { return socialImpact; }
    public void setSocialImpact(String socialImpact) { this.socialImpact = socialImpact; }
    public String getReporterType() { return reporterType; }
    public void setReporterType(String reporterType) { this.reporterType = reporterType; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getAffectedAssets() { return affectedAssets; }
    public void setAffectedAssets(String affectedAssets) { this.affectedAssets = affectedAssets; }
    public String getMeasuresTaken() { return measuresTaken; }
    public void setMeasuresTaken(String measuresTaken) { this.measuresTaken = measuresTaken; }
    public String getGrade() { return grade; }
    public void setGrade(String grade) { this.grade = grade; }
    public String getGradeName() { return gradeName; }
    public void setGradeName(String gradeName) { this.gradeName = gradeName; }
    public boolean isMustReport() { return mustReport; }
    public void setMustReport(boolean mustReport) { this.mustReport = mustReport; }
    public LocalDateTime getFirstReportDue() { return firstReportDue; }
    public void setFirstReportDue(LocalDateTime firstReportDue) { this.firstReportDue = firstReportDue; }
    public LocalDateTime getRespondDue() { return respondDue; }
    public void setRespondDue(LocalDateTime respondDue) { this.respondDue = respondDue; }
    public LocalDateTime getOnSiteDue() { return onSiteDue; }
    public void setOnSiteDue(LocalDateTime onSiteDue) { this.onSiteDue = onSiteDue; }
    public LocalDateTime getResolveDue() { return resolveDue; }
    public void setResolveDue(LocalDateTime resolveDue) { this.resolveDue = resolveDue; }
    /** Version of the rule set that decided the grade and the deadlines above. */
    public Integer getRuleSetVersion() { return ruleSetVersion; }
    public void setRuleSetVersion(Integer ruleSetVersion) { this.ruleSetVersion = ruleSetVersion; }
    public LocalDateTime getReportDue() { return reportDue; }
    public void setReportDue(LocalDateTime reportDue) { this.reportDue = reportDue; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getReportedBy() { return reportedBy; }
    public void setReportedBy(String reportedBy) { this.reportedBy = reportedBy; }
    public LocalDateTime getReportedAt() { return reportedAt; }
    public void setReportedAt(LocalDateTime reportedAt) { this.reportedAt = reportedAt; }
    public LocalDateTime getClosedAt() { return closedAt; }
    public void setClosedAt(LocalDateTime closedAt) { this.closedAt = closedAt; }
}
