package org.secflow.intel;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/** One imported intelligence feed file (row of {@code intel_import}) with what it added. */
public class IntelImport {

    private Long id;
    private String format;
    private String source;
    private String fileName;
    private String sha256;
    private int itemCount;
    private int newCount;
    private int knownCount;
    private int skippedCount;
    private int assetMatchCount;
    private int draftCount;
    private String importedBy;
    private LocalDateTime importedAt;
    private boolean duplicate;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    /** STIX, NVD, KEV or CSV. */
    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }
    /** Who provided the feed. */
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getFileName() { return fileName; }
    public void setFileName(String fileName) { this.fileName = fileName; }
    public String getSha256() { return sha256; }
    public void setSha256(String sha256) { this.sha256 = sha256; }
    /** Items the file holds (indicators and vulnerabilities it could read). */
    public int getItemCount() { return itemCount; }
    public void setItemCount(int itemCount) { this.itemCount = itemCount; }
    /** Items added by this import. */
    public int getNewCount() { return newCount; }
    public void setNewCount(int newCount) { this.newCount = newCount; }
    /** Items already known from an earlier import: not added again. */
    public int getKnownCount() { return knownCount; }
    public void setKnownCount(int knownCount) { this.knownCount = knownCount; }
    /** Objects of the file that are no intelligence we keep (other STIX objects, unsupported patterns). */
    public int getSkippedCount() { return skippedCount; }
    public void setSkippedCount(int skippedCount) { this.skippedCount = skippedCount; }
    /** Assets of the ledger whose products the new vulnerabilities name. */
    public int getAssetMatchCount() { return assetMatchCount; }
    public void setAssetMatchCount(int assetMatchCount) { this.assetMatchCount = assetMatchCount; }
    /** 漏洞预警 drafts proposed for matched 超危/高危 vulnerabilities. */
    public int getDraftCount() { return draftCount; }
    public void setDraftCount(int draftCount) { this.draftCount = draftCount; }
    public String getImportedBy() { return importedBy; }
    public void setImportedBy(String importedBy) { this.importedBy = importedBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getImportedAt() { return importedAt; }
    public void setImportedAt(LocalDateTime importedAt) { this.importedAt = importedAt; }
    /** The same file (SHA-256) was imported before: this is that import, nothing was added. */
    public boolean isDuplicate() { return duplicate; }
    public void setDuplicate(boolean duplicate) { this.duplicate = duplicate; }
}
