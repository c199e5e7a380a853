package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.ProcessEngine;
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

/** 7.2.3 WEB 安全, worked by its people, with the shared review, confirm-or-rollback and record steps. */
@IntegrationTest
class WebSecurityProcessTest {

    static final String KEY = "webSecurity";
    static final String DOCUMENT = "WEB 安全服务记录及资产信息台账更新记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void protectedWebApplicationsEndWithTheRecordAndLedgerLines() {
        ProcessInstance pi = untilImplementation();
        driver.confirmWithoutImpact(pi);
        driver.recordService(pi, "WAF 已上线，监测正常", "10.3.1.20 WAF-01|新增 WEB 应用防火墙（反向代理）");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "callActivity_reviewPlan",
                "userTask_deployDevices", "userTask_configureWaf", "callActivity_confirmImplementation",
                "callActivity_recordService");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause)
                .containsExactly(Tuple.tuple("10.3.1.20 WAF-01", "7.2.3.6"));
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("WEB 安全 7.2.3", "新增 WEB 应用防火墙（反向代理）", "SQ-2026-0301",
                "OWASP Top 10 规则集", "7.2.3.4", "与管理方和使用方确认实施情况");
    }

    @Test
    void rejectedPlanIsRevisedBeforeDevicesAreDeployed() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.rejectReviewAndRevise(pi, "未覆盖业务接口防护", "WEB 防护方案 V2：含业务接口防护");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_reviewPlan");
        driver.approveReview(pi, "SQ-2026-0302");

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_deployDevices");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "planSummary"))
                .isEqualTo("WEB 防护方案 V2：含业务接口防护");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "authorizationReference")).isEqualTo("SQ-2026-0302");
    }

    @Test
    void affectedBusinessIsRolledBackAndDevicesAreDeployedAgain() {
        ProcessInstance pi = untilImplementation();
        driver.rollBack(pi, true);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_deployDevices");
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
        driver.approveReview(pi, "SQ-2026-0303");
        assertThat(driver.candidateGroups(pi, "userTask_deployDevices")).containsExactly("operations");
    }

    private ProcessInstance untilImplementation() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.approveReview(pi, "SQ-2026-0301");
        implement(pi);
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of(
                "webApplications", "门户网站 www.example.gov.cn、网上办事大厅", "protectionScope", "互联网访问入口",
                "protectionRequirements", "防注入、防篡改、防 CC"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "WEB 防护方案 V1",
                "protectedObjects", "门户网站、网上办事大厅", "protectionStrategies", "WAF 反向代理+网页防篡改"));
    }

    private void implement(ProcessInstance pi) {
        driver.complete(pi, "userTask_deployDevices", "operator", Map.of(
                "protectionDevices", "WAF-01（DMZ 区）", "deploymentMode", "反向代理"));
        driver.complete(pi, "userTask_configureWaf", "operator", Map.of("wafRules", "OWASP Top 10 规则集",
                "protectionPolicies", "CC 防护阈值 200 次/秒", "monitoringEnabled", true));
    }
}
