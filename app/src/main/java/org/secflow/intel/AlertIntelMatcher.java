package org.secflow.intel;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.secflow.alert.Alert;
import org.secflow.alert.ThreatIntelHits;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.springframework.stereotype.Component;

/**
 * Indicators ↔ incoming alerts (7.2.7.5, 7.4.4.4): every IP, domain, URL and file hash an alert names (asset, title,
 * detail) is looked up among the indicators valid when it arrives; each hit is kept with the alert and its group.
 */
@Component
class AlertIntelMatcher implements ThreatIntelHits {

    private final IntelMapper mapper;
    private final ApiPermissions permissions;

    AlertIntelMatcher(IntelMapper mapper, ApiPermissions permissions) {
        this.mapper = mapper;
        this.permissions = permissions;
    }

    @Override
    public void match(Alert alert) {
        Set<String> keys = Observables.lookupKeys(alert.getAsset(), alert.getTitle(), alert.getDetail());
        if (keys.isEmpty()) {
            return;
        }
        LocalDateTime at = alert.getReceivedAt() != null ? alert.getReceivedAt() : EngineTime.now();
        for (IntelItem indicator : mapper.findValidIndicators(keys, at)) {
            mapper.insertAlertHit(alert.getId(), alert.getGroupId(), indicator.getId(), at);
        }
    }

    /** Shown to those who may read the intelligence (staff and auditors by default); others see no hits. */
    @Override
    public List<IntelHit> ofGroup(long groupId) {
        if (!permissions.allows(PlatformPermission.READ, PlatformResource.THREAT_INTEL)) {
            return List.of();
        }
        List<IntelHit> hits = new ArrayList<>();
        for (IntelMapper.HitRow row : mapper.findHitsOfGroup(groupId)) {
            hits.add(new IntelHit(row.alertId(), row.itemId(), row.indicatorType(), row.indicatorValue(), row.source(),
                    row.confidence(), row.name(), EngineTime.forDisplay(row.validUntil()), EngineTime.forDisplay(row.matchedAt())));
        }
        return hits;
    }
}
