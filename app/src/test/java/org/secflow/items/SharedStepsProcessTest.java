package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.report.DocumentService;
import org.secflow.form.FormSubmissionRefused;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** The shared call activities of processes/shared/, each run on its own as a caller would. */
@IntegrationTest
class SharedStepsProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProcessDriver(engine);
    }

    @Test
    void reviewLoopsThroughRevisionAndRecordsWhoAuthorized() {
        ProcessInstance pi = driver.startAsCalled("reviewAndAuthorize",
                Map.of("reviewSubject", "测试方案", "planSummary", "方案 V1"));
        driver.rejectReviewAndRevise(pi, "补充回退计划", "方案 V2");
        driver.approveReview(pi, "SQ-SHARED-1");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(variable(pi, "planSummary")).isEqualTo("方案 V2");
        assertThat(variable(pi, "authorizedBy")).isEqualTo("manager");
        assertThat(variable(pi, "authorizedAt")).isNotNull();
    }

    @Test
    void approvalWithoutAnAuthorizationDocumentIsRefused() {
        ProcessInstance pi = driver.startAsCalled("reviewAndAuthorize",
                Map.of("reviewSubject", "测试方案", "planSummary", "方案 V1"));
        assertThatThrownBy(() -> driver.complete(pi, "userTask_reviewPlan", "manager",
                Map.of("reviewParticipants", "各方", "reviewApproved", true, "reviewComment", "同意")))
                .isInstanceOf(FormSubmissionRefused.class).hasMessageContaining("authorizationReference");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_reviewPlan");
    }

    @Test
    void unaffectedBusinessNeedsNoReimplementation() {
        ProcessInstance pi = driver.startAsCalled("confirmOrRollback",
                Map.of("implementationSubject", "测试实施", "reimplement", true));
        driver.confirmWithoutImpact(pi);
        assertThat(variable(pi, "reimplement")).isEqualTo(false);
    }

    @Test
    void affectedBusinessIsRolledBackAndManagementDecides() {
        ProcessInstance pi = driver.startAsCalled("confirmOrRollback", Map.of("implementationSubject", "测试实施"));
        driver.rollBack(pi, true);
        assertThat(variable(pi, "reimplement")).isEqualTo(true);
        assertThat(variable(pi, "rollbackMeasures")).isEqualTo("恢复变更前配置");
    }

    @Test
    void filingPrecedesAuthorization() {
        ProcessInstance pi = driver.startAsCalled("filingAndAuthorization", Map.of("filingSubject", "渗透测试"));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_fileWithRegulator");
        driver.fileAndAuthorize(pi, "SQ-SHARED-2");
        assertThat(variable(pi, "filingReference")).isEqualTo("BB-2026-0042");
        assertThat(variable(pi, "authorizedBy")).isEqualTo("manager");
    }

    @Test
    void recordStepKeepsLedgerLinesAndRendersTheNamedDocument() {
        Map<String, Object> start = new HashMap<>(Map.of("documentKind", "测试服务报告",
                "serviceResult", "上一轮的结果", "ledgerChanges", "旧资产|上一轮的变更"));
        ProcessInstance pi = driver.startAsCalled("recordAndLedger", start);
        assertThat(runtimeService.getVariable(pi.getId(), "ledgerChanges")).as("each record starts empty").isNull();

        driver.recordService(pi, "服务完成", "192.0.2.10 防火墙|策略变更");

        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset).containsExactly("192.0.2.10 防火墙");
        assertThat(documents.latest(pi.getId(), "测试服务报告").orElseThrow().html())
                .contains("测试服务报告", "服务完成", "策略变更");
    }

    private Object variable(ProcessInstance pi, String name) {
        HistoricVariableInstance variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
