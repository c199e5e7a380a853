package org.secflow.studio;

import java.time.LocalDateTime;

/** A model being changed, kept on the server: its BPMN, its forms (id → form-js JSON) and who saved it last. */
public class ModelDraft {

    private Long id;
    private String processKey;
    private String baseDefinitionId;
    private String bpmnXml;
    private String formsJson;
    private int revision;
    private String createdBy;
    private String updatedBy;
    private LocalDateTime updatedAt;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getProcessKey() {
        return processKey;
    }

    public void setProcessKey(String processKey) {
        this.processKey = processKey;
    }

    public String getBaseDefinitionId() {
        return baseDefinitionId;
    }

    public void setBaseDefinitionId(String baseDefinitionId) {
        this.baseDefinitionId = baseDefinitionId;
    }

    public String getBpmnXml() {
        return bpmnXml;
    }

    public void setBpmnXml(String bpmnXml) {
        this.bpmnXml = bpmnXml;
    }

    public String getFormsJson() {
        return formsJson;
    }

    public void setFormsJson(String formsJson) {
        this.formsJson = formsJson;
    }

    public int getRevision() {
        return revision;
    }

    public void setRevision(int revision) {
        this.revision = revision;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }

    public LocalDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(LocalDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }
}
