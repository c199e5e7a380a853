package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.secflow.items.RecurringDuties.vars;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.4.4 安全监测: set-up and monitoring rounds started by hand, a confirmed incident starting emergency
 * response 7.5.1 (incident.confirmed), threats told to the parties becoming a security notice
 * (securityNotice.requested), and the monthly situation report (7.4.4.8) started by its timer.
 */
@IntegrationTest
class SecurityMonitoringProcessTest {

    static final String KEY = "securityMonitoring";
    static final String SITUATION_REPORT = "securitySituationReport";
    static final String INSPECTION_REPORT = "巡检报告及安全建议";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired DocumentService documents;
    ProcessDriver driver;
    RecurringDuties duties;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        duties = new RecurringDuties(engine);
    }

    @Test
    void quietRoundSubmitsTheInspectionReportAndTheServiceEndsWithItsPeriod() {
        ProcessInstance pi = untilFirstRound();
        analyseAndFilter(pi);
        judge(pi, false, false);
        inspect(pi, false);
        driver.recordService(pi, "巡检 24 台设备，状态正常；建议升级 IPS 特征库", "");
        summarise(pi, false);

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_configureCollection",
                "userTask_defineMonitoringItems", "userTask_analyseSecurityData", "userTask_filterAlerts",
                "userTask_judgeEvents", "userTask_inspectDevices", "callActivity_inspectionReport", "userTask_summariseRound")
                .hasNotPassed("userTask_reportIncident", "userTask_remediateHazards", "userTask_notifyParties");
        assertThat(documents.latest(pi.getId(), INSPECTION_REPORT).orElseThrow().html())
                .contains("安全监测 7.4.4", "巡检 24 台设备", "IPS 特征库已过期 3 天", "7.4.4.5");
    }

    @Test
    void confirmedIncidentIsReportedAndStartsEmergencyResponseWithItsFacts() {
        ProcessInstance pi = untilFirstRound();
        analyseAndFilter(pi);
        judge(pi, true, false);
        assertThat(driver.candidateGroups(pi, "userTask_reportIncident")).containsExactly("management");

        String title = "失陷主机外连矿池 " + UUID.randomUUID();
        driver.complete(pi, "userTask_reportIncident", "manager", vars("reportedTo", "管理方安全负责人",
                "title", title, "description", "10.20.3.15 持续连接境外矿池地址", "category", "恶意程序事件",
                "subcategory", "挖矿病毒", "objectImportance", "重要", "systemLoss", "严重", "socialImpact", "一般",
                "reporterType", "党政机关", "affectedAssets", "10.20.3.15 办公终端\n10.20.3.16 办公终端",
                "measuresTaken", "已在接入边界阻断矿池地址"));

        ProcessInstance response = runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse")
                .variableValueEquals("title", title).singleResult();
        assertThat(response).as("emergency response 7.5.1 started by incident.confirmed").isNotNull();
        assertThat(response).isWaitingAt("userTask_analyseIncident")
                .hasPassed("startEvent_incidentConfirmed", "serviceTask_registerIncident", "serviceTask_gradeIncident");
        Map<String, Object> facts = runtimeService.getVariables(response.getId());
        assertThat(facts).containsEntry("channel", "监控").containsEntry("category", "恶意程序事件")
                .containsEntry("subcategory", "挖矿病毒").containsEntry("grade", "III")
                .containsEntry("measuresTaken", "已在接入边界阻断矿池地址");
        assertThat(driver.openTaskKeys(pi)).as("monitoring goes on with the inspection")
                .containsExactly("userTask_inspectDevices");
    }

    @Test
    void hazardsAreRemediatedAndToldToThePartiesWhoGetASecurityNotice() {
        ProcessInstance pi = untilFirstRound();
        analyseAndFilter(pi);
        judge(pi, false, false);
        inspect(pi, true);
        driver.complete(pi, "userTask_remediateHazards", "operator", Map.of("remediationMeasures", "升级 IPS 特征库",
                "remediationResult", "特征库已为最新"));
        driver.recordService(pi, "发现并修复隐患 1 项", "10.0.0.5 IPS|特征库升级至 2026.11.20");

        String notified = "IPS 特征库过期导致检测能力下降 " + UUID.randomUUID();
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_notifyParties");
        driver.complete(pi, "userTask_notifyParties", "operator", Map.of("notifiedParties", "管理方、广州市某委办局",
                "notifiedContent", notified, "assistance", "协助使用方核查同型号设备", "noticeRequested", true));

        ProcessInstance notice = runtimeService.createProcessInstanceQuery().processDefinitionKey("securityNotice")
                .variableValueEquals("noticeSummary", notified).singleResult();
        assertThat(notice).as("security notice 7.4.5 started by securityNotice.requested").isNotNull();
        assertThat(notice).isWaitingAt("userTask_confirmChannels").hasPassed("startEvent_noticeRequested");
        assertThat(runtimeService.getVariables(notice.getId())).containsEntry("noticeType", "安全监测结果")
                .containsEntry("requestingUnit", "广州市某委办局");
        assertThat(pi).hasPassed("userTask_remediateHazards", "event_requestNotice");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_summariseRound");
    }

    @Test
    void threatsToldWithoutANoticeGoOnToTheRoundSummary() {
        ProcessInstance pi = untilFirstRound();
        analyseAndFilter(pi);
        judge(pi, false, true);
        inspect(pi, false);
        driver.recordService(pi, "状态正常", "");
        driver.complete(pi, "userTask_notifyParties", "operator", Map.of("notifiedParties", "广州市某委办局",
                "notifiedContent", "境外扫描探测增多", "assistance", "建议收紧访问控制", "noticeRequested", false));

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_summariseRound");
        assertThat(pi).hasNotPassed("event_requestNotice");
    }

    @Test
    void nextRoundStartsAfterTheInspectionCycle() {
        ProcessInstance pi = untilFirstRound();
        analyseAndFilter(pi);
        judge(pi, false, false);
        inspect(pi, false);
        driver.recordService(pi, "状态正常", "");
        summarise(pi, true);

        assertThat(driver.openTaskKeys(pi)).isEmpty();
        assertThat(duties.waitsForTimer(pi)).as("waits for the inspection cycle P7D").isTrue();
        duties.fireTimerOf(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_analyseSecurityData");
    }

    // ---- 7.4.4.8 monthly situation report

    @Test
    void monthlyTimerStartsTheSituationReport() {
        ProcessInstance pi = duties.fire(SITUATION_REPORT);
        assertThat(pi).isWaitingAt("userTask_analyseVulnerabilitiesAndThreats");
        assertThat(driver.candidateGroups(pi, "userTask_analyseVulnerabilitiesAndThreats")).containsExactly("technical");
    }

    @Test
    void situationReportCoversThreatsRectificationAndConfigurationChanges() {
        ProcessInstance pi = duties.fire(SITUATION_REPORT);
        driver.complete(pi, "userTask_analyseVulnerabilitiesAndThreats", "engineer", Map.of("reportPeriod", "2026-11",
                "vulnerabilityFindings", "高危漏洞 7 个，集中于 OA 系统", "threatFindings", "境外扫描 1.2 万次",
                "remediationAdvice", "OA 系统升级至 5.3"));
        driver.complete(pi, "userTask_analyseRectification", "engineer", Map.of("affectedAssetCount", 12,
                "rectifiedAssetCount", 9, "rectificationAnalysis", "3 项待厂商补丁"));
        assertThat(driver.candidateGroups(pi, "userTask_describeProtectionChanges")).containsExactly("operations");
        driver.complete(pi, "userTask_describeProtectionChanges", "operator", Map.of("capabilityBuilding", "新增蜜罐节点 2 个",
                "configurationChanges", "WAF 新增规则 15 条"));
        driver.recordService(pi, "2026 年 11 月安全态势报告已提供", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(documents.latest(pi.getId(), "安全态势报告").orElseThrow().html())
                .contains("月度安全态势报告 7.4.4.8", "高危漏洞 7 个", "3 项待厂商补丁", "WAF 新增规则 15 条");
    }

    // ---- steps

    private ProcessInstance untilFirstRound() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("monitoringScope", "政务外网接入区及互联网出口",
                "monitoringFrequency", "7×24 实时", "monitoringIndicators", "告警数、失陷主机数、违规外联数"));
        driver.complete(pi, "userTask_configureCollection", "operator", Map.of("dataSources", "防火墙、IPS、WAF、EDR",
                "realtimeAnalysis", "实时规则 120 条", "batchAnalysis", "每日离线统计", "correlationAnalysis", "失陷主机关联模型"));
        driver.complete(pi, "userTask_defineMonitoringItems", "engineer", Map.of("monitoringItems", "参考 T/DGAG 037—2025 附录 B",
                "inspectionPlan", "每周巡检边界与主机安全设备", "inspectionCycle", "P7D"));
        return pi;
    }

    private void analyseAndFilter(ProcessInstance pi) {
        driver.complete(pi, "userTask_analyseSecurityData", "engineer", Map.of("accessControl", "堡垒机授权账号，操作全程录像",
                "threatIntelligence", "情报源 A，2026-11-20 更新", "analysisFindings", "1 台主机异常外连"));
        driver.complete(pi, "userTask_filterAlerts", "operator", Map.of("abnormalDevices", "10.20.3.15",
                "alertFilterRules", "过滤已知误报 12 条", "alertStatistics", "本周告警 3,412 条，高危 5 条",
                "suspectedEvents", "10.20.3.15 疑似失陷"));
    }

    private void judge(ProcessInstance pi, boolean incident, boolean threats) {
        driver.complete(pi, "userTask_judgeEvents", "engineer", Map.of("judgement",
                incident ? "外连矿池地址，确认为挖矿事件" : "外连为软件更新，误报", "securityIncident", incident,
                "threatsFound", threats));
    }

    private void inspect(ProcessInstance pi, boolean hazards) {
        driver.complete(pi, "userTask_inspectDevices", "operator", vars("inspectedDevices", "互联网防火墙、接入边界 IPS、主机 EDR",
                "deviceStatus", "24 台设备运行正常", "securityAdvice", "IPS 特征库已过期 3 天，建议升级",
                "hazardsFound", hazards, "hazards", hazards ? "IPS 特征库过期" : ""));
    }

    private void summarise(ProcessInstance pi, boolean continueMonitoring) {
        driver.complete(pi, "userTask_summariseRound", "engineer", Map.of("roundSummary", "本轮未发现安全事件",
                "continueMonitoring", continueMonitoring));
    }
}
