package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.5.2 应急演练: plan, training, drill, record, report; findings start the emergency plan revision of
 * 7.5.1 (emergencyPlan.revisionRequested).
 */
@IntegrationTest
class EmergencyDrillProcessTest {

    static final String KEY = "emergencyDrill";
    static final String REPORT = "应急演练报告";

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void drillFindingsStartARevisionOfTheEmergencyPlan() {
        ProcessInstance pi = untilReportSubmitted();
        String proposal = "I 级预案补充勒索软件场景下的备份恢复步骤 " + UUID.randomUUID();
        driver.complete(pi, "userTask_proposePlanChanges", "engineer", Map.of("planRevisionNeeded", true,
                "improvementProposal", proposal));

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassed("event_requestPlanRevision");
        ProcessInstance revision = runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyPlan")
                .variableValueEquals("improvementProposal", proposal).singleResult();
        assertThat(revision).as("emergency plan revision 7.5.1 started by emergencyPlan.revisionRequested").isNotNull();
        assertThat(revision).isWaitingAt("userTask_collectAssetInfo").hasPassed("startEvent_revisionRequested");
    }

    @Test
    void drillReportHasContentResultProblemsAndImprovements() {
        ProcessInstance pi = untilReportSubmitted();

        assertThat(pi).hasPassedInOrder("userTask_draftDrillPlan", "userTask_trainParticipants", "userTask_conductDrill",
                "userTask_recordDrill", "userTask_draftDrillReport", "callActivity_submitReport");
        assertThat(documents.latest(pi.getId(), REPORT).orElseThrow().html()).contains("应急演练 7.5.2",
                "勒索软件感染门户网站服务器", "40 分钟内完成隔离", "备份恢复耗时超出预案", "增加每周备份恢复验证",
                "使用方希望提前告知演练窗口", "7.5.2.5");
    }

    @Test
    void drillWithoutPlanChangesEndsWithoutARevision() {
        ProcessInstance pi = untilReportSubmitted();
        String reason = "预案适用，无需调整 " + UUID.randomUUID();
        driver.complete(pi, "userTask_proposePlanChanges", "engineer", Map.of("planRevisionNeeded", false,
                "improvementProposal", reason));

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassed("endEvent_done").hasNotPassed("event_requestPlanRevision");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyPlan")
                .variableValueEquals("improvementProposal", reason).count()).isZero();
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("manager", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_draftDrillPlan")).containsExactly("technical");
        drillPlan(pi);
        assertThat(driver.candidateGroups(pi, "userTask_trainParticipants")).containsExactly("operations");
    }

    private ProcessInstance untilReportSubmitted() {
        ProcessInstance pi = driver.startRequest("manager", KEY);
        drillPlan(pi);
        driver.complete(pi, "userTask_trainParticipants", "operator", Map.of("drillTrainingDate", "2026-11-25T09:00:00+08:00",
                "drillTrainees", "值班组 6 人", "drillTrainingContent", "演练目的、流程和各岗位职责"));
        driver.complete(pi, "userTask_conductDrill", "operator", Map.of("drillStartedAt", "2026-11-27T14:00:00+08:00",
                "drillSteps", "发现—研判—隔离—恢复", "planDeviations", ""));
        driver.complete(pi, "userTask_recordDrill", "operator", Map.of("drillProcess", "14:05 发现告警，14:45 完成隔离",
                "drillResult", "40 分钟内完成隔离", "stakeholderFeedback", "使用方希望提前告知演练窗口"));
        assertThat(driver.candidateGroups(pi, "userTask_draftDrillReport")).containsExactly("technical");
        driver.complete(pi, "userTask_draftDrillReport", "engineer", Map.of("reportDrillContent", "勒索软件处置演练",
                "reportDrillResult", "隔离达标，恢复超时", "drillProblems", "备份恢复耗时超出预案",
                "improvementMeasures", "增加每周备份恢复验证"));
        driver.recordService(pi, "应急演练报告已提交管理方和使用方", "");
        return pi;
    }

    private void drillPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_draftDrillPlan", "engineer", Map.of("planReference", "YJYA-V1.1",
                "drillTime", "2026-11-27T14:00:00+08:00", "drillParticipants", "值班组 6 人、使用方联络员 2 人",
                "drillScenarios", "勒索软件感染门户网站服务器", "drillObjectives", "检验 I 级预案隔离与恢复时效"));
    }
}
