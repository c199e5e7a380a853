package org.secflow.intel;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/**
 * A vulnerability item that names a product an asset of the ledger runs (row of {@code intel_asset_match}), with
 * the 漏洞预警 draft proposed for it (7.4.5.2 a), if any. The item's name, level and ids come along for the list.
 */
public class AssetMatch {

    private Long id;
    private long itemId;
    private long assetId;
    private String assetLabel;
    private String product;
    private Long noticeId;
    private LocalDateTime matchedAt;
    private String itemName;
    private String severity;
    private boolean knownExploited;
    private String cveId;
    private String source;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public long getItemId() { return itemId; }
    public void setItemId(long itemId) { this.itemId = itemId; }
    public long getAssetId() { return assetId; }
    public void setAssetId(long assetId) { this.assetId = assetId; }
    /** The asset as people know it: name (identifier, 使用方). */
    public String getAssetLabel() { return assetLabel; }
    public void setAssetLabel(String assetLabel) { this.assetLabel = assetLabel; }
    /** The asset's product line that matched (厂商|产品|版本). */
    public String getProduct() { return product; }
    public void setProduct(String product) { this.product = product; }
    /** The 漏洞预警 draft (/api/notices/{id}) proposed for a matched 超危/高危 or KEV vulnerability. */
    public Long getNoticeId() { return noticeId; }
    public void setNoticeId(Long noticeId) { this.noticeId = noticeId; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getMatchedAt() { return matchedAt; }
    public void setMatchedAt(LocalDateTime matchedAt) { this.matchedAt = matchedAt; }
    public String getItemName() { return itemName; }
    public void setItemName(String itemName) { this.itemName = itemName; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public boolean isKnownExploited() { return knownExploited; }
    public void setKnownExploited(boolean knownExploited) { this.knownExploited = knownExploited; }
    public String getCveId() { return cveId; }
    public void setCveId(String cveId) { this.cveId = cveId; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
}
