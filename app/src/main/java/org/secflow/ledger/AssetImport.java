package org.secflow.ledger;

import java.time.LocalDateTime;

/** One import of discovered assets (row of {@code asset_import}). */
public class AssetImport {

    private Long id;
    private String fileName;
    private String source;
    private int matchedCount;
    private int unknownCount;
    private String importedBy;
    private LocalDateTime importedAt;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getFileName() { return fileName; }
    public void setFileName(String fileName) { this.fileName = fileName; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public int getMatchedCount() { return matchedCount; }
    public void setMatchedCount(int matchedCount) { this.matchedCount = matchedCount; }
    public int getUnknownCount() { return unknownCount; }
    public void setUnknownCount(int unknownCount) { this.unknownCount = unknownCount; }
    public String getImportedBy() { return importedBy; }
    public void setImportedBy(String importedBy) { this.importedBy = importedBy; }
    public LocalDateTime getImportedAt() { return importedAt; }
    public void setImportedAt(LocalDateTime importedAt) { this.importedAt = importedAt; }
}
