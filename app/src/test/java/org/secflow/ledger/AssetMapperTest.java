package org.secflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secflow.process.EngineTime;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/** The ledger's tables through their mappers, on H2 and (with -Pmysql) on MySQL/MariaDB. */
@IntegrationTest
class AssetMapperTest {

    @Autowired AssetMapper assets;
    @Autowired LedgerLineMapper lines;

    @Test
    void anAssetIsKeptWithEveryFieldIncludingChineseText() {
        Asset asset = asset("网站", "https://" + Samples.domain() + "/", Samples.unique("广州市教育局"));
        asset.setIcpFilingNumber("粤ICP备12345678号-1");
        asset.setDescription("招生报名系统，含“个人信息”");
        assets.insert(asset);

        Asset found = assets.findById(asset.getId());

        assertThat(found).usingRecursiveComparison().isEqualTo(asset);
        assertThat(assets.findByKindAndIdentifier("网站", asset.getIdentifier()).getId()).isEqualTo(asset.getId());
    }

    @Test
    void anIdentifierIsUniquePerKindOnly() {
        String ip = Samples.ip();
        assets.insert(asset("IP", ip, "市政数局"));

        assertThatThrownBy(() -> assets.insert(asset("IP", ip, "市政数局"))).isInstanceOf(DuplicateKeyException.class);
        Asset host = asset("主机", ip, "市政数局");
        assets.insert(host);
        assertThat(assets.findByIdentifier(ip)).extracting(Asset::getKind).containsExactlyInAnyOrder("IP", "主机");
    }

    @Test
    void filtersCombineAndPagesCountTheWholeList() {
        String owner = Samples.unique("天河区政务服务数据管理局");
        Asset ip = asset("IP", Samples.ip(), owner);
        Asset site = asset("网站", "https://" + Samples.domain() + "/", owner);
        Asset pending = asset("子域名", Samples.domain(), owner);
        pending.setPendingConfirmation(true);
        List.of(ip, site, pending).forEach(assets::insert);

        AssetFilter byOwner = new AssetFilter(null, null, owner, null, null, null);
        assertThat(assets.count(byOwner)).isEqualTo(3);
        assertThat(assets.find(byOwner, 2, 2)).extracting(Asset::getId).containsExactly(pending.getId());
        assertThat(assets.find(new AssetFilter("网站", "在用", owner, "互联网", false, null), 20, 0))
                .extracting(Asset::getId).containsExactly(site.getId());
        assertThat(assets.find(new AssetFilter(null, null, null, null, true, owner.substring(2)), 20, 0))
                .extracting(Asset::getId).containsExactly(pending.getId());
        assertThat(assets.count(new AssetFilter(null, null, null, null, null, owner.replace("政务", "_%")))).isZero();
    }

    @Test
    void theReclamationListTakesOnlyTheLatestObservationAfterTheRetirement() {
        LocalDateTime retiredAt = LocalDateTime.of(2026, 10, 1, 0, 0);
        Asset system = asset("应用系统", Samples.unique("旧OA"), "市教育局");
        system.setState("下线回收");
        system.setRetiredAt(retiredAt);
        assets.insert(system);
        Asset sub = asset("子域名", Samples.domain(), "市教育局");
        sub.setParentId(system.getId());
        assets.insert(sub);
        Asset port = asset("端口/服务", Samples.ip() + ":8080", "市教育局");
        port.setParentId(system.getId());
        assets.insert(port);
        AssetImport scan = new AssetImport();
        scan.setFileName("q4.csv");
        scan.setSource("扫描器");
        scan.setImportedBy("operator");
        scan.setImportedAt(EngineTime.now());
        assets.insertImport(scan);

        assets.insertObservation(new Observation(sub.getId(), scan.getId(), retiredAt.minusDays(1), true, null));
        assets.insertObservation(new Observation(port.getId(), scan.getId(), retiredAt.plusDays(1), null, true));
        assets.insertObservation(new Observation(port.getId(), scan.getId(), retiredAt.plusDays(2), null, false));
        assertThat(rowsOf(system)).as("resolved only before, closed since").isEmpty();

        assets.insertObservation(new Observation(sub.getId(), scan.getId(), retiredAt.plusDays(3), true, null));
        assertThat(rowsOf(system)).extracting(ReclamationRow::observedId, ReclamationRow::resolves, ReclamationRow::observedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sub.getId(), true, retiredAt.plusDays(3)));
        assertThat(assets.findObservations(sub.getId())).hasSize(2);
    }

    @Test
    void aLedgerLineWithoutProcessBelongsToItsAssetWithItsValuesBeforeAndAfter() {
        Asset asset = asset("IP", Samples.ip(), "市政数局");
        assets.insert(asset);
        LocalDateTime at = EngineTime.now();

        lines.insert(new LedgerLine(null, null, "7.4.1.6", asset.label(), "定级：未定级 → 第二级", "engineer", at,
                asset.getId(), "gradingLevel", "未定级", "第二级"));

        assertThat(lines.findByAsset(asset.getId())).containsExactly(new LedgerLine(null, null, "7.4.1.6", asset.label(),
                "定级：未定级 → 第二级", "engineer", at, asset.getId(), "gradingLevel", "未定级", "第二级"));
        assertThat(assets.findIdsNamedBy(asset.getName(), List.of())).containsExactly(asset.getId());
        assertThat(assets.findIdsNamedBy("无关文字", List.of(asset.getIdentifier()))).containsExactly(asset.getId());
    }

    private List<ReclamationRow> rowsOf(Asset retired) {
        return assets.findReclamation("下线回收").stream().filter(row -> row.retiredId() == retired.getId()).toList();
    }

    private static Asset asset(String kind, String identifier, String owner) {
        Asset asset = new Asset();
        LocalDateTime now = EngineTime.now();
        asset.setKind(kind);
        asset.setName(kind + " " + identifier);
        asset.setIdentifier(identifier);
        asset.setOwnerUnit(owner);
        asset.setGradingLevel("第二级");
        asset.setGradingFiling("已备案");
        asset.setIpFiling("不适用");
        asset.setExposure(kind.equals("IP") ? "政务外网" : "互联网");
        asset.setState("在用");
        asset.setCreatedBy("operator");
        asset.setCreatedAt(now);
        asset.setUpdatedAt(now);
        return asset;
    }
}
