package org.secflow.ledger;

import java.time.LocalDateTime;

/** What one discovery import saw of an asset (7.4.1.4, 7.4.1.5); null where the tool did not say. */
public record Observation(Long assetId, long importId, LocalDateTime observedAt, Boolean resolves, Boolean portOpen) {
}
