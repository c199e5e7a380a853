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
 * 7.2.4 主机安全 with the shared review, confirm-or-rollback and record steps, and its recurring duty
 * 7.2.4.7 (periodic virus scan and baseline check, started by the host-security-check schedule).
 */
@IntegrationTest
class HostSecurityProcessTest {

    static final String KEY = "hostSecurity";
    static final String CHECK_KEY = "hostSecurityPeriodicCheck";
    static final String DOCUMENT = "主机安全服务记录及资产信息台账更新记录";
    static final String CHECK_REPORT = "主机病毒查杀和基线检查报告";

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
    void protectedHostsEndWithTheRecordAndLedgerLines() {
        ProcessInstance pi = untilImplementation();
        driver.confirmWithoutImpact(pi);
        driver.recordService(pi, "32 台主机已部署防护代理，监测正常", "10.4.2.11 数据库服务器|安装主机防护代理 V6.2");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "callActivity_reviewPlan",
                "userTask_backupHosts", "userTask_deployAgents", "userTask_configurePolicies",
                "callActivity_confirmImplementation", "callActivity_recordService");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause)
                .containsExactly(Tuple.tuple("10.4.2.11 数据库服务器", "7.2.4.6"));
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("主机安全 7.2.4", "安装主机防护代理 V6.2", "SQ-2026-0401",
                "备份主机关键信息", "NAS-BAK-02", "已对接安全运营平台 SOC", "7.2.4.4");
    }

    @Test
    void rejectedPlanIsRevisedBeforeHostsAreBackedUp() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.rejectReviewAndRevise(pi, "缺少流量监控范围", "主机防护方案 V2：补充流量监控范围");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_reviewPlan");
        driver.approveReview(pi, "SQ-2026-0402");

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_backupHosts");
        assertThat(runtimeService.getVariable(pi.getId(), "planSummary")).isEqualTo("主机防护方案 V2：补充流量监控范围");
    }

    @Test
    void affectedBusinessIsRolledBackAndHostsAreBackedUpAgainBeforeTheNextRound() {
        ProcessInstance pi = untilImplementation();
        driver.rollBack(pi, true);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_backupHosts");
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
        driver.approveReview(pi, "SQ-2026-0403");
        assertThat(driver.candidateGroups(pi, "userTask_backupHosts")).containsExactly("operations");
    }

    @Test
    void checkScheduleStartsACheckThatFirstCollectsTheUsersNeeds() {
        assertThat(checkTimerDefinition().getJobConfiguration()).contains("host-security-check");

        ProcessInstance check = runCheckTimer();

        assertThat(check).isWaitingAt("userTask_collectRequirements");
        assertThat(driver.candidateGroups(check, "userTask_collectRequirements")).containsExactly("technical");
        assertThat(managementService.createJobQuery().processDefinitionId(check.getProcessDefinitionId()).timers().count())
                .as("the next check is scheduled").isOne();
    }

    @Test
    void periodicCheckIssuesScanAndBaselineTasksAndProvidesTheCheckReport() {
        ProcessInstance check = runCheckTimer();
        driver.complete(check, "userTask_collectRequirements", "engineer", Map.of("checkScope", "业务区 32 台主机",
                "userRequirements", "本月加查 Log4j 组件", "baselineStandard", "主机安全基线 2026 版"));
        assertThat(driver.candidateGroups(check, "userTask_issueCheckTasks")).containsExactly("operations");
        driver.complete(check, "userTask_issueCheckTasks", "operator", Map.of("issuedVia", "安全运营平台 SOC",
                "virusScanTask", "VS-2026-12 全盘查杀", "baselineCheckTask", "BL-2026-12 口令、补丁、服务"));
        driver.complete(check, "userTask_compileCheckReport", "engineer", Map.of("virusScanResults", "清除木马 1 个",
                "baselineCheckResults", "3 台主机存在弱口令", "remediationAdvice", "限期修改口令"));
        driver.recordService(check, "本期检查完成，报告已提交使用方", "");

        assertThat(driver.isEnded(check)).isTrue();
        assertThat(check).hasPassedInOrder("userTask_collectRequirements", "userTask_issueCheckTasks",
                "userTask_compileCheckReport", "callActivity_provideReport");
        ServiceDocument report = documents.latest(check.getId(), CHECK_REPORT).orElseThrow();
        assertThat(report.html()).contains("主机定期病毒查杀和基线检查 7.2.4.7", "VS-2026-12 全盘查杀",
                "BL-2026-12 口令、补丁、服务", "清除木马 1 个", "3 台主机存在弱口令", "本月加查 Log4j 组件", "7.2.4.7");
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
        driver.approveReview(pi, "SQ-2026-0401");
        implement(pi);
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of(
                "protectionScope", "业务区 32 台 Linux/Windows 主机", "securityRequirements", "防病毒、防勒索、入侵检测"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "主机防护方案 V1",
                "assetInventory", "32 台主机清单", "trafficMonitoring", "东西向流量监控"));
    }

    private void implement(ProcessInstance pi) {
        driver.complete(pi, "userTask_backupHosts", "operator", Map.of(
                "backedUpItems", "系统配置、关键业务数据", "backupLocation", "NAS-BAK-02"));
        driver.complete(pi, "userTask_deployAgents", "operator", Map.of("agentHosts", "32 台",
                "agentVersion", "V6.2", "socIntegration", "已对接安全运营平台 SOC"));
        driver.complete(pi, "userTask_configurePolicies", "operator", Map.of(
                "hostPolicies", "防暴力破解、勒索诱饵文件", "monitoringEnabled", true));
    }
}
