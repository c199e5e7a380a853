package org.secflow.decision;

import java.time.Duration;

/**
 * What the incident rules decided. Filled by the rules only (grading, reporting, SLA); Java code
 * reads it. Durations are ISO-8601 in the rule files and typed here.
 */
public class IncidentDecision {

    private int ruleSetVersion;

    private String grade;
    private String gradeName;
    private boolean mustReport;
    private Duration firstReportWithin;
    private Duration summaryReportWithin;
    private Duration respondWithin;
    private Duration onSiteWithin;
    private Duration resolveWithin;
    private Duration reportWithin;
    private String escalationGroup;

    /** "I", "II", "III" or "IV"; null until the grading rules ran. */
    public String getGrade() {
        return grade;
    }

    public void setGrade(String grade) {
        this.grade = grade;
    }

    /** 特别重大, 重大, 较大 or 一般. */
    public String getGradeName() {
        return gradeName;
    }

    public void setGradeName(String gradeName) {
        this.gradeName = gradeName;
    }

    /** Whether the incident must be reported to the authorities (grade III or above). */
    public boolean isMustReport() {
        return mustReport;
    }

    public void setMustReport(boolean mustReport) {
        this.mustReport = mustReport;
    }

    /** Deadline of the first report after grading; null when there is no duty to report. */
    public Duration getFirstReportWithin() {
        return firstReportWithin;
    }

    public void setFirstReportWithin(Duration firstReportWithin) {
        this.firstReportWithin = firstReportWithin;
    }

    /** Deadline of the summary report after handling ends; null when there is no duty to report. */
    public Duration getSummaryReportWithin() {
        return summaryReportWithin;
    }

    public void setSummaryReportWithin(Duration summaryReportWithin) {
        this.summaryReportWithin = summaryReportWithin;
    }

    public Duration getRespondWithin() {
        return respondWithin;
    }

    public void setRespondWithin(Duration respondWithin) {
        this.respondWithin = respondWithin;
    }

    public Duration getOnSiteWithin() {
        return onSiteWithin;
    }

    public void setOnSiteWithin(Duration onSiteWithin) {
        this.onSiteWithin = onSiteWithin;
    }

    public Duration getResolveWithin() {
        return resolveWithin;
    }

    public void setResolveWithin(Duration resolveWithin) {
        this.resolveWithin = resolveWithin;
    }

    /** Service-level deadline of the incident report to the customer (SLA table). */
    public Duration getReportWithin() {
        return reportWithin;
    }

    public void setReportWithin(Duration reportWithin) {
        this.reportWithin = reportWithin;
    }

    /** Candidate group that timers escalate to when an SLA deadline passes. */
    public String getEscalationGroup() {
        return escalationGroup;
    }

    public void setEscalationGroup(String escalationGroup) {
        this.escalationGroup = escalationGroup;
    }

    /** The version of the rule set that made this decision (set by DecisionService, not by the rules). */
    public int getRuleSetVersion() {
        return ruleSetVersion;
    }

    public void setRuleSetVersion(int ruleSetVersion) {
        this.ruleSetVersion = ruleSetVersion;
    }

    @Override
    public String toString() {
        return "IncidentDecision{grade=" + grade
                + ", gradeName=" + gradeName
                + ", mustReport=" + mustReport
                + ", firstReportWithin=" + firstReportWithin
                + ", summaryReportWithin=" + summaryReportWithin
                + ", respondWithin=" + respondWithin
                + ", onSiteWithin=" + onSiteWithin
                + ", resolveWithin=" + resolveWithin
                + ", reportWithin=" + reportWithin
                + ", escalationGroup=" + escalationGroup + "}";
    }
}
