package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.2.7 蜜罐: deployment and trap monitoring, each captured attack raising {@code honeypot.alert}, which starts
 * its own alert response (7.2.7.5); the service's and the response's reports (7.2.7.6).
 */
@IntegrationTest
class HoneypotProcessTest {

    static final String KEY = "honeypot";
    static final String ALERT_KEY = "honeypotAlertResponse";
    static final String ALERT = "捕获攻击并产生告警";
    static final String HARMLESS = "无危害（授权测试或误报）";
    static final String DOCUMENT = "蜜罐服务记录、蜜罐运行报告和威胁分析报告";
    static final String ALERT_DOCUMENT = "蜜罐告警处置记录及威胁分析报告";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired IdentityService identityService;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void honeypotServiceEndsWithItsOperationAndThreatReport() {
        ProcessInstance pi = untilMonitoring();
        driver.complete(pi, "userTask_monitorTraps", "operator", Map.of("monitoringOutcome", "服务期结束",
                "monitoringNote", "服务期内节点运行正常"));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_summarizeOperation");
        driver.complete(pi, "userTask_summarizeOperation", "engineer", Map.of("operationPeriod", "2026-10-01 至 2026-12-31",
                "nodeHealth", "5 个节点可用率 99.9%", "capturedAttacks", "捕获扫描 312 次、漏洞利用 7 次",
                "alertsHandled", "告警 7 起均已处置", "threatAnalysis", "境外扫描团伙持续针对 OA 伪装节点"));
        driver.recordService(pi, "蜜罐服务期结束，节点已撤除", "10.8.1.21 蜜罐节点|撤除");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "userTask_deployHoneypots",
                "userTask_enableTrapMonitoring", "userTask_monitorTraps", "userTask_summarizeOperation",
                "callActivity_recordService").hasNotPassed("throwEvent_honeypotAlert");
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("蜜罐 7.2.7", "7.2.7.6", "捕获扫描 312 次", "境外扫描团伙", "伪装 OA 登录页",
                "节点已撤除");
    }

    @Test
    void capturedAttackStartsAnAlertResponseWhileMonitoringGoesOn() {
        ProcessInstance pi = untilMonitoring();
        raiseAlert(pi, "203.0.113.45");

        assertThat(pi).hasPassed("throwEvent_honeypotAlert");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_monitorTraps");
        ProcessInstance alert = alertOf(pi);
        assertThat(alert).isWaitingAt("userTask_traceAttacker");
        assertThat(runtimeService.getVariables(alert.getId())).containsEntry("attackerIp", "203.0.113.45")
                .containsEntry("attackType", "漏洞利用").containsEntry("baitNode", "OA 伪装节点 10.8.1.21")
                .containsEntry("requestingUnit", "广州市某委办局");
        assertThat(driver.candidateGroups(alert, "userTask_traceAttacker")).containsExactly("technical");
    }

    @Test
    void harmfulAttackIsBlockedAndReportedInParallelThenRecorded() {
        ProcessInstance alert = alertAssessedAs("高危");

        assertThat(driver.openTaskKeys(alert)).containsExactlyInAnyOrder("userTask_blockAttackSource",
                "userTask_reportIntelligence");
        assertThat(driver.candidateGroups(alert, "userTask_blockAttackSource")).containsExactly("operations");
        assertThat(driver.candidateGroups(alert, "userTask_reportIntelligence")).containsExactly("technical");
        driver.complete(alert, "userTask_reportIntelligence", "engineer", Map.of("reportedTo", "市网络安全威胁情报共享平台",
                "reportedIntelligence", "IOC 203.0.113.45；工具 Cobalt Strike 4.x", "reportReference", "QB-2026-118"));
        assertThat(driver.openTaskKeys(alert)).containsExactly("userTask_blockAttackSource");
        driver.complete(alert, "userTask_blockAttackSource", "operator", Map.of("blockingDevices", "出口防火墙 FW-01",
                "blockingRule", "拒绝 203.0.113.45/32 双向访问 90 天", "blockVerified", true));
        driver.recordService(alert, "攻击源已阻断，情报已上报", "出口防火墙 FW-01|新增阻断策略 1 条");

        assertThat(driver.isEnded(alert)).isTrue();
        ServiceDocument report = documents.latest(alert.getId(), ALERT_DOCUMENT).orElseThrow();
        assertThat(report.html()).contains("蜜罐告警处置 7.2.7", "Cobalt Strike", "窃取公文数据", "高危", "QB-2026-118",
                "拒绝 203.0.113.45/32", "新增阻断策略 1 条");
    }

    @Test
    void authorizedScanIsRecordedWithoutBlockingOrReporting() {
        ProcessInstance alert = alertAssessedAs(HARMLESS);

        assertThat(driver.openTaskKeys(alert)).containsExactly("userTask_recordService");
        driver.recordService(alert, "授权漏洞扫描触发，已加入白名单说明", "");
        assertThat(alert).hasNotPassed("userTask_blockAttackSource", "userTask_reportIntelligence");
        assertThat(documents.latest(alert.getId(), ALERT_DOCUMENT)).isPresent();
    }

    @Test
    void honeypotPlatformCanRaiseTheAlertWithoutAServiceInstance() {
        Map<String, Object> alertFacts = Map.of("attackerIp", "198.51.100.7", "attackType", "扫描探测",
                "baitNode", "数据库伪装节点", "alertDetail", "3306 端口爆破");
        ProcessInstance alert = Staff.as(identityService, "socplatform", () -> runtimeService
                .createMessageCorrelation("honeypot.alert").setVariables(alertFacts).correlateStartMessage());

        assertThat(alert).isWaitingAt("userTask_traceAttacker");
        assertThat(runtimeService.getVariable(alert.getId(), "attackerIp")).isEqualTo("198.51.100.7");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        requirementAndPlan(pi);
        assertThat(driver.candidateGroups(pi, "userTask_deployHoneypots")).containsExactly("operations");
        deployAndEnable(pi);
        assertThat(driver.candidateGroups(pi, "userTask_monitorTraps")).containsExactly("operations");
    }

    private ProcessInstance alertAssessedAs(String harmLevel) {
        ProcessInstance pi = untilMonitoring();
        raiseAlert(pi, "203.0.113.45");
        ProcessInstance alert = alertOf(pi);
        driver.complete(alert, "userTask_traceAttacker", "engineer", Map.of("attackerOrigin", "境外 VPS，经两级跳板",
                "attackToolchain", "Cobalt Strike 4.x、自研扫描器", "attackIntent", "窃取公文数据",
                "attackTrajectory", "扫描→弱口令尝试→上传 WebShell"));
        driver.complete(alert, "userTask_correlateIntelligence", "engineer", Map.of("intelligenceSources", "省级威胁情报库",
                "intelligenceMatches", "命中 APT 团伙 IOC 2 条"));
        assertThat(driver.candidateGroups(alert, "userTask_assessHarm")).containsExactly("technical");
        driver.complete(alert, "userTask_assessHarm", "engineer", Map.of("harmLevel", harmLevel,
                "harmAssessment", "针对政务系统的定向攻击"));
        return alert;
    }

    private ProcessInstance alertOf(ProcessInstance service) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ALERT_KEY)
                .variableValueEquals("honeypotServiceId", service.getId()).singleResult();
    }

    private void raiseAlert(ProcessInstance pi, String attackerIp) {
        Map<String, Object> values = new HashMap<>();
        values.put("monitoringOutcome", ALERT);
        values.put("monitoringNote", "OA 伪装节点告警");
        values.put("attackerIp", attackerIp);
        values.put("attackType", "漏洞利用");
        values.put("baitNode", "OA 伪装节点 10.8.1.21");
        values.put("alertDetail", "2026-11-20 03:12 上传 WebShell");
        driver.complete(pi, "userTask_monitorTraps", "operator", values);
    }

    private ProcessInstance untilMonitoring() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        deployAndEnable(pi);
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("deploymentZones", "DMZ 区、办公区",
                "disguiseTypes", "OA 系统、数据库"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "蜜罐部署方案 V1",
                "decoyArchitecture", "高交互 OA 诱饵 + 低交互数据库诱饵", "trafficDiversionStrategy", "未用地址引流",
                "disguiseRules", "伪装 OA 登录页"));
    }

    private void deployAndEnable(ProcessInstance pi) {
        driver.complete(pi, "userTask_deployHoneypots", "operator", Map.of("honeypotNodes", "10.8.1.21\n10.8.1.22",
                "decoyNodes", "OA 诱饵、MySQL 诱饵", "disguiseProxies", "反向代理 2 个", "trafficSteering", "空闲地址段牵引"));
        driver.complete(pi, "userTask_enableTrapMonitoring", "operator", Map.of("captureEnabled", true,
                "monitoredActions", "扫描探测、漏洞利用、恶意载荷投递", "businessIsolation", "独立 VLAN，禁止访问业务网段",
                "isolationVerified", true));
    }
}
