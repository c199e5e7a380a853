package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.secflow.items.RecurringDuties.vars;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** 8.2 改进: plan, approval, measures, follow-up after the chosen period, effect check, record. */
@IntegrationTest
class ImprovementPlanProcessTest {

    static final String KEY = "improvementPlan";
    static final String DOCUMENT = "改进计划及效果跟踪记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    ProcessDriver driver;
    RecurringDuties duties;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        duties = new RecurringDuties(engine);
    }

    @Test
    void achievedImprovementEndsWithItsTrackingRecord() {
        ProcessInstance pi = requested();
        draft(pi, "P30D");
        approve(pi, true);
        carryOut(pi);
        Job followUp = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        // the job is stored a moment after its due date was computed: to the minute, not toDays() (29 on a busy machine)
        assertThat(Duration.between(engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .singleResult().getCreateTime().toInstant(), followUp.getDuedate().toInstant()).toMinutes())
                .isBetween(Duration.ofDays(30).toMinutes() - 1, Duration.ofDays(30).toMinutes());
        duties.fireTimerOf(pi);
        check(pi, true);
        driver.recordService(pi, "漏洞修复率提升至 95%，改进目标已实现", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_draftPlan", "userTask_approvePlan", "userTask_carryOutMeasures",
                "timerEvent_followUp", "userTask_checkEffect", "callActivity_recordImprovement");
        assertThat(documents.latest(pi.getId(), DOCUMENT).orElseThrow().html())
                .contains("改进计划 8.2", "漏洞修复率提升至 95%");
    }

    @Test
    void rejectedPlanIsRevisedBeforeMeasuresStart() {
        ProcessInstance pi = driver.start("manager", KEY, Map.of("evaluationSummary", "客户投诉：响应慢"));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_draftPlan");
        draft(pi, "P30D");
        approve(pi, false);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_draftPlan");
        draft(pi, "P14D");
        approve(pi, true);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_carryOutMeasures");
    }

    @Test
    void effectNotAchievedGoesBackToTheMeasuresAndIsFollowedUpAgain() {
        ProcessInstance pi = requested();
        draft(pi, "P7D");
        approve(pi, true);
        carryOut(pi);
        assertThat(duties.waitsForTimer(pi)).isTrue();
        assertThat(driver.openTaskKeys(pi)).isEmpty();
        duties.fireTimerOf(pi);
        check(pi, false);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_carryOutMeasures");
        carryOut(pi);
        assertThat(duties.waitsForTimer(pi)).isTrue();
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = requested();
        assertThat(driver.candidateGroups(pi, "userTask_draftPlan")).containsExactly("technical");
        draft(pi, "P30D");
        assertThat(driver.candidateGroups(pi, "userTask_approvePlan")).containsExactly("management");
        approve(pi, true);
        assertThat(driver.candidateGroups(pi, "userTask_carryOutMeasures")).containsExactly("operations");
    }

    private ProcessInstance requested() {
        String summary = "漏洞修复率低 " + System.nanoTime();
        engine.getRuntimeService().createMessageCorrelation("improvement.planRequested")
                .setVariable("evaluationSummary", summary).correlateStartMessage();
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(KEY)
                .variableValueEquals("evaluationSummary", summary).singleResult();
    }

    private void draft(ProcessInstance pi, String followUp) {
        driver.complete(pi, "userTask_draftPlan", "engineer", vars("improvementGoals", "漏洞修复率达到 95%",
                "improvementSchedule", "12 月底前", "improvementMeasures", "每周漏洞复盘；自动化复测",
                "expectedOutcomes", "高危漏洞 7 日内修复", "addressesTraining", true, "addressesServiceContent", false,
                "addressesAutomation", true, "addressesCommunication", false, "followUpDuration", followUp));
    }

    private void approve(ProcessInstance pi, boolean approved) {
        driver.complete(pi, "userTask_approvePlan", "manager", Map.of("planApproved", approved,
                "approvalComment", approved ? "同意" : "补充时间表节点"));
    }

    private void carryOut(ProcessInstance pi) {
        driver.complete(pi, "userTask_carryOutMeasures", "operator", Map.of("measuresTaken", "已启用自动化复测",
                "implementationNote", "按计划实施"));
    }

    private void check(ProcessInstance pi, boolean achieved) {
        driver.complete(pi, "userTask_checkEffect", "engineer", Map.of("effectAssessment",
                achieved ? "目标已达成" : "修复率 85%，未达成", "effectAchieved", achieved));
    }
}
