package org.secflow.decision;

/**
 * What is known about an incident when it is graded (GB/T 20986—2023 §6.2). Values are the
 * standard's Chinese terms, e.g. objectImportance "特别重要", systemLoss "严重", socialImpact "较大",
 * reporterType "党政机关". The rules only read this bean; the caller validates the values first.
 */
public class IncidentFacts {

    private String objectImportance;
    private String systemLoss;
    private String socialImpact;
    private String reporterType;
    // Optional thresholds of 《网络安全事件报告管理办法》 that raise the grade on their own; 0 = not applicable.
    private long leakedPersonalInfoRecords;
    private int provincialPortalOutageHours;

    public IncidentFacts() {
    }

    public IncidentFacts(String objectImportance, String systemLoss, String socialImpact, String reporterType) {
        this.objectImportance = objectImportance;
        this.systemLoss = systemLoss;
        this.socialImpact = socialImpact;
        this.reporterType = reporterType;
    }

    /** 事件影响对象的重要程度: 特别重要 / 重要 / 一般. */
    public String getObjectImportance() {
        return objectImportance;
    }

    public void setObjectImportance(String objectImportance) {
        this.objectImportance = objectImportance;
    }

    /** 损失: 特别严重 / 严重 / 较大 / 较小. */
    public String getSystemLoss() {
        return systemLoss;
    }

    public void setSystemLoss(String systemLoss) {
        this.systemLoss = systemLoss;
    }

    /** 社会影响: 特别重大 / 重大 / 较大 / 一般. */
    public String getSocialImpact() {
        return socialImpact;
    }

    public void setSocialImpact(String socialImpact) {
        this.socialImpact = socialImpact;
    }

    /** 关键信息基础设施运营者 / 党政机关 / 其他网络运营者. */
    public String getReporterType() {
        return reporterType;
    }

    public void setReporterType(String reporterType) {
        this.reporterType = reporterType;
    }

    /** Number of citizens' personal information records leaked; 0 when none or unknown. */
    public long getLeakedPersonalInfoRecords() {
        return leakedPersonalInfoRecords;
    }

    public void setLeakedPersonalInfoRecords(long leakedPersonalInfoRecords) {
        this.leakedPersonalInfoRecords = leakedPersonalInfoRecords;
    }

    /** Hours a party or government portal at provincial level or above has been down; 0 when none. */
    public int getProvincialPortalOutageHours() {
        return provincialPortalOutageHours;
    }

    public void setProvincialPortalOutageHours(int provincialPortalOutageHours) {
        this.provincialPortalOutageHours = provincialPortalOutageHours;
    }

    @Override
    public String toString() {
        return "IncidentFacts{objectImportance=" + objectImportance
                + ", systemLoss=" + systemLoss
                + ", socialImpact=" + socialImpact
                + ", reporterType=" + reporterType
                + ", leakedPersonalInfoRecords=" + leakedPersonalInfoRecords
                + ", provincialPortalOutageHours=" + provincialPortalOutageHours + "}";
    }
}
