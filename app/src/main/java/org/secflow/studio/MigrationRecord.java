package org.secflow.studio;

import java.time.LocalDateTime;

/** A migration an administrator ran: the plan, how many instances, sync or batch, who, when, the results. */
public class MigrationRecord {

    private Long id;
    private String sourceDefinitionId;
    private String targetDefinitionId;
    private String planJson;
    private int instanceCount;
    private String mode;
    private String batchId;
    private String startedBy;
    private LocalDateTime startedAt;
    private String resultsJson;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getSourceDefinitionId() {
        return sourceDefinitionId;
    }

    public void setSourceDefinitionId(String sourceDefinitionId) {
        this.sourceDefinitionId = sourceDefinitionId;
    }

    public String getTargetDefinitionId() {
        return targetDefinitionId;
    }

    public void setTargetDefinitionId(String targetDefinitionId) {
        this.targetDefinitionId = targetDefinitionId;
    }

    public String getPlanJson() {
        return planJson;
    }

    public void setPlanJson(String planJson) {
        this.planJson = planJson;
    }

    public int getInstanceCount() {
        return instanceCount;
    }

    public void setInstanceCount(int instanceCount) {
        this.instanceCount = instanceCount;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getBatchId() {
        return batchId;
    }

    public void setBatchId(String batchId) {
        this.batchId = batchId;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public void setStartedBy(String startedBy) {
        this.startedBy = startedBy;
    }

    public LocalDateTime getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(LocalDateTime startedAt) {
        this.startedAt = startedAt;
    }

    public String getResultsJson() {
        return resultsJson;
    }

    public void setResultsJson(String resultsJson) {
        this.resultsJson = resultsJson;
    }
}
