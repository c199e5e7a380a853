package org.secflow.audit;

import java.time.LocalDateTime;

/** One audited history event; sealed entries carry their place in the chain. */
public class AuditEntry {

    private Long id;
    private String eventType;
    private String processInstanceId;
    private String actor;
    private LocalDateTime occurredAt;
    private String content;
    private String contentHash;
    private Long chainSeq;
    private String prevHash;
    private String entryHash;
    private String algorithm;
    private String keyId;
    private String legacyEntryHash;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getEventType() { return eventType; }
    public void setEventType(String eventType) { this.eventType = eventType; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public LocalDateTime getOccurredAt() { return occurredAt; }
    public void setOccurredAt(LocalDateTime occurredAt) { this.occurredAt = occurredAt; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public String getContentHash() { return contentHash; }
    public void setContentHash(String contentHash) { this.contentHash = contentHash; }
    public Long getChainSeq() { return chainSeq; }
    public void setChainSeq(Long chainSeq) { this.chainSeq = chainSeq; }
    public String getPrevHash() { return prevHash; }
    public void setPrevHash(String prevHash) { this.prevHash = prevHash; }
    public String getEntryHash() { return entryHash; }
    public void setEntryHash(String entryHash) { this.entryHash = entryHash; }
    public String getAlgorithm() { return algorithm; }
    public void setAlgorithm(String algorithm) { this.algorithm = algorithm; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getLegacyEntryHash() { return legacyEntryHash; }
    public void setLegacyEntryHash(String legacyEntryHash) { this.legacyEntryHash = legacyEntryHash; }
}
