package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.2.6 日志及审计: the service set up through review, collectors, analysis and audit, its retention checked
 * (7.2.6.7); and the quarterly process that checks the logs actually kept and provides the 日志审计报告.
 */
@IntegrationTest
class LogAuditProcessTest {

    static final String KEY = "logAudit";
    static final String QUARTERLY_KEY = "logAuditQuarterlyReport";
    static final String DOCUMENT = "日志及审计服务记录及日志审计报告";
    static final String QUARTERLY_REPORT = "日志审计报告";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void auditedServiceWithEnoughRetentionEndsWithItsRecordAndReport() {
        ProcessInstance pi = untilAudit(12);
        audit(pi, false);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_verifyRetention");
        retention(pi, 12, 18);
        driver.recordService(pi, "日志采集和实时分析已上线，首次审计完成", "10.0.9.10 日志审计平台|新增采集源 3 个");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "callActivity_reviewPlan",
                "userTask_deployCollectors", "userTask_configureAnalysis", "userTask_performAudit",
                "userTask_verifyRetention", "callActivity_recordService").hasNotPassed("userTask_adviseDisposal",
                "userTask_extendRetention");
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("日志及审计 7.2.6", "7.2.6.7", "首次审计完成", "SQ-2026-0601",
                "新增采集源 3 个", "管理员账号 admin 登录 42 次", "Syslog 转发");
    }

    @Test
    void markedHighRiskOperationsGetDisposalAdviceFromTechnicalStaff() {
        ProcessInstance pi = untilAudit(12);
        audit(pi, true);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_adviseDisposal");
        assertThat(driver.candidateGroups(pi, "userTask_adviseDisposal")).containsExactly("technical");
        driver.complete(pi, "userTask_adviseDisposal", "engineer", Map.of("disposalAdvice", "收回 ops02 的 root 权限，启用双人复核",
                "adviceRecipients", "使用方信息中心"));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_verifyRetention");
    }

    @Test
    void retentionUnderOneYearIsExtendedAndCheckedAgain() {
        ProcessInstance pi = untilAudit(12);
        audit(pi, false);
        retention(pi, 6, 12);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_extendRetention");
        assertThat(driver.candidateGroups(pi, "userTask_extendRetention")).containsExactly("operations");
        driver.complete(pi, "userTask_extendRetention", "operator", Map.of("retentionAdjustment", "扩容 20 TB，保存周期改为 13 个月"));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_verifyRetention");
        retention(pi, 13, 13);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
    }

    @Test
    void retentionBelowTheUsersLongerRequirementIsExtended() {
        ProcessInstance pi = untilAudit(24);
        audit(pi, false);
        retention(pi, 18, 24);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_extendRetention");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        requirementAndPlan(pi, 12);
        assertThat(driver.candidateGroups(pi, "userTask_reviewPlan")).containsExactly("management");
        driver.approveReview(pi, "SQ-2026-0602");
        assertThat(driver.candidateGroups(pi, "userTask_deployCollectors")).containsExactly("operations");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "reviewSubject")).isEqualTo("日志审计方案");
    }

    // ---- 7.2.6.7 quarterly

    @Test
    void quarterlyTimerStartsARetentionCheckAgainstTheDateOneYearAgo() {
        ProcessInstance quarter = runQuarterlyTimer();

        assertThat(quarter).isWaitingAt("userTask_checkRetention");
        assertThat(driver.candidateGroups(quarter, "userTask_checkRetention")).containsExactly("operations");
        assertThat(runtimeService.getVariable(quarter.getId(), "retentionCutoff")).isEqualTo("2025-12-01");
        assertThat(managementService.createJobQuery().processDefinitionId(quarterlyDefinitionId()).timers().count())
                .as("the next quarter is scheduled").isOne();
    }

    @Test
    void logsKeptForAYearGoStraightToTheQuarterlyReport() {
        ProcessInstance quarter = runQuarterlyTimer();
        checkRetention(quarter, "2025-12-01");

        assertThat(driver.openTaskKeys(quarter)).containsExactly("userTask_summarizeQuarter");
        assertThat(driver.candidateGroups(quarter, "userTask_summarizeQuarter")).containsExactly("technical");
        summarizeQuarter(quarter);
        driver.recordService(quarter, "本季度日志审计报告已提交使用方", "");

        assertThat(driver.isEnded(quarter)).isTrue();
        assertThat(quarter).hasNotPassed("userTask_remediateRetention");
        ServiceDocument report = documents.latest(quarter.getId(), QUARTERLY_REPORT).orElseThrow();
        assertThat(report.html()).contains("日志审计季度报告 7.2.6", "7.2.6.7", "2026年第4季度",
                "核心交换机配置变更 3 次", "2025-11-03");
    }

    @Test
    void aSourceKeptUnderAYearIsRemediatedBeforeTheReport() {
        ProcessInstance quarter = runQuarterlyTimer();
        checkRetention(quarter, "2026-03-15");

        assertThat(driver.openTaskKeys(quarter)).containsExactly("userTask_remediateRetention");
        driver.complete(quarter, "userTask_remediateRetention", "operator", Map.of("shortfallCause", "存储容量不足",
                "remediationMeasures", "扩容日志存储并从备份恢复 2025 年 12 月至 2026 年 3 月的应用日志",
                "remediationDeadline", "2026-12-15"));
        assertThat(driver.openTaskKeys(quarter)).containsExactly("userTask_summarizeQuarter");
        summarizeQuarter(quarter);
        driver.recordService(quarter, "保存不足已整改", "");

        assertThat(documents.latest(quarter.getId(), QUARTERLY_REPORT).orElseThrow().html())
                .contains("存储容量不足", "从备份恢复", "2026-03-15");
    }

    private ProcessInstance runQuarterlyTimer() {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 12, 1, 9, 0).atZone(ZoneId.systemDefault()).toInstant()));
        String definitionId = quarterlyDefinitionId();
        Job timer = managementService.createJobQuery().processDefinitionId(definitionId).timers().singleResult();
        assertThat(timer).as("quarterly timer (7.2.6.7)").isNotNull();
        Set<String> before = instancesOf(definitionId);

        managementService.executeJob(timer.getId());

        List<ProcessInstance> started = runtimeService.createProcessInstanceQuery().processDefinitionId(definitionId).list()
                .stream().filter(instance -> !before.contains(instance.getId())).toList();
        assertThat(started).hasSize(1);
        return started.get(0);
    }

    private String quarterlyDefinitionId() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(QUARTERLY_KEY).latestVersion()
                .singleResult().getId();
    }

    private Set<String> instancesOf(String definitionId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionId(definitionId).list().stream()
                .map(ProcessInstance::getId).collect(Collectors.toSet());
    }

    /** The oldest entries of every source date from November 2025, except the application logs. */
    private void checkRetention(ProcessInstance quarter, String oldestApplicationLog) {
        driver.complete(quarter, "userTask_checkRetention", "operator", Map.of(
                "networkDeviceLogsSince", "2025-11-03", "securityDeviceLogsSince", "2025-11-03",
                "hostLogsSince", "2025-10-20", "applicationLogsSince", oldestApplicationLog,
                "auditRecordsSince", "2025-11-30", "retentionCheckNote", "日志审计平台存储区抽查各来源最早记录"));
    }

    private void summarizeQuarter(ProcessInstance quarter) {
        driver.complete(quarter, "userTask_summarizeQuarter", "engineer", Map.of("reportQuarter", "2026年第4季度",
                "auditedSystems", "广州市某委办局 政务外网业务系统", "accountOperationsAudit", "特权账号登录 120 次，无异常",
                "configurationChangesAudit", "核心交换机配置变更 3 次，均有工单", "highRiskOperations", "无",
                "complianceAssessment", "符合等保三级审计要求"));
    }

    private ProcessInstance untilAudit(int requiredMonths) {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi, requiredMonths);
        driver.approveReview(pi, "SQ-2026-0601");
        driver.complete(pi, "userTask_deployCollectors", "operator", Map.of("collectionMethod", "采集代理与日志转发结合",
                "collectorDeployment", "服务器安装采集代理 24 台；网络设备 Syslog 转发", "connectedLogSources", "防火墙\n核心交换机\n业务服务器"));
        driver.complete(pi, "userTask_configureAnalysis", "operator", Map.of("auditPolicies", "特权账号、配置变更、非工作时间登录",
                "analysisEngine", "实时分析引擎 V3.2", "realtimeAnalysisEnabled", true));
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi, int requiredMonths) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("logCollectionScope", "边界设备、服务器、业务应用",
                "requiredRetentionMonths", requiredMonths, "auditRequirements", "审计账号操作和配置变更"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "日志审计方案 V1",
                "logAnalysisApproach", "关联分析", "auditRecordsDesign", "审计记录集中存储", "threatAnalysisApproach", "异常登录建模",
                "complianceAssessment", "对照等保三级"));
    }

    private void audit(ProcessInstance pi, boolean highRisk) {
        Map<String, Object> values = new HashMap<>(Map.of("auditPeriod", "2026-11-01 至 2026-11-30",
                "accountOperationsAudit", "管理员账号 admin 登录 42 次", "configurationChangesAudit", "防火墙策略变更 5 次",
                "highRiskFound", highRisk));
        if (highRisk) {
            values.put("highRiskOperations", "2026-11-12 02:14 ops02 删除审计日志");
        }
        driver.complete(pi, "userTask_performAudit", "engineer", values);
    }

    private void retention(ProcessInstance pi, int logMonths, int auditMonths) {
        driver.complete(pi, "userTask_verifyRetention", "operator", Map.of("logRetentionMonths", logMonths,
                "auditRecordRetentionMonths", auditMonths, "storageLocation", "日志审计平台本地存储 40 TB"));
    }
}
