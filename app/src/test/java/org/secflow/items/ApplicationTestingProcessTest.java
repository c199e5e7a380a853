package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** 7.3.3 应用检测: filed and authorized, automated tools then manual verification; findings to 7.4.2. */
@IntegrationTest
class ApplicationTestingProcessTest {

    static final String KEY = "applicationTesting";
    static final String DOCUMENT = "应用检测报告及安全加固建议报告";

    @Autowired ProcessEngine engine;
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
    void testedApplicationHandsItsFindingsToVulnerabilityManagementAndProvidesItsReports() {
        ProcessInstance pi = untilVerified();
        consolidate(pi, 2);

        ProcessInstance vulnerabilities = management.startedBy(pi.getId());
        assertThat(management.variable(vulnerabilities, "sourceProcess")).isEqualTo("应用检测 7.3.3");
        assertThat(management.variable(vulnerabilities, "findingCount")).isEqualTo(2);
        assertThat(management.variable(vulnerabilities, "awaitsRemediation")).isEqualTo(false);

        driver.recordService(pi, "检测完成，2 个漏洞", "政务 APP Android 版|登记漏洞 2 个");
        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "callActivity_fileAndAuthorize",
                "userTask_automatedTesting", "userTask_manualVerification", "userTask_consolidateFindings",
                "event_reportVulnerabilities", "callActivity_recordService");
        assertThat(documents.latest(pi.getId(), DOCUMENT).orElseThrow().html())
                .contains("检测完成，2 个漏洞", "越权查询他人办件", "SQ-2026-0301", "7.3.3.4");
    }

    @Test
    void testingWaitsForFilingAndAuthorizationThenToolsThenPeople() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        confirmRequirement(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_fileWithRegulator");
        driver.fileAndAuthorize(pi, "SQ-2026-0301");

        assertThat(driver.candidateGroups(pi, "userTask_automatedTesting")).containsExactly("operations");
        automated(pi);
        assertThat(driver.candidateGroups(pi, "userTask_manualVerification")).containsExactly("technical");
    }

    @Test
    void applicationWithoutFindingsStartsNoVulnerabilityManagement() {
        ProcessInstance pi = untilVerified();
        consolidate(pi, 0);
        driver.recordService(pi, "未发现漏洞", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasNotPassed("event_reportVulnerabilities");
        assertThat(management.instancesFor(pi.getId())).isZero();
    }

    private ProcessInstance untilVerified() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        confirmRequirement(pi);
        driver.fileAndAuthorize(pi, "SQ-2026-0301");
        automated(pi);
        driver.complete(pi, "userTask_manualVerification", "engineer", Map.of(
                "exploitabilityVerification", "SQL 注入可利用", "logicFlaws", "越权查询他人办件",
                "covertChannels", "未发现", "thirdPartyComponents", "fastjson 1.2.47 存在风险"));
        return pi;
    }

    private void confirmRequirement(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("testScope", "政务 APP（Android、iOS）及其服务端",
                "implementationTime", "2026-12-08", "implementationSite", "服务方实验室"));
    }

    private void automated(ProcessInstance pi) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("toolsUsed", "AppScan、MobSF、Fortify");
        variables.put("vulnerabilityScanResult", "SQL 注入 1");
        variables.put("baselineCheckResult", "符合");
        variables.put("weakPasswordResult", "无");
        variables.put("mobileTestResult", "未加固，可反编译");
        variables.put("codeAuditResult", "硬编码密钥 1 处");
        driver.complete(pi, "userTask_automatedTesting", "operator", variables);
    }

    private void consolidate(ProcessInstance pi, int findings) {
        driver.complete(pi, "userTask_consolidateFindings", "engineer", Map.of(
                "findingsSummary", findings > 0 ? "SQL 注入；越权查询" : "无", "findingCount", findings,
                "reportSummary", "应用整体风险较高", "hardeningAdvice", "参数化查询；服务端鉴权"));
    }
}
