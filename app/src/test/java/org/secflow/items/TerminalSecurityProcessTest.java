package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.2.5 终端安全 with the shared review, confirm-or-rollback and record steps, and its recurring duty
 * 7.2.5.7 (periodic virus scan and baseline check, started by the terminal-security-check schedule).
 */
@IntegrationTest
class TerminalSecurityProcessTest {

    static final String KEY = "terminalSecurity";
    static final String CHECK_KEY = "terminalPeriodicCheck";
    static final String DOCUMENT = "终端安全服务记录及资产信息台账更新记录";
    static final String CHECK_REPORT = "终端病毒查杀和基线检查报告";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    ProcessDriver driver;
    RuntimeService runtimeService;
    ManagementService managementService;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        runtimeService = engine.getRuntimeService();
        managementService = engine.getManagementService();
    }

    @Test
    void protectedTerminalsEndWithTheRecordAndLedgerLines() {
        ProcessInstance pi = untilImplementation();
        driver.confirmWithoutImpact(pi);
        driver.recordService(pi, "480 台终端已部署安全客户端，监测正常", "办公区终端 480 台|安装终端安全客户端 V3.5");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "callActivity_reviewPlan",
                "userTask_backupTerminals", "userTask_deployClients", "userTask_configurePolicies",
                "callActivity_confirmImplementation", "callActivity_recordService");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause)
                .containsExactly(Tuple.tuple("办公区终端 480 台", "7.2.5.6"));
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("终端安全 7.2.5", "安装终端安全客户端 V3.5", "SQ-2026-0501",
                "备份终端关键信息", "NAS-BAK-03", "已对接安全运营平台 SOC", "每日 12:00 快速扫描", "7.2.5.4");
    }

    @Test
    void rejectedPlanIsRevisedBeforeTerminalsAreBackedUp() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.rejectReviewAndRevise(pi, "缺少外设管理要求", "终端防护方案 V2：补充 USB 外设管理");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_reviewPlan");
        driver.approveReview(pi, "SQ-2026-0502");

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_backupTerminals");
        assertThat(runtimeService.getVariable(pi.getId(), "planSummary")).isEqualTo("终端防护方案 V2：补充 USB 外设管理");
    }

    @Test
    void affectedBusinessIsRolledBackAndTerminalsAreBackedUpAgainBeforeTheNextRound() {
        ProcessInstance pi = untilImplementation();
        driver.rollBack(pi, true);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_backupTerminals");
        implement(pi);
        driver.confirmWithoutImpact(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
    }

    @Test
    void rollbackWithoutReimplementationGoesToTheRecord() {
        ProcessInstance pi = untilImplementation();
        driver.rollBack(pi, false);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        requirementAndPlan(pi);
        assertThat(driver.candidateGroups(pi, "userTask_reviewPlan")).containsExactly("management");
        driver.approveReview(pi, "SQ-2026-0503");
        assertThat(driver.candidateGroups(pi, "userTask_backupTerminals")).containsExactly("operations");
    }

    @Test
    void checkScheduleStartsACheckThatFirstCollectsTheUsersNeeds() {
        assertThat(checkTimerDefinition().getJobConfiguration()).contains("terminal-security-check");

        ProcessInstance check = runCheckTimer();

        assertThat(check).isWaitingAt("userTask_collectRequirements");
        assertThat(driver.candidateGroups(check, "userTask_collectRequirements")).containsExactly("technical");
        assertThat(managementService.createJobQuery().processDefinitionId(check.getProcessDefinitionId()).timers().count())
                .as("the next check is scheduled").isOne();
    }

    @Test
    void periodicCheckIssuesScanAndBaselineTasksAndProvidesTheCheckReport() {
        ProcessInstance check = runCheckTimer();
        driver.complete(check, "userTask_collectRequirements", "engineer", Map.of("checkScope", "办公区 480 台终端",
                "userRequirements", "本月加查外设使用记录", "baselineStandard", "终端安全基线 2026 版"));
        assertThat(driver.candidateGroups(check, "userTask_issueCheckTasks")).containsExactly("operations");
        driver.complete(check, "userTask_issueCheckTasks", "operator", Map.of("issuedVia", "安全运营平台 SOC",
                "virusScanTask", "VS-2026-12 全盘查杀", "baselineCheckTask", "BL-2026-12 口令、补丁、服务"));
        driver.complete(check, "userTask_compileCheckReport", "engineer", Map.of("virusScanResults", "清除蠕虫 4 个",
                "baselineCheckResults", "12 台终端未开启屏保锁定", "remediationAdvice", "下发屏保策略"));
        driver.recordService(check, "本期检查完成，报告已提交使用方", "");

        assertThat(driver.isEnded(check)).isTrue();
        assertThat(check).hasPassedInOrder("userTask_collectRequirements", "userTask_issueCheckTasks",
                "userTask_compileCheckReport", "callActivity_provideReport");
        ServiceDocument report = documents.latest(check.getId(), CHECK_REPORT).orElseThrow();
        assertThat(report.html()).contains("终端定期病毒查杀和基线检查 7.2.5.7", "VS-2026-12 全盘查杀",
                "BL-2026-12 口令、补丁、服务", "清除蠕虫 4 个", "12 台终端未开启屏保锁定", "本月加查外设使用记录", "7.2.5.7");
    }

    private JobDefinition checkTimerDefinition() {
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(CHECK_KEY).latestVersion().singleResult().getId();
        return managementService.createJobDefinitionQuery().processDefinitionId(definitionId)
                .activityIdIn("startEvent_checkDue").singleResult();
    }

    private ProcessInstance runCheckTimer() {
        return new RecurringDuties(engine).fire(CHECK_KEY);
    }

    private ProcessInstance untilImplementation() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.approveReview(pi, "SQ-2026-0501");
        implement(pi);
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of(
                "terminalScope", "办公区 480 台 Windows 终端", "securityRequirements", "防病毒、准入控制、外设管控"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.ofEntries(Map.entry("planSummary", "终端防护方案 V1"),
                Map.entry("assetDiscovery", "每日资产探测"), Map.entry("antivirusManagement", "统一病毒库更新"),
                Map.entry("patchManagement", "补丁分批推送"), Map.entry("terminalAdmission", "未装客户端禁止入网"),
                Map.entry("peripheralControl", "USB 存储只读"), Map.entry("dataProtection", "敏感文件外发审计")));
    }

    private void implement(ProcessInstance pi) {
        driver.complete(pi, "userTask_backupTerminals", "operator", Map.of(
                "backedUpItems", "终端配置、用户重要数据", "backupLocation", "NAS-BAK-03"));
        driver.complete(pi, "userTask_deployClients", "operator", Map.of("clientTerminals", "480 台",
                "clientVersion", "V3.5", "socIntegration", "已对接安全运营平台 SOC"));
        driver.complete(pi, "userTask_configurePolicies", "operator", Map.of("endpointPolicies", "准入、外设只读、补丁",
                "virusScanPolicy", "每日 12:00 快速扫描", "monitoringEnabled", true));
    }
}
