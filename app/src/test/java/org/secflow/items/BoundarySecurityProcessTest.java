package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;

/** 7.2.1 边界安全, worked by its people, with the shared review, confirm-or-rollback and record steps. */
@IntegrationTest
class BoundarySecurityProcessTest {

    static final String KEY = "boundarySecurity";
    static final String DOCUMENT = "边界安全服务记录及资产信息台账更新记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    @Autowired ServiceRecord serviceRecord;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void servicedBoundaryEndsWithItsRecordAndLedgerLines() {
        ProcessInstance pi = untilImplementation();
        driver.confirmWithoutImpact(pi);
        driver.recordService(pi, "边界防护已开通，监测正常", "10.0.0.1 出口防火墙|新增访问策略 12 条\n10.0.0.2 VPN 网关|新增 VPN 通道 2 条");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "callActivity_reviewPlan",
                "userTask_configureProtection", "userTask_controlNetworkAccess", "callActivity_confirmImplementation",
                "callActivity_recordService");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause).containsExactly(
                org.assertj.core.groups.Tuple.tuple("10.0.0.1 出口防火墙", "7.2.1.7"),
                org.assertj.core.groups.Tuple.tuple("10.0.0.2 VPN 网关", "7.2.1.7"));
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("边界安全 7.2.1", "新增访问策略 12 条", "SQ-2026-0101", "与使用方确认边界安全需求",
                "operator", "操作类", "7.2.1.4");
        assertThat(serviceRecord.actionsOf(pi.getId())).extracting(ServiceAction::activityId)
                .contains("userTask_reviewPlan", "serviceTask_recordAuthorization", "userTask_confirmImplementation");
    }

    @Test
    void rejectedPlanIsRevisedBeforeItIsAuthorized() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.rejectReviewAndRevise(pi, "缺少开通计划的回退窗口", "修订后的实施方案：含回退窗口");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_reviewPlan");
        driver.approveReview(pi, "SQ-2026-0102");

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_configureProtection");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "planSummary")).isEqualTo("修订后的实施方案：含回退窗口");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "authorizedBy")).isEqualTo("manager");
    }

    @Test
    void affectedBusinessIsRolledBackAndImplementedAgain() {
        ProcessInstance pi = untilImplementation();
        driver.rollBack(pi, true);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_configureProtection");
        implement(pi);
        driver.confirmWithoutImpact(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        assertThat(serviceRecord.actionsOf(pi.getId())).extracting(ServiceAction::activityId)
                .contains("userTask_rollback", "userTask_decideAfterRollback");
    }

    @Test
    void rollbackWithoutReimplementationGoesToTheRecord() {
        ProcessInstance pi = untilImplementation();
        driver.rollBack(pi, false);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
    }

    @Test
    void malformedLedgerLineIsRefusedAndTheRecordTaskStays() {
        ProcessInstance pi = untilImplementation();
        driver.confirmWithoutImpact(pi);
        assertThatThrownBy(() -> driver.recordService(pi, "完成", "只有资产没有变更内容"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("第 1 行");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        assertThat(ledger.linesOf(pi.getId())).isEmpty();
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        requirementAndPlan(pi);
        assertThat(driver.candidateGroups(pi, "userTask_reviewPlan")).containsExactly("management");
        driver.approveReview(pi, "SQ-2026-0103");
        assertThat(driver.candidateGroups(pi, "userTask_configureProtection")).containsExactly("operations");
    }

    private ProcessInstance untilImplementation() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.approveReview(pi, "SQ-2026-0101");
        implement(pi);
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "互联网出口、政务外网接入边界",
                "protectedObjects", "出口防火墙、VPN 网关", "accessRules", "仅开放业务端口"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "边界实施方案 V1",
                "deviceParameters", "防火墙策略模板 A", "activationSchedule", "11 月 25 日夜间开通"));
    }

    private void implement(ProcessInstance pi) {
        driver.complete(pi, "userTask_configureProtection", "operator", Map.of("accessPolicies", "策略 1-12",
                "virusDatabaseVersion", "2026.11.20", "intrusionRules", "默认规则集+Web 攻击规则", "vpnTunnels", "2 条",
                "monitoringEnabled", true));
        driver.complete(pi, "userTask_controlNetworkAccess", "operator", Map.of("admissionDevices", "准入控制器 NAC-1",
                "unauthorizedFindings", "发现 1 台私接设备", "restrictionMeasures", "已阻断并通知使用方"));
    }
}
