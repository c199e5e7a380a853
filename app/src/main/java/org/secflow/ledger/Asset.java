package org.secflow.ledger;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One asset of the ledger (row of {@code asset}). */
public class Asset {

    private Long id;
    private String kind;
    private String name;
    private String identifier;
    private String ownerUnit;
    private String gradingLevel;
    private String gradingFiling;
    private String ipFiling;
    private String icpFilingNumber;
    private String exposure;
    private String state;
    private Long parentId;
    private boolean pendingConfirmation;
    private String discoverySource;
    private String description;
    private String products;
    private String createdBy;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
    private LocalDateTime retiredAt;
    private LocalDateTime lastSeenAt;

    /** How the asset is named in ledger lines and messages: identifier and name. */
    public String label() {
        return identifier.equals(name) ? identifier : identifier + " " + name;
    }

    /** The values a change may set, by field name, in the order the ledger lists them. */
    Map<String, Object> changeableValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("identifier", identifier);
        values.put("ownerUnit", ownerUnit);
        values.put("gradingLevel", gradingLevel);
        values.put("gradingFiling", gradingFiling);
        values.put("ipFiling", ipFiling);
        values.put("icpFilingNumber", icpFilingNumber);
        values.put("exposure", exposure);
        values.put("parentId", parentId);
        values.put("pendingConfirmation", pendingConfirmation);
        values.put("description", description);
        values.put("products", products);
        return values;
    }

    Asset copy() {
        Asset copy = new Asset();
        copy.id = id;
        copy.kind = kind;
        copy.name = name;
        copy.identifier = identifier;
        copy.ownerUnit = ownerUnit;
        copy.gradingLevel = gradingLevel;
        copy.gradingFiling = gradingFiling;
        copy.ipFiling = ipFiling;
        copy.icpFilingNumber = icpFilingNumber;
        copy.exposure = exposure;
        copy.state = state;
        copy.parentId = parentId;
        copy.pendingConfirmation = pendingConfirmation;
        copy.discoverySource = discoverySource;
        copy.description = description;
        copy.products = products;
        copy.createdBy = createdBy;
        copy.createdAt = createdAt;
        copy.updatedAt = updatedAt;
        copy.retiredAt = retiredAt;
        copy.lastSeenAt = lastSeenAt;
        return copy;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdentifier() { return identifier; }
    public void setIdentifier(String identifier) { this.identifier = identifier; }
    public String getOwnerUnit() { return ownerUnit; }
    public void setOwnerUnit(String ownerUnit) { this.ownerUnit = ownerUnit; }
    public String getGradingLevel() { return gradingLevel; }
    public void setGradingLevel(String gradingLevel) { this.gradingLevel = gradingLevel; }
    public String getGradingFiling() { return gradingFiling; }
    public void setGradingFiling(String gradingFiling) { this.gradingFiling = gradingFiling; }
    public String getIpFiling() { return ipFiling; }
    public void setIpFiling(String ipFiling) { this.ipFiling = ipFiling; }
    public String getIcpFilingNumber() { return icpFilingNumber; }
    public void setIcpFilingNumber(String icpFilingNumber) { this.icpFilingNumber = icpFilingNumber; }
    public String getExposure() { return exposure; }
    public void setExposure(String exposure) { this.exposure = exposure; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public Long getParentId() { return parentId; }
    public void setParentId(Long parentId) { this.parentId = parentId; }
    public boolean isPendingConfirmation() { return pendingConfirmation; }
    public void setPendingConfirmation(boolean pendingConfirmation) { this.pendingConfirmation = pendingConfirmation; }
    public String getDiscoverySource() { return discoverySource; }
    public void setDiscoverySource(String discoverySource) { this.discoverySource = discoverySource; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    /** 产品及版本: one line per product the asset runs, {@code 厂商|产品|版本} (vulnerability intelligence matches them). */
    public String getProducts() { return products; }
    public void setProducts(String products) { this.products = products; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(LocalDateTime updatedAt) { this.updatedAt = updatedAt; }
    public LocalDateTime getRetiredAt() { return retiredAt; }
    public void setRetiredAt(LocalDateTime retiredAt) { this.retiredAt = retiredAt; }
    public LocalDateTime getLastSeenAt() { return lastSeenAt; }
    public void setLastSeenAt(LocalDateTime lastSeenAt) { this.lastSeenAt = lastSeenAt; }
}
