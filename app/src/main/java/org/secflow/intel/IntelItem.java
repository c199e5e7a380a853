package org.secflow.intel;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/** One item of threat or vulnerability intelligence (row of {@code intel_item}). */
public class IntelItem {

    private Long id;
    @com.fasterxml.jackson.annotation.JsonIgnore
    private String itemKey;
    private String kind;
    private Long importId;
    private String format;
    private String source;
    private String externalId;
    private String name;
    private String description;
    private String indicatorType;
    private String indicatorValue;
    private String indicatorHash;
    private String cveId;
    private String cnvdId;
    private String cnnvdId;
    private String severity;
    private boolean knownExploited;
    private String affectedProducts;
    private int confidence;
    private LocalDateTime publishedAt;
    private LocalDateTime validFrom;
    private LocalDateTime validUntil;
    private LocalDateTime createdAt;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getItemKey() { return itemKey; }
    public void setItemKey(String itemKey) { this.itemKey = itemKey; }
    /** 威胁指标 or 漏洞情报. */
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public Long getImportId() { return importId; }
    public void setImportId(Long importId) { this.importId = importId; }
    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }
    /** Who said it: the feed provider (STIX identity, NVD, CISA KEV, CNVD, CNNVD or as given at import). */
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    /** The id in the feed (STIX id, CVE, CNVD or CNNVD id). */
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    /** ip, domain, url or hash. */
    public String getIndicatorType() { return indicatorType; }
    public void setIndicatorType(String indicatorType) { this.indicatorType = indicatorType; }
    public String getIndicatorValue() { return indicatorValue; }
    public void setIndicatorValue(String indicatorValue) { this.indicatorValue = indicatorValue; }
    public String getIndicatorHash() { return indicatorHash; }
    public void setIndicatorHash(String indicatorHash) { this.indicatorHash = indicatorHash; }
    public String getCveId() { return cveId; }
    public void setCveId(String cveId) { this.cveId = cveId; }
    public String getCnvdId() { return cnvdId; }
    public void setCnvdId(String cnvdId) { this.cnvdId = cnvdId; }
    public String getCnnvdId() { return cnnvdId; }
    public void setCnnvdId(String cnnvdId) { this.cnnvdId = cnnvdId; }
    /** 超危, 高危, 中危 or 低危 (GB/T 30279 levels). */
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    /** Listed in CISA KEV: exploited in the wild. */
    public boolean isKnownExploited() { return knownExploited; }
    public void setKnownExploited(boolean knownExploited) { this.knownExploited = knownExploited; }
    /** JSON list of the products and version ranges it affects. */
    public String getAffectedProducts() { return affectedProducts; }
    public void setAffectedProducts(String affectedProducts) { this.affectedProducts = affectedProducts; }
    /** 0–100. */
    public int getConfidence() { return confidence; }
    public void setConfidence(int confidence) { this.confidence = confidence; }
    /** The item's own time in the feed (published, created or added). */
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getPublishedAt() { return publishedAt; }
    public void setPublishedAt(LocalDateTime publishedAt) { this.publishedAt = publishedAt; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDateTime validFrom) { this.validFrom = validFrom; }
    /** An indicator after this time no longer matches. */
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getValidUntil() { return validUntil; }
    public void setValidUntil(LocalDateTime validUntil) { this.validUntil = validUntil; }
    /** When it was imported. */
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }

    static final String INDICATOR = "威胁指标";
    static final String VULNERABILITY = "漏洞情报";

}
