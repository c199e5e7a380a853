package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** 7.4.6 安全培训: requirement, plan, training, feedback, adjustment and the training report. */
@IntegrationTest
class SecurityTrainingProcessTest {

    static final String KEY = "securityTraining";
    static final String REPORT = "培训报告";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void trainingWithoutAdjustmentEndsWithItsReport() {
        ProcessInstance pi = untilTraining();
        deliver(pi, "线下");
        feedback(pi, false);
        driver.recordService(pi, "培训 1 场，参训 35 人，满意度 96%", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "userTask_deliverTraining",
                "userTask_collectFeedback", "callActivity_recordService").hasNotPassed("userTask_adjustTraining");
        assertThat(documents.latest(pi.getId(), REPORT).orElseThrow().html())
                .contains("安全培训 7.4.6", "满意度 96%", "钓鱼邮件识别", "希望增加实操", "7.4.6.4");
    }

    @Test
    void adjustedTrainingIsHeldAgainBeforeTheReport() {
        ProcessInstance pi = untilTraining();
        deliver(pi, "线下");
        feedback(pi, true);
        adjust(pi, true);

        assertThat(driver.openTaskKeys(pi)).as("training again with the adjusted plan")
                .containsExactly("userTask_deliverTraining");
        deliver(pi, "线上和线下");
        feedback(pi, false);
        driver.recordService(pi, "培训 2 场", "");
        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(documents.latest(pi.getId(), REPORT).orElseThrow().html()).contains("增加 30 分钟钓鱼邮件实操");
    }

    @Test
    void adjustmentKeptForLaterTrainingsGoesToTheReport() {
        ProcessInstance pi = untilTraining();
        deliver(pi, "线上");
        feedback(pi, true);
        adjust(pi, false);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        ProcessInstance started = untilTraining();
        assertThat(driver.candidateGroups(started, "userTask_deliverTraining")).containsExactly("operations");
    }

    private ProcessInstance untilTraining() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("trainingTopics", "钓鱼邮件识别、口令安全",
                "trainingForms", "线下授课", "trainingGoals", "各单位联络员能识别常见钓鱼邮件"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("trainingContent", "钓鱼邮件识别 1 小时、口令安全 0.5 小时",
                "trainingMethod", "线下", "trainers", "李工程师", "trainingSchedule", "11 月 28 日下午"));
        return pi;
    }

    private void deliver(ProcessInstance pi, String mode) {
        driver.complete(pi, "userTask_deliverTraining", "operator", Map.of("trainingHeldAt", "2026-11-28T14:30:00+08:00",
                "trainingMode", mode, "participants", "联络员 35 人", "deliveredContent", "钓鱼邮件识别、口令安全",
                "expectedParticipants", 36, "attendedParticipants", 35, "passedParticipants", 33));
    }

    private void feedback(ProcessInstance pi, boolean adjust) {
        driver.complete(pi, "userTask_collectFeedback", "engineer", Map.of("technicalExchange", "答疑 20 分钟",
                "feedbackOnContent", "内容实用", "feedbackOnForm", "希望增加实操", "feedbackOnEffect", "满意度 96%",
                "adjustmentNeeded", adjust));
    }

    private void adjust(ProcessInstance pi, boolean again) {
        driver.complete(pi, "userTask_adjustTraining", "engineer", Map.of("trainingAdjustments", "增加 30 分钟钓鱼邮件实操",
                "furtherSession", again));
    }
}
