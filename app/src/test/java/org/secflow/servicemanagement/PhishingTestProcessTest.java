package org.secflow.servicemanagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.compliance.ConformanceService;
import org.secflow.report.DocumentService;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** 钓鱼测试 (5.1.2 e): an exercise from plan to results per unit, its report, follow-up training (7.4.6) and trace. */
@IntegrationTest
class PhishingTestProcessTest {

    static final String RESULTS = "市政务服务数据管理局|120|118|64|23|9\n市交通运输局|80|80|31|12|15";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired PhishingExercise phishing;
    @Autowired ConformanceService conformance;
    @LocalServerPort int port;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void exerciseIsRecordedPerUnitReportedAndFollowedUpByTraining() {
        ProcessInstance pi = untilResults();
        driver.complete(pi, "userTask_recordResults", "operator", results(RESULTS, true));

        assertThat(phishing.results(pi.getId())).extracting(PhishingResult::unit, PhishingResult::clicked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("市政务服务数据管理局", 23),
                        org.assertj.core.groups.Tuple.tuple("市交通运输局", 12));
        String report = documents.latest(pi.getId(), PhishingExercise.REPORT).orElseThrow().html();
        assertThat(report).contains("钓鱼测试报告", "市交通运输局", "198", "17.7%", "点击率", "口令重置通知",
                "平台只记录演练，不发送邮件", "SQ-PHISH-01");

        // follow-up training: the 7.4.6 process itself, called by the exercise
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_confirmRequirement");
        train(pi);
        driver.recordService(pi, "演练 1 次，2 个单位，点击率 17.7%，已开展后续培训", "");

        assertThat(driver.isEnded(pi)).isTrue();
        JsonNode register = Http.json(new Http(port).get("operator", "/api/staff/operator"));
        assertThat(register.get("trainings").findValuesAsText("processInstanceId")).as("training taken, in the register")
                .contains(pi.getId());
        assertThat(pi).hasPassedInOrder("userTask_planExercise", "callActivity_reviewPlan", "userTask_conductExercise",
                "userTask_recordResults", "serviceTask_saveResults", "callActivity_followUpTraining",
                "callActivity_recordService");

        // the auditors' clause trace: every step under 5.1.2 e, with who did it
        ConformanceService.InstanceTrace trace = asAuditor(() -> conformance.trace(pi.getId()));
        assertThat(trace.clauses()).singleElement().satisfies(clause -> {
            assertThat(clause.clause()).isEqualTo("5.1.2 e");
            assertThat(clause.status()).isEqualTo(ConformanceService.Status.DONE);
            assertThat(clause.text()).contains("钓鱼测试");
            assertThat(clause.steps()).extracting(ConformanceService.Step::name)
                    .contains("制定钓鱼测试方案", "按单位登记演练结果", "开展后续安全意识培训（7.4.6）");
        });
        // over HTTP as the auditors' page reads it
        JsonNode overHttp = Http.json(new Http(port).get("auditor", "/api/compliance/instances/" + pi.getId()));
        assertThat(overHttp.get("clauses").get(0).get("clause").asText()).isEqualTo("5.1.2 e");
        JsonNode listed = Http.json(new Http(port).get("auditor", "/api/compliance/instances?item=5.1.2%20e&size=200"));
        assertThat(listed.get("items").findValuesAsText("processInstanceId")).contains(pi.getId());
        assertThat(listed.get("items").get(0).get("itemName").asText()).contains("钓鱼测试");
    }

    @Test
    void exerciseWithoutFollowUpGoesStraightToTheRecord() {
        ProcessInstance pi = untilResults();
        driver.complete(pi, "userTask_recordResults", "operator", results("市交通运输局|80|80|10|2|40", false));
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        assertThat(pi).hasNotPassed("callActivity_followUpTraining");
    }

    @Test
    void impossibleFiguresAreRefusedWithTheirLineAndNothingIsKept() {
        ProcessInstance pi = untilResults();
        assertThatThrownBy(() -> driver.complete(pi, "userTask_recordResults", "operator",
                results("市交通运输局|80|80|10|12|4\n市政务服务数据管理局|100|101|0|0|0", false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("第 1 行：已点击不得多于已打开")
                .hasMessageContaining("第 2 行：已发送不得多于目标人数");
        assertThatThrownBy(() -> driver.complete(pi, "userTask_recordResults", "operator", results("市交通运输局 80 80", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("单位|目标人数|已发送|已打开|已点击|已上报");

        assertThat(pi).isWaitingAt("userTask_recordResults");
        assertThat(phishing.results(pi.getId())).isEmpty();
        assertThat(documents.latest(pi.getId(), PhishingExercise.REPORT)).isEmpty();
    }

    private ProcessInstance untilResults() {
        ProcessInstance pi = driver.startRequest("operator", PhishingExercise.KEY);
        driver.complete(pi, "userTask_planExercise", "engineer", Map.of(
                "targetUnits", "市政务服务数据管理局 120 人\n市交通运输局 80 人",
                "phishingScenario", "伪装「口令重置通知」邮件，落地页收集账号",
                "exerciseWindow", "2026-11-24 至 2026-11-28",
                "planSummary", "两个单位 200 人的钓鱼邮件演练"));
        driver.approveReview(pi, "SQ-PHISH-01");
        driver.complete(pi, "userTask_conductExercise", "operator", Map.of(
                "conductedFrom", "2026-11-24T09:00:00+08:00", "conductedTo", "2026-11-28T18:00:00+08:00",
                "deliveryMeans", "第三方演练平台", "conductNote", "分三批发送"));
        return pi;
    }

    static Map<String, Object> results(String lines, boolean followUp) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("phishingResults", lines);
        variables.put("observations", "交通运输局点击率偏高");
        variables.put("followUpTraining", followUp);
        variables.put("trainingFocus", followUp ? "钓鱼邮件识别" : "");
        return variables;
    }

    private void train(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("trainingTopics", "钓鱼邮件识别",
                "trainingForms", "线下授课", "trainingGoals", "点击率降到 5% 以下"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("trainingContent", "钓鱼邮件识别 1 小时",
                "trainingMethod", "线下", "trainers", "李工程师", "trainingSchedule", "12 月 2 日"));
        driver.complete(pi, "userTask_deliverTraining", "operator", Map.of("trainingHeldAt", "2026-12-02T14:30:00+08:00",
                "trainingMode", "线下", "participants", "operator\n交通运输局联络员", "deliveredContent", "钓鱼邮件识别",
                "expectedParticipants", 30, "attendedParticipants", 28, "passedParticipants", 27));
        driver.complete(pi, "userTask_collectFeedback", "engineer", Map.of("technicalExchange", "答疑",
                "feedbackOnContent", "实用", "feedbackOnForm", "好", "feedbackOnEffect", "满意", "adjustmentNeeded", false));
        driver.recordService(pi, "后续培训 1 场，28 人", "");
    }

    private <T> T asAuditor(java.util.function.Supplier<T> action) {
        return org.secflow.support.Staff.as(engine.getIdentityService(), "auditor", action);
    }
}
