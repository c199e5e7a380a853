package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.secflow.items.RecurringDuties.vars;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.DiscoveryImportService;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.4.1 资产管理: the service started by hand, and its quarterly duties, unknown-asset discovery
 * (7.4.1.4) and sub-domain/port clean-up with reclamation (7.4.1.5), started by their timers.
 */
@IntegrationTest
class AssetManagementProcessTest {

    static final String KEY = "assetManagement";
    static final String DISCOVERY = "unknownAssetDiscovery";
    static final String RECLAMATION = "assetReclamation";
    static final String LEDGER_RECORD = "资产信息台账更新记录";
    static final String DISCOVERY_RECORD = "未知资产扫描检测及处理记录与资产信息台账更新记录";
    static final String RECLAMATION_RECORD = "资产回收下线登记及资产信息台账更新记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    @Autowired DiscoveryImportService discoveryImports;
    @Autowired IdentityService identityService;
    ProcessDriver driver;
    RecurringDuties duties;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        duties = new RecurringDuties(engine);
    }

    // ---- the service

    @Test
    void accurateFilingsGoStraightToThePlatformAndTheLedgerRecord() {
        ProcessInstance pi = untilFilingCheck();
        checkFilings(pi, true);
        updatePlatform(pi);
        driver.recordService(pi, "纳管资产 128 项，台账已建立", "portal.gz.gov.cn 门户网站|纳入台账，ICP 备案已核对\n10.20.1.0/24 业务网段|纳入台账");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_onboardAssets", "userTask_establishLedger",
                "userTask_checkFilings", "userTask_updatePlatformAssets", "callActivity_recordService")
                .hasNotPassed("userTask_superviseUpdate");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause).containsExactly(
                tuple("portal.gz.gov.cn 门户网站", "7.4.1.7"), tuple("10.20.1.0/24 业务网段", "7.4.1.7"));
        assertThat(documents.latest(pi.getId(), LEDGER_RECORD).orElseThrow().html())
                .contains("资产管理 7.4.1", "纳管资产 128 项", "政务公众号 2 个", "在安全运营平台更新资产信息", "7.4.1.6");
    }

    @Test
    void inaccurateFilingsAreSupervisedByManagementAndCheckedAgain() {
        ProcessInstance pi = untilFilingCheck();
        checkFilings(pi, false);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_superviseUpdate");
        assertThat(driver.candidateGroups(pi, "userTask_superviseUpdate")).containsExactly("management");
        driver.complete(pi, "userTask_superviseUpdate", "manager", Map.of("supervisedParty", "广州市某委办局信息科",
                "supervisionNote", "5 个工作日内更正 ICP 备案信息"));

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_checkFilings");
        checkFilings(pi, true);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_updatePlatformAssets");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        confirmRequirement(pi);
        assertThat(driver.candidateGroups(pi, "userTask_onboardAssets")).containsExactly("operations");
    }

    // ---- 7.4.1.4 quarterly unknown-asset discovery

    @Test
    void quarterlyTimerStartsUnknownAssetDiscovery() {
        ProcessInstance pi = duties.fire(DISCOVERY);
        assertThat(pi).isWaitingAt("userTask_scanAssets");
        assertThat(driver.candidateGroups(pi, "userTask_scanAssets")).containsExactly("operations");
    }

    @Test
    void unknownAssetIsTrackedUntilHandledThenUpdatedOnThePlatformAndRecorded() {
        ProcessInstance pi = duties.fire(DISCOVERY);
        scanAndInvestigate(pi, true);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_trackUnknownAssets");

        driver.complete(pi, "userTask_trackUnknownAssets", "operator", Map.of(
                "trackingProgress", "已联系疑似归属单位，待确认", "unknownAssetsHandled", false));
        assertThat(driver.openTaskKeys(pi)).isEmpty();
        assertThat(duties.waitsForTimer(pi)).as("waits a day before tracking again").isTrue();
        duties.fireTimerOf(pi);
        driver.complete(pi, "userTask_trackUnknownAssets", "operator", Map.of(
                "trackingProgress", "归属区卫健委，已纳入台账", "unknownAssetsHandled", true));
        updatePlatform(pi);
        driver.recordService(pi, "发现未知资产 1 项，已纳管", "test.wjw.gz.gov.cn 测试站点|新发现，纳入台账");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassed("timer_nextTracking", "userTask_updatePlatformAssets");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause)
                .containsExactly(tuple("test.wjw.gz.gov.cn 测试站点", "7.4.1.4,7.4.1.7"));
        assertThat(documents.latest(pi.getId(), DISCOVERY_RECORD).orElseThrow().html())
                .contains("季度未知资产发现 7.4.1.4", "资产测绘工具 A", "归属区卫健委，已纳入台账");
    }

    @Test
    void quarterWithoutUnknownAssetsGoesStraightToTheRecord() {
        ProcessInstance pi = duties.fire(DISCOVERY);
        scanAndInvestigate(pi, false);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        driver.recordService(pi, "本季度未发现未知资产", "");
        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasNotPassed("userTask_trackUnknownAssets", "userTask_updatePlatformAssets");
        assertThat(documents.latest(pi.getId(), DISCOVERY_RECORD)).isPresent();
    }

    // ---- 7.4.1.5 quarterly sub-domain / port clean-up

    @Test
    void quarterlyTimerStartsTheSubdomainAndPortCleanUp() {
        ProcessInstance pi = duties.fire(RECLAMATION);
        assertThat(pi).isWaitingAt("userTask_inventoryUsage");
    }

    @Test
    void offlineSystemIsResolvedAndClosedUntilVerifiedThenRegisteredAsReclaimed() {
        ProcessInstance pi = duties.fire(RECLAMATION);
        driver.complete(pi, "userTask_inventoryUsage", "operator", Map.of("subdomainUsage", "共 46 个子域名，1 个指向已下线系统",
                "portUsage", "共 130 个开放端口", "offlineSystemsFound", true,
                "offlineSystems", "old.jyj.gz.gov.cn（旧招生系统）:443"));
        revokeAndVerify(pi, false);
        assertThat(driver.openTaskKeys(pi)).as("back to revoke what is still open").containsExactly("userTask_revokeAndClose");
        revokeAndVerify(pi, true);

        assertThat(driver.candidateGroups(pi, "userTask_registerReclamation")).containsExactly("operations");
        driver.complete(pi, "userTask_registerReclamation", "operator", Map.of(
                "reclaimedAssets", "old.jyj.gz.gov.cn", "reclamationRegisterNo", "HS-2026-Q4-001"));
        updatePlatform(pi);
        driver.recordService(pi, "回收下线 1 项", "old.jyj.gz.gov.cn 旧招生系统|已取消解析、关闭 443 端口，回收下线");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_inventoryUsage", "userTask_revokeAndClose", "userTask_verifyReclamation",
                "userTask_registerReclamation", "userTask_updatePlatformAssets", "callActivity_recordService");
        assertThat(documents.latest(pi.getId(), RECLAMATION_RECORD).orElseThrow().html())
                .contains("HS-2026-Q4-001", "已取消解析、关闭 443 端口，回收下线");
    }

    @Test
    void quarterWithoutOfflineSystemsGoesStraightToTheRecord() {
        ProcessInstance pi = duties.fire(RECLAMATION);
        driver.complete(pi, "userTask_inventoryUsage", "operator", Map.of("subdomainUsage", "全部在用",
                "portUsage", "全部在用", "offlineSystemsFound", false));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
    }

    // ---- steps

    private ProcessInstance untilFilingCheck() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        confirmRequirement(pi);
        driver.complete(pi, "userTask_onboardAssets", "operator", Map.of("networkAssets", "政务外网接入区 3 个网段",
                "exposedAssets", "门户网站 1 个、政务公众号 2 个、APP 1 个", "filingGuidance", "已下发报备模板并培训联络员"));
        driver.complete(pi, "userTask_establishLedger", "operator", Map.of("ledgerLocation", "安全运营平台-资产台账",
                "ledgerAssetCount", 128, "recordFilingUpdates", "门户网站等保二级备案已更新"));
        return pi;
    }

    private void confirmRequirement(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("assetScope", "政务外网接入区、互联网暴露面",
                "assetTypes", "IP、域名、网站、APP、公众号"));
    }

    @Test
    void investigationOpensWithTheAssetsThatDiscoveryImportsLeftToConfirm() {
        String discovered = "pending-" + System.nanoTime() + ".wjw.gz.gov.cn";
        Staff.as(identityService, "operator", () -> discoveryImports.importFile("scan.csv",
                ("kind,identifier,name\n子域名," + discovered + ",疑似区卫健委\n").getBytes(StandardCharsets.UTF_8),
                "资产测绘工具 A"));
        ProcessInstance pi = duties.fire(DISCOVERY);
        driver.complete(pi, "userTask_scanAssets", "operator", Map.of("scanTools", "资产测绘工具 A",
                "scanScope", "*.gz.gov.cn", "scanFindings", "见资产台账"));

        Map<String, Object> form = engine.getTaskService().getVariables(driver.task(pi, "userTask_investigateAssets").getId());
        assertThat(form).containsEntry("unknownAssetsFound", true);
        assertThat((String) form.get("unknownAssets")).contains(discovered + "（子域名，来源：资产测绘工具 A）");
    }

    private void checkFilings(ProcessInstance pi, boolean accurate) {
        driver.complete(pi, "userTask_checkFilings", "operator", vars("filingCheckResult",
                accurate ? "报备信息与台账一致" : "1 个域名 ICP 备案号不符", "filingsAccurate", accurate,
                "inaccurateFilings", accurate ? "" : "portal.gz.gov.cn ICP 备案号不符"));
    }

    private void updatePlatform(ProcessInstance pi) {
        driver.complete(pi, "userTask_updatePlatformAssets", "operator", Map.of("platformIpUpdates", "新增 10.20.1.0/24",
                "platformDomainUpdates", "更新 2 个域名", "platformAppUpdates", "无"));
    }

    private void scanAndInvestigate(ProcessInstance pi, boolean unknownFound) {
        driver.complete(pi, "userTask_scanAssets", "operator", Map.of("scanTools", "资产测绘工具 A",
                "scanScope", "政务外网全部网段及 *.gz.gov.cn", "scanFindings", unknownFound ? "test.wjw.gz.gov.cn" : "无"));
        driver.complete(pi, "userTask_investigateAssets", "engineer", vars("investigationResult",
                unknownFound ? "确认 1 项台账外站点" : "均为已知资产", "unknownAssetsFound", unknownFound,
                "unknownAssets", unknownFound ? "test.wjw.gz.gov.cn（疑似区卫健委）" : ""));
    }

    private void revokeAndVerify(ProcessInstance pi, boolean verified) {
        driver.complete(pi, "userTask_revokeAndClose", "operator", Map.of("revokedSubdomains", "old.jyj.gz.gov.cn",
                "closedPorts", verified ? "443" : "无（待使用方确认）"));
        driver.complete(pi, "userTask_verifyReclamation", "engineer", Map.of("verificationResult",
                verified ? "解析已取消，443 端口探测关闭" : "443 端口仍开放", "reclamationVerified", verified));
    }
}
