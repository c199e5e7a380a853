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

/** 7.3.2 安全评估: filed and authorized before assessing; its findings go to vulnerability management (7.4.2). */
@IntegrationTest
class SecurityAssessmentProcessTest {

    static final String KEY = "securityAssessment";
    static final String DOCUMENT = "安全评估报告和安全加固建议报告";

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
    void assessmentHandsItsFindingsToVulnerabilityManagementAndProvidesItsReports() {
        ProcessInstance pi = untilAssessed();
        assess(pi, 3);
        writeReport(pi);

        ProcessInstance vulnerabilities = management.startedBy(pi.getId());
        assertThat(management.variable(vulnerabilities, "sourceProcess")).isEqualTo("安全评估 7.3.2");
        assertThat(management.variable(vulnerabilities, "findingsSummary")).isEqualTo("Tomcat 弱口令；SSH 弱加密套件；未打补丁");
        assertThat(management.variable(vulnerabilities, "findingCount")).isEqualTo(3);
        assertThat(management.variable(vulnerabilities, "awaitsRemediation")).as("an assessment does not re-test")
                .isEqualTo(false);

        driver.recordService(pi, "评估完成，高风险 1 项", "10.8.2.20 OA 服务器|登记风险 3 项");
        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "callActivity_fileAndAuthorize",
                "userTask_planAssessmentMethod", "userTask_quantifyRisk", "userTask_writeReport",
                "event_reportVulnerabilities", "callActivity_recordService");
        assertThat(documents.latest(pi.getId(), DOCUMENT).orElseThrow().html())
                .contains("评估完成，高风险 1 项", "SQ-2026-0201", "BB-2026-0042", "关闭 Tomcat 管理端口", "第三级", "7.3.2.4");
    }

    @Test
    void assessmentWaitsForFilingAndAuthorizationAndRunsToolsAndManualReviewSideBySide() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        confirmRequirement(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_fileWithRegulator");
        driver.fileAndAuthorize(pi, "SQ-2026-0201");
        assertThat(driver.candidateGroups(pi, "userTask_planAssessmentMethod")).containsExactly("technical");
        planMethod(pi);

        assertThat(driver.openTaskKeys(pi)).containsExactlyInAnyOrder("userTask_toolDetection", "userTask_manualReview");
        assertThat(driver.candidateGroups(pi, "userTask_toolDetection")).containsExactly("operations");
        assertThat(driver.candidateGroups(pi, "userTask_manualReview")).containsExactly("technical");
    }

    @Test
    void assessmentWithoutFindingsStartsNoVulnerabilityManagement() {
        ProcessInstance pi = untilAssessed();
        assess(pi, 0);
        writeReport(pi);
        driver.recordService(pi, "评估完成，未发现漏洞", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasNotPassed("event_reportVulnerabilities");
        assertThat(management.instancesFor(pi.getId())).isZero();
    }

    private ProcessInstance untilAssessed() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        confirmRequirement(pi);
        driver.fileAndAuthorize(pi, "SQ-2026-0201");
        planMethod(pi);
        driver.complete(pi, "userTask_toolDetection", "operator", Map.of("toolsUsed", "漏洞扫描器、基线核查工具",
                "vulnerabilityDetection", "未打补丁 1 项", "baselineCheck", "SSH 弱加密套件", "weakPasswordCheck", "Tomcat 弱口令"));
        driver.complete(pi, "userTask_manualReview", "engineer", Map.of("manualFindings", "日志未集中留存",
                "penetrationFindings", "Tomcat 管理后台可登录"));
        return pi;
    }

    private void confirmRequirement(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("assetScope", "OA 系统及服务器",
                "implementationTime", "2026-12-01 至 2026-12-05", "implementationSite", "使用方机房"));
    }

    private void planMethod(ProcessInstance pi) {
        driver.complete(pi, "userTask_planAssessmentMethod", "engineer", Map.of("protectionLevel", "第三级",
                "complianceItems", "安全通信网络、安全区域边界、安全计算环境", "riskMethod", "资产赋值、威胁与脆弱性识别、风险计算矩阵法"));
    }

    private void assess(ProcessInstance pi, int findings) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("complianceResult", "符合 48 项、部分符合 6 项");
        variables.put("riskLevelSummary", "高 1、中 2、低 3");
        variables.put("highRiskCount", 1);
        variables.put("findingsSummary", findings > 0 ? "Tomcat 弱口令；SSH 弱加密套件；未打补丁" : "无");
        variables.put("findingCount", findings);
        driver.complete(pi, "userTask_quantifyRisk", "engineer", variables);
    }

    private void writeReport(ProcessInstance pi) {
        driver.complete(pi, "userTask_writeReport", "engineer", Map.of("reportSummary", "总体风险中等",
                "hardeningAdvice", "关闭 Tomcat 管理端口；禁用弱加密套件"));
    }
}
