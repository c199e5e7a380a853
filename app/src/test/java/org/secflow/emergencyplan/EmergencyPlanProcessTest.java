package org.secflow.emergencyplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.form.FormSubmissionRefused;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;

/** Emergency plans (7.5.1.1, 7.5.1.3, 7.5.1.4): drafted, reviewed, trained on, then published. */
@IntegrationTest
class EmergencyPlanProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired EmergencyPlanService plans;

    @BeforeEach
    void setUp() {
        init(engine);
        Staff.ensure(identityService);
    }

    @Test
    void rejectedPlanIsRevisedAndPublishedOnlyAfterTraining() {
        ProcessInstance pi = Staff.as(identityService, "engineer",
                () -> runtimeService.startProcessInstanceByKey("emergencyPlan"));
        complete(pi, "userTask_collectAssetInfo", "engineer",
                Map.of("assetScope", "政务外网出口、核心交换、门户网站", "riskTargets", "门户网站篡改、勒索软件"));
        complete(pi, "userTask_draftPlans", "engineer", draft("V1.0"));
        complete(pi, "userTask_reviewPlan", "manager", Map.of("planApproved", false, "reviewComment", "补充 I 级联络人"));

        assertThat(pi).isWaitingAt("userTask_draftPlans");
        complete(pi, "userTask_draftPlans", "engineer", draft("V1.1"));
        complete(pi, "userTask_reviewPlan", "manager", Map.of("planApproved", true, "reviewComment", "同意发布"));
        assertThat(pi).isWaitingAt("userTask_trainStaff");
        complete(pi, "userTask_trainStaff", "operator", Map.of("trainingDate", "2026-11-20T09:00:00",
                "trainer", "李工程师", "participants", "张运维\n王经理\n\n赵值班", "trainingContent", "预案宣贯"));

        assertThat(pi).isEnded().hasPassed("serviceTask_publishPlan");
        assertThat(plans.plans(pi.getId()))
                .extracting(EmergencyPlan::planVersion, EmergencyPlan::grade, EmergencyPlan::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("V1.0", "I", "SUPERSEDED"),
                        org.assertj.core.groups.Tuple.tuple("V1.0", "II", "SUPERSEDED"),
                        org.assertj.core.groups.Tuple.tuple("V1.0", "III", "SUPERSEDED"),
                        org.assertj.core.groups.Tuple.tuple("V1.0", "IV", "SUPERSEDED"),
                        org.assertj.core.groups.Tuple.tuple("V1.1", "I", "PUBLISHED"),
                        org.assertj.core.groups.Tuple.tuple("V1.1", "II", "PUBLISHED"),
                        org.assertj.core.groups.Tuple.tuple("V1.1", "III", "PUBLISHED"),
                        org.assertj.core.groups.Tuple.tuple("V1.1", "IV", "PUBLISHED"));
        assertThat(plans.trainings(pi.getId())).singleElement()
                .satisfies(training -> assertThat(training.participantCount()).isEqualTo(3));
    }

    @Test
    void planIsNotPublishedWithoutTrainedParticipants() {
        ProcessInstance pi = Staff.as(identityService, "engineer",
                () -> runtimeService.startProcessInstanceByKey("emergencyPlan"));
        complete(pi, "userTask_collectAssetInfo", "engineer", Map.of("assetScope", "资产", "riskTargets", "目标"));
        complete(pi, "userTask_draftPlans", "engineer", draft("V2.0"));
        complete(pi, "userTask_reviewPlan", "manager", Map.of("planApproved", true, "reviewComment", "同意"));
        assertThatThrownBy(() -> complete(pi, "userTask_trainStaff", "operator", Map.of("trainingDate", "2026-11-20T09:00:00",
                "trainer", "李工程师", "participants", "  ", "trainingContent", "预案宣贯")))
                .isInstanceOf(FormSubmissionRefused.class).hasMessageContaining("participants");

        assertThat(pi).isWaitingAt("userTask_trainStaff");
        assertThat(plans.plans(pi.getId())).extracting(EmergencyPlan::status).containsOnly("DRAFT");
        assertThat(plans.trainings(pi.getId())).isEmpty();
    }

    @Test
    void yearlyReviewTimerStartsAReviewOfThePlans() {
        String definitionId = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey("emergencyPlanYearlyReview").latestVersion().singleResult().getId();
        Job yearly = managementService.createJobQuery().processDefinitionId(definitionId).timers().singleResult();
        assertThat(yearly).as("yearly review timer (7.5.1.3)").isNotNull();

        managementService.executeJob(yearly.getId());

        ProcessInstance yearlyReview = runtimeService.createProcessInstanceQuery().processDefinitionId(definitionId)
                .orderByProcessInstanceId().desc().list().get(0);
        ProcessInstance review = runtimeService.createProcessInstanceQuery()
                .superProcessInstanceId(yearlyReview.getId()).singleResult();
        assertThat(review).isWaitingAt("userTask_collectAssetInfo");
        assertThat(managementService.createJobQuery().processDefinitionId(definitionId).timers().count())
                .as("the next year's review is scheduled").isOne();

        complete(review, "userTask_collectAssetInfo", "engineer", Map.of("assetScope", "全网资产", "riskTargets", "年度评估"));
        complete(review, "userTask_draftPlans", "engineer", draft("V3.0"));
        complete(review, "userTask_reviewPlan", "manager", Map.of("planApproved", true, "reviewComment", "同意"));
        complete(review, "userTask_trainStaff", "operator", Map.of("trainingDate", "2026-12-01T09:00:00+08:00",
                "trainer", "李工程师", "participants", "张运维", "trainingContent", "年度修订宣贯"));
        assertThat(yearlyReview).isEnded();
    }

    private static Map<String, Object> draft(String version) {
        return Map.of("planVersion", version, "planGradeI", "I级：1小时内到场……", "planGradeII", "II级：2小时内到场……",
                "planGradeIII", "III级：4小时内到场……", "planGradeIV", "IV级：一个工作日内处置……", "revisionNote", "");
    }

    private void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task %s", taskKey).isNotNull();
        Staff.as(identityService, user, () -> {
            taskService.claim(task.getId(), user);
            taskService.complete(task.getId(), variables);
        });
    }
}
