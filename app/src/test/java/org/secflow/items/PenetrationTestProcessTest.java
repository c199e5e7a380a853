package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.3.5 渗透测试: filed and authorized before testing, findings handed to vulnerability management
 * (7.4.2), re-test after the 使用方's remediation comes back by message (7.3.5.4).
 */
@IntegrationTest
class PenetrationTestProcessTest {

    static final String KEY = "penetrationTest";
    static final String TEST_REPORT = "渗透测试报告和安全加固建议报告";
    static final String RETEST_REPORT = "渗透测试复测报告";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired DocumentService documents;
    ProcessDriver driver;
    VulnerabilityManagementSteps management;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        management = new VulnerabilityManagementSteps(engine, driver);
    }

    @Test
    void findingsGoToVulnerabilityManagementAndItsConfirmedFixTriggersTheRetest() {
        ProcessInstance test = untilFindingsReported(1);

        assertThat(test).isWaitingAt("gateway_awaitRemediation");
        assertThat(documents.latest(test.getId(), TEST_REPORT).orElseThrow().html())
                .contains("弱口令进入后台", "后台限制源地址并启用双因素认证", "SQ-2026-0501", "7.3.5.3");
        ProcessInstance vulnerabilities = management.startedBy(test.getId());
        assertThat(management.variable(vulnerabilities, "sourceProcess")).isEqualTo("渗透测试 7.3.5");
        assertThat(management.variable(vulnerabilities, "findingCount")).isEqualTo(1);
        assertThat(management.variable(vulnerabilities, "businessKey")).isEqualTo(test.getId());

        management.remediate(vulnerabilities, "后台已限制源地址并启用双因素认证");
        assertThat(driver.openTaskKeys(test)).as("the re-test is filed and authorized again first")
                .containsExactly("userTask_fileWithRegulator");
        driver.fileAndAuthorize(test, "SQ-2026-0502");
        assertThat(driver.candidateGroups(test, "userTask_retest")).containsExactly("technical");
        retest(test, true);
        driver.recordService(test, "复测通过，后台已无法通过弱口令登录", "");

        assertThat(driver.isEnded(test)).isTrue();
        assertThat(test).hasPassedInOrder("callActivity_fileAndAuthorize", "userTask_gatherInformation",
                "userTask_exploitAndVerify", "callActivity_recordTestReport", "event_reportVulnerabilities",
                "event_remediated", "callActivity_fileRetest", "userTask_retest", "callActivity_recordRetestReport");
        assertThat(documents.latest(test.getId(), RETEST_REPORT).orElseThrow().html())
                .contains("复测通过，后台已无法通过弱口令登录", "SQ-2026-0502", "7.3.5.4");
    }

    @Test
    void testingWaitsForFilingWithTheRegulatorAndAuthorization() {
        ProcessInstance test = driver.startRequest("operator", KEY);
        confirmRequirement(test);

        assertThat(driver.openTaskKeys(test)).containsExactly("userTask_fileWithRegulator");
        driver.fileAndAuthorize(test, "SQ-2026-0501");
        assertThat(driver.openTaskKeys(test)).containsExactly("userTask_gatherInformation");
        assertThat(driver.candidateGroups(test, "userTask_gatherInformation")).containsExactly("technical");
    }

    @Test
    void userDeclaringNoRemediationEndsTheTestWithoutRetest() {
        ProcessInstance test = untilFindingsReported(3);
        Job followUp = managementService.createJobQuery().processInstanceId(test.getId())
                .activityId("timer_remediationFollowUp").singleResult();
        managementService.executeJob(followUp.getId());
        driver.complete(test, "userTask_followUpRemediation", "operator", Map.of(
                "followUpNote", "使用方书面声明系统即将下线，不再整改", "followUpDecision", "declined"));

        assertThat(driver.isEnded(test)).isTrue();
        assertThat(test).hasPassed("endEvent_retestDeclined").hasNotPassed("callActivity_fileRetest");
        assertThat(documents.latest(test.getId(), RETEST_REPORT)).isEmpty();
    }

    @Test
    void unfixedVulnerabilitiesFoundByTheRetestGoBackToVulnerabilityManagement() {
        ProcessInstance test = untilFindingsReported(1);
        management.remediate(management.startedBy(test.getId()), "已修改口令");
        driver.fileAndAuthorize(test, "SQ-2026-0503");
        retest(test, false);
        driver.recordService(test, "仍可提权", "");

        assertThat(test).isWaitingAt("gateway_awaitRemediation").hasPassed("event_reportResidualVulnerabilities");
        ProcessInstance residual = management.startedBy(test.getId());
        assertThat(management.variable(residual, "findingsSummary")).isEqualTo("本地提权仍可利用");
    }

    @Test
    void testWithoutFindingsEndsAfterItsReport() {
        ProcessInstance test = untilTested(0);
        driver.recordService(test, "未发现可利用漏洞", "");

        assertThat(driver.isEnded(test)).isTrue();
        assertThat(test).hasPassed("endEvent_noFindings");
        assertThat(management.instancesFor(test.getId())).isZero();
    }

    private ProcessInstance untilFindingsReported(int findings) {
        ProcessInstance test = untilTested(findings);
        driver.recordService(test, "发现 " + findings + " 个漏洞", "");
        return test;
    }

    private ProcessInstance untilTested(int findings) {
        ProcessInstance test = driver.startRequest("operator", KEY);
        confirmRequirement(test);
        driver.fileAndAuthorize(test, "SQ-2026-0501");
        driver.complete(test, "userTask_gatherInformation", "engineer", Map.of(
                "informationGathered", "子域名 12 个、开放端口 80/443/8080", "scanFindings", "8080 为管理后台"));
        Map<String, Object> variables = new HashMap<>();
        variables.put("verificationResult", "后台存在弱口令");
        variables.put("passwordCracking", "admin/admin123 弱口令进入后台");
        variables.put("scriptTesting", "未发现 XSS");
        variables.put("overflowTesting", "无");
        variables.put("privilegeEscalation", "本地提权成功");
        variables.put("findingsSummary", "弱口令进入后台；本地提权");
        variables.put("findingCount", findings);
        variables.put("hardeningAdvice", "后台限制源地址并启用双因素认证");
        variables.put("remediationFollowUp", "P7D");
        driver.complete(test, "userTask_exploitAndVerify", "engineer", variables);
        return test;
    }

    private void confirmRequirement(ProcessInstance test) {
        driver.complete(test, "userTask_confirmRequirement", "engineer", Map.of("testScope", "门户网站",
                "implementationTime", "2026-11-26 22:00", "implementationSite", "远程", "testConstraints", "禁止拒绝服务测试"));
    }

    private void retest(ProcessInstance test, boolean fixEffective) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("retestResult", fixEffective ? "弱口令已修复" : "本地提权仍可利用");
        variables.put("fixEffective", fixEffective);
        if (!fixEffective) {
            variables.put("residualSummary", "本地提权仍可利用");
            variables.put("residualCount", 1);
        }
        driver.complete(test, "userTask_retest", "engineer", variables);
    }
}
