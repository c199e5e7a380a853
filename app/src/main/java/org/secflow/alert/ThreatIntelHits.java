package org.secflow.alert;

import java.util.List;

/**
 * The threat intelligence library as alert triage sees it (7.2.7.5, 7.2.9.4, 7.4.4.4 关联威胁情报库): implemented
 * by the intelligence capability, so that alerts need not know how indicators are kept.
 */
public interface ThreatIntelHits {

    /** Records which valid (not expired) indicators the alert names; called in the transaction that stores it. */
    void match(Alert alert);

    /** The hits of a group's alerts, newest first. */
    List<IntelHit> ofGroup(long groupId);

    /** An alert that named an indicator: what matched, who said so, how sure, until when. */
    record IntelHit(long alertId, long itemId, String indicatorType, String indicator, String source, int confidence,
                    String name, java.time.OffsetDateTime validUntil, java.time.OffsetDateTime matchedAt) {
    }
}
