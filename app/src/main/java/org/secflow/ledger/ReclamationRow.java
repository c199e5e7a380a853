package org.secflow.ledger;

import java.time.LocalDateTime;

/**
 * A retired asset (7.4.1.5) and the latest observation, after its retirement, of it or of one of its
 * sub-domains/ports that still resolved or was still open.
 */
record ReclamationRow(long retiredId, long observedId, String observedKind, String observedIdentifier,
                      LocalDateTime observedAt, Boolean resolves, Boolean portOpen) {
}
