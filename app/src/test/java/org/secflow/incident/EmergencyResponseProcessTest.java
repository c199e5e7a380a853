package org.secflow.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.process.ServiceAction;
import org.secflow.process.SlaBreach;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.secflow.form.FormSubmissionRefused;
import org.secflow.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;

/** Emergency response (7.5.1) run through the engine with the real rules, records and documents. */
@IntegrationTest
class EmergencyResponseProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired IncidentService incidents;

    @BeforeEach
    void setUp() {
        init(engine);
        Staff.ensure(identityService);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void gradeOneIncidentIsReportedHandledOnSiteAndClosedWithItsReport() {
        Incident incident = report("特别重要", "特别严重", "一般", "党政机关");
        assertThat(incident.getGrade()).isEqualTo("I");
        assertThat(incident.isMustReport()).isTrue();
        assertThat(incident.getFirstReportDue()).isEqualTo(incident.getReportedAt().plusHours(2));
        ProcessInstance pi = instance(incident);

        assertThat(pi).isWaitingAt("userTask_analyseIncident");
        assertThat(candidateGroups("userTask_analyseIncident", pi)).containsExactly("technical");
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "主机被植入勒索软件", "regrade", false));

        assertThat(pi).isWaitingAt("userTask_firstReport", "userTask_dispatchResources");
        complete(pi, "userTask_firstReport", "manager",
                Map.of("reportedTo", "市网信办", "reportContent", "已知情况：勒索软件加密两台服务器"));
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA-2026-I", "responseTeam", "张运维、李工程师", "responseMode", "onsite"));
        complete(pi, "userTask_onSiteControl", "operator",
                Map.of("arrivedAt", "2026-11-24T10:30:00", "controlMeasures", "断网隔离受感染主机"));
        complete(pi, "userTask_notifyProgress", "manager",
                Map.of("notifiedParties", "使用方、管理方", "progressNotice", "已隔离", "contained", true));
        complete(pi, "userTask_evaluateEffect", "engineer", Map.of("measuresSummary", "隔离、查杀、恢复备份",
                "effectEvaluation", "业务于两小时内恢复", "rootCause", "弱口令"));
        complete(pi, "userTask_writeReport", "engineer",
                Map.of("reportSummary", "勒索软件事件已处置完毕", "lessonsLearned", "加强口令策略"));
        complete(pi, "userTask_reviewReport", "manager", Map.of("reportApproved", true, "reviewComment", "同意"));
        complete(pi, "userTask_proposeImprovement", "engineer",
                Map.of("improvementNeeded", false, "improvementProposal", "无"));

        assertThat(pi).isEnded().hasPassedInOrder("serviceTask_registerIncident", "serviceTask_gradeIncident",
                "userTask_analyseIncident", "userTask_dispatchResources", "userTask_onSiteControl",
                "userTask_notifyProgress", "userTask_evaluateEffect", "userTask_writeReport",
                "serviceTask_renderReport", "userTask_reviewReport", "userTask_proposeImprovement",
                "serviceTask_closeIncident");
        assertThat(pi).hasPassed("userTask_firstReport").hasNotPassed("userTask_remoteWatch");

        IncidentService.IncidentDetails details = incidents.details(incident.getId());
        assertThat(details.incident().getStatus()).isEqualTo(Incident.CLOSED);
        assertThat(details.actions())
                .filteredOn(action -> action.taskId() != null)
                .extracting(ServiceAction::activityId, ServiceAction::actor, ServiceAction::actorGroup)
                .contains(org.assertj.core.groups.Tuple.tuple("userTask_onSiteControl", "operator", "operations"),
                        org.assertj.core.groups.Tuple.tuple("userTask_firstReport", "manager", "management"));
        ServiceAction onSite = details.actions().stream()
                .filter(action -> action.activityId().equals("userTask_onSiteControl")).findFirst().orElseThrow();
        assertThat(onSite.clause()).isEqualTo("7.5.1.8");
        assertThat(onSite.evidence()).contains("断网隔离受感染主机").contains("现场控制措施");

        assertThat(pi).hasPassed("event_requestEvaluation");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("serviceEvaluation")
                .variableValueEquals("sourceReference", incident.getId()).list())
                .as("a major incident starts an ad-hoc evaluation (8.1.3 b)").hasSize(1);

        ServiceDocument report = incidents.report(incident.getId());
        assertThat(report.html()).contains("应急响应报告", incident.getTitle(), "I级（特别重大）",
                "断网隔离受感染主机", "勒索软件事件已处置完毕", "operator");
    }

    @Test
    void gradeFourIncidentHasNoReportingDutyAndIsWatchedRemotely() {
        Incident incident = report("一般", "较小", "一般", "其他网络运营者");
        assertThat(incident.getGrade()).isEqualTo("IV");
        assertThat(incident.isMustReport()).isFalse();
        ProcessInstance pi = instance(incident);

        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "单台终端告警", "regrade", false));
        assertThat(pi).isWaitingAt("userTask_dispatchResources").isNotWaitingAt("userTask_firstReport");
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA-IV", "responseTeam", "值班工程师", "responseMode", "remote"));
        assertThat(pi).isWaitingAt("userTask_remoteWatch");
        assertThat(candidateGroups("userTask_remoteWatch", pi)).containsExactly("technical");
        complete(pi, "userTask_remoteWatch", "engineer", Map.of("watchMeasures", "远程封禁", "backupSupport", "二线专家待命"));
        complete(pi, "userTask_notifyProgress", "manager",
                Map.of("notifiedParties", "使用方", "progressNotice", "已控制", "contained", true));
        assertThat(pi).isWaitingAt("userTask_evaluateEffect").hasNotPassed("userTask_onSiteControl");
    }

    @Test
    void notContainedIncidentReturnsToTheChoiceOfResponseMode() {
        ProcessInstance pi = instance(report("重要", "严重", "一般", "党政机关"));
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        complete(pi, "userTask_firstReport", "manager", Map.of("reportedTo", "网信办", "reportContent", "首报"));
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA", "responseTeam", "团队", "responseMode", "remote"));
        complete(pi, "userTask_remoteWatch", "engineer", Map.of("watchMeasures", "观察", "backupSupport", "后备"));
        complete(pi, "userTask_notifyProgress", "manager", Map.of("notifiedParties", "各方",
                "progressNotice", "远程无法控制，派人到场", "contained", false, "responseMode", "onsite"));

        assertThat(pi).isWaitingAt("userTask_onSiteControl");
    }

    @Test
    void regradeWithReasonKeepsBothGradesAndNewDeadlines() {
        Incident incident = report("一般", "较小", "一般", "关键信息基础设施运营者");
        assertThat(incident.getGrade()).isEqualTo("IV");
        ProcessInstance pi = instance(incident);

        Map<String, Object> regrade = new HashMap<>(Map.of("analysis", "影响扩大到核心系统", "regrade", true,
                "objectImportance", "特别重要", "systemLoss", "严重", "socialImpact", "一般"));
        assertThatThrownBy(() -> complete(pi, "userTask_analyseIncident", "engineer", regrade))
                .isInstanceOf(FormSubmissionRefused.class).hasMessageContaining("regradeReason");
        assertThat(pi).isWaitingAt("userTask_analyseIncident");

        regrade.put("regradeReason", "核心业务系统受影响");
        complete(pi, "userTask_analyseIncident", "engineer", regrade);

        IncidentService.IncidentDetails details = incidents.details(incident.getId());
        assertThat(details.incident().getGrade()).isEqualTo("II");
        assertThat(details.incident().isMustReport()).isTrue();
        assertThat(details.incident().getFirstReportDue()).isEqualTo(incident.getReportedAt().plusHours(1));
        assertThat(details.gradings()).extracting(IncidentGrading::grade, IncidentGrading::reason,
                IncidentGrading::decidedBy).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("IV", null, "operator"),
                        org.assertj.core.groups.Tuple.tuple("II", "核心业务系统受影响", "engineer"));
        assertThat(pi).isWaitingAt("userTask_firstReport", "userTask_dispatchResources");
    }

    @Test
    void missedResponseDeadlineEscalatesToManagementAndIsRecorded() {
        Incident incident = report("特别重要", "特别严重", "一般", "其他网络运营者");
        ProcessInstance pi = instance(incident);
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));

        Job respondTimer = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId("timer_respondSla").singleResult();
        assertThat(respondTimer.getDuedate()).isEqualTo(asDate(incident.getRespondDue()));

        ClockUtil.setCurrentTime(asDate(incident.getRespondDue().plusMinutes(1)));
        managementService.executeJob(respondTimer.getId());

        assertThat(pi).isWaitingAt("userTask_escalateRespond", "userTask_dispatchResources");
        assertThat(candidateGroups("userTask_escalateRespond", pi)).containsExactly("management");
        List<SlaBreach> breaches = incidents.details(incident.getId()).breaches();
        assertThat(breaches).singleElement().satisfies(breach -> {
            assertThat(breach.slaName()).isEqualTo("响应时限");
            assertThat(breach.dueAt()).isEqualTo(incident.getRespondDue());
            assertThat(breach.escalatedTo()).isEqualTo("management");
        });
        complete(pi, "userTask_escalateRespond", "manager", Map.of("escalationAction", "增派人员"));
        assertThat(pi).isWaitingAt("userTask_dispatchResources");
    }

    @Test
    void missedOnSiteDeadlineIsEscalatedBesideTheHandlingWhichGoesOn() {
        Incident incident = report("重要", "严重", "一般", "党政机关");
        ProcessInstance pi = instance(incident);
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        complete(pi, "userTask_firstReport", "manager", Map.of("reportedTo", "网信办", "reportContent", "首报"));
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA-III", "responseTeam", "现场组", "responseMode", "onsite"));
        ClockUtil.setCurrentTime(asDate(incident.getOnSiteDue().plusMinutes(5)));

        fire(pi, "timer_onSiteSla");

        // the escalation is management's, outside the handling; the on-site task stays with operations
        assertThat(pi).isWaitingAt("userTask_escalateOnSite", "userTask_onSiteControl");
        assertThat(candidateGroups("userTask_escalateOnSite", pi)).containsExactly("management");
        assertThat(incidents.details(incident.getId()).breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.slaName()).isEqualTo("到场时限");
            assertThat(breach.dueAt()).isEqualTo(incident.getOnSiteDue());
            assertThat(breach.escalatedTo()).isEqualTo("management");
        });

        complete(pi, "userTask_onSiteControl", "operator",
                Map.of("arrivedAt", "2026-11-24T12:00:00+08:00", "controlMeasures", "隔离"));
        complete(pi, "userTask_notifyProgress", "manager",
                Map.of("notifiedParties", "使用方", "progressNotice", "已控制", "contained", true));

        // handling ended while the escalation is still open
        assertThat(pi).hasPassed("subProcess_handleIncident")
                .isWaitingAt("userTask_evaluateEffect", "userTask_escalateOnSite");
        complete(pi, "userTask_escalateOnSite", "manager", Map.of("escalationAction", "增派现场人员并督办"));
        assertThat(pi).isWaitingAt("userTask_evaluateEffect").hasPassed("endEvent_escalateOnSiteHandled");
        assertThat(incidents.details(incident.getId()).actions())
                .filteredOn(action -> "userTask_escalateOnSite".equals(action.activityId())).singleElement()
                .satisfies(action -> {
                    assertThat(action.clause()).isEqualTo("7.5.1.8");
                    assertThat(action.actor()).isEqualTo("manager");
                    assertThat(action.evidence()).contains("增派现场人员并督办");
                });
    }

    @Test
    void everyMissedDeadlineIsEscalatedAndTheIncidentStillCloses() {
        Incident incident = report("特别重要", "特别严重", "一般", "关键信息基础设施运营者");
        ProcessInstance pi = instance(incident);
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        ClockUtil.setCurrentTime(asDate(incident.getReportDue().plusHours(1)));

        fire(pi, "timer_firstReportSla");
        fire(pi, "timer_respondSla");
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA-I", "responseTeam", "全体", "responseMode", "onsite"));
        fire(pi, "timer_onSiteSla");
        fire(pi, "timer_resolveSla");
        complete(pi, "userTask_escalateOnSite", "manager", Map.of("escalationAction", "已督办"));
        complete(pi, "userTask_onSiteControl", "operator",
                Map.of("arrivedAt", "2026-11-24T12:00:00+08:00", "controlMeasures", "隔离"));
        complete(pi, "userTask_notifyProgress", "manager",
                Map.of("notifiedParties", "各方", "progressNotice", "已控制", "contained", true));
        complete(pi, "userTask_evaluateEffect", "engineer",
                Map.of("measuresSummary", "措施", "effectEvaluation", "有效", "rootCause", "原因"));
        fire(pi, "timer_reportSla");

        assertThat(incidents.details(incident.getId()).breaches()).extracting(SlaBreach::slaName)
                .containsExactlyInAnyOrder("首报时限", "响应时限", "到场时限", "处置时限", "报告时限");
        for (String escalation : List.of("userTask_escalateFirstReport", "userTask_escalateRespond",
                "userTask_escalateResolve", "userTask_escalateReport")) {
            complete(pi, escalation, "manager", Map.of("escalationAction", "已督办"));
        }
        complete(pi, "userTask_firstReport", "manager", Map.of("reportedTo", "网信办", "reportContent", "迟报说明"));
        complete(pi, "userTask_writeReport", "engineer", Map.of("reportSummary", "摘要", "lessonsLearned", "教训"));
        complete(pi, "userTask_reviewReport", "manager", Map.of("reportApproved", true, "reviewComment", "同意"));
        complete(pi, "userTask_proposeImprovement", "engineer",
                Map.of("improvementNeeded", false, "improvementProposal", "无"));

        assertThat(pi).isEnded();
        assertThat(incidents.report(incident.getId()).html()).contains("超时指标", "到场时限", "管理类");
    }

    @Test
    void dispatchInTimeCancelsTheResponseTimer() {
        ProcessInstance pi = instance(report("一般", "较小", "一般", "党政机关"));
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA", "responseTeam", "团队", "responseMode", "remote"));

        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("timer_respondSla")
                .count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("timer_resolveSla")
                .count()).isOne();
    }

    @Test
    void rejectedReportGoesBackToTheEngineerAndIsRenderedAgain() {
        Incident incident = report("一般", "较小", "一般", "党政机关");
        ProcessInstance pi = handledUntilReport(incident);
        complete(pi, "userTask_writeReport", "engineer", Map.of("reportSummary", "初稿", "lessonsLearned", "无"));
        complete(pi, "userTask_reviewReport", "manager", Map.of("reportApproved", false, "reviewComment", "补充原因分析"));

        assertThat(pi).isWaitingAt("userTask_writeReport");
        complete(pi, "userTask_writeReport", "engineer", Map.of("reportSummary", "修订稿：含原因分析", "lessonsLearned", "补丁管理"));
        assertThat(incidents.report(incident.getId()).version()).isEqualTo(2);
        assertThat(incidents.report(incident.getId()).html()).contains("修订稿：含原因分析");
    }

    @Test
    void improvementProposalStartsTheRevisionOfTheEmergencyPlan() {
        Incident incident = report("一般", "较小", "一般", "党政机关");
        ProcessInstance pi = handledUntilReport(incident);
        complete(pi, "userTask_writeReport", "engineer", Map.of("reportSummary", "摘要", "lessonsLearned", "教训"));
        complete(pi, "userTask_reviewReport", "manager", Map.of("reportApproved", true, "reviewComment", "同意"));
        complete(pi, "userTask_proposeImprovement", "engineer",
                Map.of("improvementNeeded", true, "improvementProposal", "预案增加勒索软件处置章节"));

        assertThat(pi).isEnded().hasPassed("event_requestPlanRevision");
        ProcessInstance revision = runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyPlan")
                .variableValueEquals("sourceIncidentId", incident.getId()).singleResult();
        assertThat(revision).isNotNull();
        assertThat(revision).isWaitingAt("userTask_collectAssetInfo")
                .variables().containsEntry("improvementProposal", "预案增加勒索软件处置章节");
    }

    @Test
    void startFormWithMissingFieldsStartsNothing() {
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse").count();
        Map<String, Object> partial = Map.of("title", "热线来电", "channel", "热线", "objectImportance", "很重要");

        assertThatThrownBy(() -> Staff.as(identityService, "operator",
                () -> runtimeService.startProcessInstanceByKey("emergencyResponse", partial)))
                .isInstanceOf(FormSubmissionRefused.class)
                .hasMessageContaining("description").hasMessageContaining("objectImportance")
                .hasMessageContaining("systemLoss");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse").count())
                .isEqualTo(before);
    }

    @Test
    void monitoringConfirmedIncidentStartsTheResponseByMessage() {
        Map<String, Object> facts = new HashMap<>(Map.of("title", "监测发现失陷主机-" + System.nanoTime(),
                "description", "主机持续外联矿池", "category", "恶意程序事件", "objectImportance", "重要",
                "systemLoss", "较大", "socialImpact", "一般", "reporterType", "党政机关",
                "affectedAssets", "10.3.3.3 办公终端", "channel", "监控"));
        ProcessInstance pi = Staff.as(identityService, "socplatform", () -> runtimeService
                .createMessageCorrelation("incident.confirmed").setVariables(facts).correlateStartMessage());

        assertThat(pi).isWaitingAt("userTask_analyseIncident").hasPassed("startEvent_incidentConfirmed");
        Incident incident = incidents.details((Long) runtimeService.getVariable(pi.getId(), "incidentId")).incident();
        assertThat(incident.getGrade()).isEqualTo("IV");
        assertThat(incident.getReportedBy()).isEqualTo("socplatform");
    }

    @Test
    void aPersonCannotRaiseTheMessageWithFactsOutsideAForm() {
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse").count();

        assertThatThrownBy(() -> Staff.as(identityService, "engineer", () -> runtimeService
                .createMessageCorrelation("incident.confirmed").setVariable("title", "伪造的事件").correlateStartMessage()))
                .isInstanceOf(FormSubmissionRefused.class).hasMessageContaining("title");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse").count())
                .isEqualTo(before);
    }

    // ---- scenario steps

    private Incident report(String importance, String loss, String socialImpact, String reporterType) {
        IncidentReport report = new IncidentReport("服务器遭勒索软件加密-" + System.nanoTime(), "两台业务服务器文件被加密",
                "恶意程序事件", "勒索软件", importance, loss, socialImpact, reporterType,
                List.of("10.1.1.10 业务服务器", "10.1.1.11 数据库服务器"), "监控", "已断开外网");
        return Staff.as(identityService, "operator", () -> incidents.report(report));
    }

    private ProcessInstance handledUntilReport(Incident incident) {
        ProcessInstance pi = instance(incident);
        complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA", "responseTeam", "团队", "responseMode", "remote"));
        complete(pi, "userTask_remoteWatch", "engineer", Map.of("watchMeasures", "处置", "backupSupport", "后备"));
        complete(pi, "userTask_notifyProgress", "manager",
                Map.of("notifiedParties", "各方", "progressNotice", "已控制", "contained", true));
        complete(pi, "userTask_evaluateEffect", "engineer",
                Map.of("measuresSummary", "措施", "effectEvaluation", "有效", "rootCause", "原因"));
        assertThat(pi).isWaitingAt("userTask_writeReport");
        return pi;
    }

    private void fire(ProcessInstance pi, String timerId) {
        Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).singleResult();
        assertThat(timer).as("timer %s", timerId).isNotNull();
        managementService.executeJob(timer.getId());
    }

    private ProcessInstance instance(Incident incident) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId())
                .singleResult();
    }

    /** Claims and completes the task as the user, under the engine's authorization checks. */
    private void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task %s", taskKey).isNotNull();
        Staff.as(identityService, user, () -> {
            taskService.claim(task.getId(), user);
            taskService.complete(task.getId(), variables);
        });
    }

    private List<String> candidateGroups(String taskKey, ProcessInstance pi) {
        Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
    }

    private static Date asDate(LocalDateTime time) {
        return org.secflow.process.EngineTime.toDate(time);
    }

}
