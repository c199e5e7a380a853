package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.secflow.items.RecurringDuties.vars;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.4.3 策略管理: requirement, baseline and configuration started by hand; the quarterly policy test
 * with baseline iteration (7.4.3.4, 7.4.3.5) started by its timer.
 */
@IntegrationTest
class PolicyManagementProcessTest {

    static final String KEY = "policyManagement";
    static final String TESTING = "policyTesting";
    static final String CONFIGURATION_RECORD = "安全策略基线及安全防护策略配置记录";
    static final String TESTING_RECORD = "安全策略测试验证及策略基线迭代记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    ProcessDriver driver;
    RecurringDuties duties;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        duties = new RecurringDuties(engine);
    }

    @Test
    void baselineIsDraftedAndConfiguredForTheUnitThenRecorded() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("confirmedWith", "管理方、使用方",
                "policyRequirements", "默认拒绝，按业务最小开放", "policyMaintenanceRequirements", "变更 2 个工作日内同步",
                "specialScenarios", "视频会议需临时开放 UDP"));
        driver.complete(pi, "userTask_draftBaseline", "engineer", Map.of("baselineVersion", "V1.0",
                "overallRequirements", "政务外网网络安全整体要求（2026 版）", "baselineContent", "边界默认拒绝；主机禁用高危端口"));
        assertThat(driver.candidateGroups(pi, "userTask_configurePolicies")).containsExactly("operations");
        driver.complete(pi, "userTask_configurePolicies", "operator", vars("boundaryPolicies", "接入边界 ACL 23 条",
                "businessSystemPolicies", "WAF 规则集 B", "terminalPolicies", "终端准入策略", "hostPolicies", "主机防火墙模板",
                "baselineDeviations", "视频会议 UDP 3478 临时开放"));
        driver.recordService(pi, "按基线 V1.0 完成配置", "10.30.0.1 接入边界防火墙|按基线 V1.0 配置 ACL 23 条");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftBaseline",
                "userTask_configurePolicies", "callActivity_recordService");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset).containsExactly("10.30.0.1 接入边界防火墙");
        assertThat(documents.latest(pi.getId(), CONFIGURATION_RECORD).orElseThrow().html())
                .contains("策略管理 7.4.3", "边界默认拒绝；主机禁用高危端口", "接入边界 ACL 23 条", "7.4.3.2");
    }

    @Test
    void quarterlyTimerStartsThePolicyTest() {
        ProcessInstance pi = duties.fire(TESTING);
        assertThat(pi).isWaitingAt("userTask_planPolicyTests");
        assertThat(driver.candidateGroups(pi, "userTask_planPolicyTests")).containsExactly("technical");
    }

    @Test
    void ineffectivePolicyIsCorrectedAndRetestedThenTheBaselineIsIteratedAndApplied() {
        ProcessInstance pi = duties.fire(TESTING);
        planTests(pi);
        test(pi, false);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_correctPolicies");
        driver.complete(pi, "userTask_correctPolicies", "operator", Map.of("policyCorrections", "ACL 第 7 条源地址改为 /28"));
        assertThat(driver.openTaskKeys(pi)).as("retest after correction").containsExactly("userTask_testPolicies");
        test(pi, true);

        evaluate(pi, true);
        driver.complete(pi, "userTask_iterateBaseline", "engineer", Map.of("baselineVersion", "V1.1",
                "baselineChanges", "新增针对新型勒索软件的 445 端口封禁"));
        driver.complete(pi, "userTask_applyBaseline", "operator", Map.of("appliedUnits", "广州市某委办局",
                "appliedChanges", "接入边界封禁 445 端口"));
        driver.recordService(pi, "本季度测试 12 项，修正 1 项，基线迭代至 V1.1", "10.30.0.1 接入边界防火墙|封禁 445 端口（基线 V1.1）");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_testPolicies", "userTask_correctPolicies", "userTask_testPolicies",
                "userTask_evaluateBaseline", "userTask_iterateBaseline", "userTask_applyBaseline", "callActivity_recordService");
        assertThat(documents.latest(pi.getId(), TESTING_RECORD).orElseThrow().html())
                .contains("季度安全策略测试验证与基线迭代 7.4.3.4", "ACL 第 7 条源地址改为 /28", "V1.1", "7.4.3.5");
    }

    @Test
    void effectivePoliciesWithoutNewThreatsKeepTheBaseline() {
        ProcessInstance pi = duties.fire(TESTING);
        planTests(pi);
        test(pi, true);
        evaluate(pi, false);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        driver.recordService(pi, "策略全部有效，基线不变", "");
        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasNotPassed("userTask_correctPolicies", "userTask_iterateBaseline");
    }

    private void planTests(ProcessInstance pi) {
        driver.complete(pi, "userTask_planPolicyTests", "engineer", Map.of("testedUnits", "广州市某委办局",
                "unitRequirements", "业务 7×24 可用，远程运维须加密", "policiesUnderTest", "接入边界 ACL、WAF 规则",
                "testCases", "12 项：端口可达性、非授权访问阻断……"));
    }

    private void test(ProcessInstance pi, boolean effective) {
        driver.complete(pi, "userTask_testPolicies", "operator", vars("testResults",
                effective ? "12 项全部通过" : "11 项通过，ACL 第 7 条放行范围过宽", "policiesEffective", effective,
                "ineffectivePolicies", effective ? "" : "ACL 第 7 条"));
    }

    private void evaluate(ProcessInstance pi, boolean iterate) {
        driver.complete(pi, "userTask_evaluateBaseline", "engineer", Map.of("newThreats",
                iterate ? "新型勒索软件利用 SMB 传播" : "无", "businessChanges", "无", "policyDefects", "无",
                "baselineIterationNeeded", iterate));
    }
}
