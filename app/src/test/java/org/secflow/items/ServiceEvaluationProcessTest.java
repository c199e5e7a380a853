package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.secflow.items.RecurringDuties.vars;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** 8.1 服务评价: periodic by the schedule, ad hoc by message or by hand; improvement requested via 8.2. */
@IntegrationTest
class ServiceEvaluationProcessTest {

    static final String KEY = "serviceEvaluation";
    static final String SCHEDULE = "serviceEvaluationSchedule";
    static final String DOCUMENT = "服务评价报告（考核评分表）";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    RuntimeService runtimeService;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        runtimeService = engine.getRuntimeService();
    }

    @Test
    void complaintEvaluationByHandEndsWithTheScoreSheetAndNoImprovement() {
        ProcessInstance pi = driver.start("manager", KEY, Map.of("evaluationTrigger", "客户投诉",
                "triggerDescription", "使用方投诉工单响应慢", "sourceReference", "TS-2026-0031"));
        evaluate(pi, false, "综合得分 86，工单响应偏慢");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_collectFeedback", "userTask_measureStaff", "userTask_scoreStaff",
                "userTask_concludeEvaluation", "callActivity_recordEvaluation", "endEvent_evaluated");
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("服务评价 8.1", "考核评分表：综合得分 86");
        assertThat(improvementPlansFor("综合得分 86，工单响应偏慢")).isEmpty();
    }

    @Test
    void majorIncidentMessageStartsAnEvaluationWithItsSource() {
        ProcessInstance pi = runtimeService.createMessageCorrelation("evaluation.requested")
                .setVariables(Map.of("evaluationTrigger", "重大安全事件", "sourceReference", "INC-2026-0007"))
                .correlateStartMessage();

        assertThat(pi.getProcessDefinitionId()).startsWith(KEY + ":");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_collectFeedback");
        assertThat(runtimeService.getVariable(pi.getId(), "sourceReference")).isEqualTo("INC-2026-0007");
    }

    @Test
    void evaluationNeedingImprovementStartsAnImprovementPlan() {
        ProcessInstance pi = runtimeService.createMessageCorrelation("evaluation.requested")
                .setVariables(Map.of("evaluationTrigger", "客户投诉", "sourceReference", "TS-2026-0040"))
                .correlateStartMessage();
        evaluate(pi, true, "漏洞修复率 72%，低于目标");

        assertThat(pi).hasPassed("throwEvent_requestImprovement", "endEvent_improvementRequested");
        List<ProcessInstance> plans = improvementPlansFor("漏洞修复率 72%，低于目标");
        assertThat(plans).hasSize(1);
        assertThat(driver.openTaskKeys(plans.get(0))).containsExactly("userTask_draftPlan");
    }

    @Test
    void scheduleStartsAPeriodicEvaluation() {
        ProcessInstance schedule = new RecurringDuties(engine).fire(SCHEDULE);

        assertThat(driver.openTaskKeys(schedule)).containsExactly("userTask_collectFeedback");
        ProcessInstance evaluation = runtimeService.createProcessInstanceQuery()
                .superProcessInstanceId(schedule.getId()).singleResult();
        assertThat(runtimeService.getVariable(evaluation.getId(), "evaluationTrigger")).isEqualTo("定期评价");

        evaluate(schedule, false, "本季度服务评价良好");
        assertThat(driver.isEnded(schedule)).as("the quarterly run ends with its evaluation").isTrue();
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.start("manager", KEY, Map.of("evaluationTrigger", "其他", "triggerDescription", "管理方要求"));
        assertThat(driver.candidateGroups(pi, "userTask_collectFeedback")).containsExactly("operations");
        collect(pi);
        assertThat(driver.candidateGroups(pi, "userTask_measureStaff")).containsExactly("technical");
        measure(pi);
        assertThat(driver.candidateGroups(pi, "userTask_scoreStaff")).containsExactly("management");
        score(pi);
        assertThat(driver.candidateGroups(pi, "userTask_concludeEvaluation")).containsExactly("management");
    }

    private List<ProcessInstance> improvementPlansFor(String summary) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey("improvementPlan")
                .variableValueEquals("evaluationSummary", summary).list();
    }

    private void evaluate(ProcessInstance pi, boolean improvementNeeded, String summary) {
        collect(pi);
        measure(pi);
        score(pi);
        driver.complete(pi, "userTask_concludeEvaluation", "manager", Map.of("conclusionForm", "考核评分表",
                "totalScore", 86, "evaluationGrade", "良好", "evaluationSummary", summary,
                "improvementNeeded", improvementNeeded));
        driver.recordService(pi, "考核评分表：" + summary, "");
    }

    private void collect(ProcessInstance pi) {
        driver.complete(pi, "userTask_collectFeedback", "operator", vars("evaluationPeriod", "2026 年第四季度",
                "byQuestionnaire", true, "byPhone", true, "byVisit", false, "byPlatform", true,
                "respondents", "管理方、使用方 12 家", "feedbackSummary", "总体满意，工单响应偏慢",
                "feedbackAnalysis", "响应时效需改进"));
    }

    private void measure(ProcessInstance pi) {
        driver.complete(pi, "userTask_measureStaff", "engineer", vars("onTimeCompletionRate", 95,
                "issueReportMinutes", 18, "logCompletenessRate", 99, "complianceRate", 100, "satisfactionRate", 90,
                "trainingSatisfactionRate", 92, "emergencyResponseMinutes", 45, "vulnerabilityFixRate", 72,
                "systemAvailability", 99.9, "riskRemediationRate", 88, "complaintResolutionRate", 90,
                "adoptedSuggestions", 3, "efficiencyGainRate", 5, "trainingCoverageRate", 100, "trainingPassRate", 96,
                "measurementNote", "安全运营平台统计"));
    }

    private void score(ProcessInstance pi) {
        driver.complete(pi, "userTask_scoreStaff", "manager", vars("scoreSystemBuilding", "4",
                "scoreResourceCoordination", "4", "scoreProcessControl", "4", "scoreEmergencyManagement", "5",
                "scoreInnovation", "3", "scoreTechnicalSolution", "4", "scoreDevelopment", "3",
                "scoreRiskManagement", "4", "scoreOperationalConformity", "5", "scoreCommunication", "4",
                "scoringNote", "按季度表现评分"));
    }
}
