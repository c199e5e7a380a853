package org.secflow.ledger;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Opens the investigation of unknown assets (7.4.1.4) with what the discovery imports left to confirm:
 * the ledger's assets marked 待确认, one per line, so that the engineer starts from the platform's list
 * instead of copying it. What the engineer already entered is kept.
 */
@Component("pendingAssets")
class PendingAssetsListener implements TaskListener {

    /** More would not fit the form's text field; the rest is in the asset list (待确认). */
    static final int LISTED = 100;

    private final AssetMapper assets;

    PendingAssetsListener(AssetMapper assets) {
        this.assets = assets;
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getVariable("unknownAssets") != null) {
            return;
        }
        AssetFilter pending = new AssetFilter(null, null, null, null, true, null);
        long count = assets.count(pending);
        if (count == 0) {
            return;
        }
        List<Asset> listed = assets.find(pending, LISTED, 0);
        String lines = listed.stream()
                .map(asset -> asset.getIdentifier() + "（" + asset.getKind()
                        + (asset.getDiscoverySource() == null ? "" : "，来源：" + asset.getDiscoverySource()) + "）")
                .collect(Collectors.joining("\n"));
        if (count > LISTED) {
            lines += "\n……另有 " + (count - LISTED) + " 项，见资产台账「待确认」";
        }
        task.getExecution().setVariable("unknownAssetsFound", true);
        task.getExecution().setVariable("unknownAssets", lines);
    }
}
