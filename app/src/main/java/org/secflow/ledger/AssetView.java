package org.secflow.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import org.secflow.process.EngineTime;

/** An asset as the API shows it, with the lifecycle transitions its state allows. */
public record AssetView(long id, String kind, String name, String identifier, String ownerUnit, String gradingLevel,
                        String gradingFiling, String ipFiling, String icpFilingNumber, String exposure, String state,
                        List<String> allowedTransitions, Long parentId, boolean pendingConfirmation,
                        String discoverySource, String description, String products, String createdBy, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt, OffsetDateTime retiredAt, OffsetDateTime lastSeenAt) {

    static AssetView of(Asset a) {
        return new AssetView(a.getId(), a.getKind(), a.getName(), a.getIdentifier(), a.getOwnerUnit(),
                a.getGradingLevel(), a.getGradingFiling(), a.getIpFiling(), a.getIcpFilingNumber(), a.getExposure(),
                a.getState(), AssetVocabulary.TRANSITIONS.getOrDefault(a.getState(), List.of()), a.getParentId(),
                a.isPendingConfirmation(), a.getDiscoverySource(), a.getDescription(), a.getProducts(), a.getCreatedBy(),
                EngineTime.forDisplay(a.getCreatedAt()), EngineTime.forDisplay(a.getUpdatedAt()),
                EngineTime.forDisplay(a.getRetiredAt()), EngineTime.forDisplay(a.getLastSeenAt()));
    }

    /** One line of an asset's history: a change over the API, an import, or a process's record step. */
    public record HistoryEntry(OffsetDateTime recordedAt, String recordedBy, String asset, String field, String fieldLabel,
                               String valueBefore, String valueAfter, String description, String clause,
                               String processInstanceId, String processDefinitionKey) {

        static HistoryEntry of(LedgerLine line) {
            return new HistoryEntry(EngineTime.forDisplay(line.recordedAt()), line.recordedBy(), line.asset(), line.field(),
                    line.field() == null ? null : AssetVocabulary.label(line.field()), line.valueBefore(),
                    line.valueAfter(), line.changeDescription(), line.clause(), line.rootProcessInstanceId(),
                    line.processDefinitionKey());
        }
    }

    /** A retired asset (7.4.1.5) with what a discovery still saw of it or of its sub-domains and ports. */
    public record ReclamationItem(AssetView asset, List<Finding> findings) {
    }

    /** One sub-domain that still resolved or port still open, as last observed after the retirement. */
    public record Finding(long assetId, String kind, String identifier, OffsetDateTime observedAt, boolean resolves,
                          boolean portOpen, String problem) {
    }
}
