package org.secflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secflow.incident.Incident;
import org.secflow.incident.IncidentReport;
import org.secflow.incident.IncidentService;
import org.secflow.process.EngineTime;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.secflow.vulnerability.VulnerabilityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Appendix B's measurable items on a seeded history with known answers (a period of its own, in 2031). */
@IntegrationTest
class EvaluationKpisTest {

    static final LocalDateTime T0 = LocalDateTime.of(2031, 3, 1, 10, 0);

    @Autowired ProcessEngine engine;
    @Autowired IncidentService incidents;
    @Autowired EvaluationKpis evaluationKpis;
    @Autowired VulnerabilityService vulnerabilities;
    @Autowired IdentityService identityService;
    @LocalServerPort int port;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void timelinessAndOnTimeCompletionAreComputedFromWhatTheEngineRecorded() {
        ProcessDriver driver = new ProcessDriver(engine);
        // grade IV: analysis and dispatch due after 4 h, handling due after 72 h
        at(0);
        ProcessInstance quick = report("及时处置的事件");
        ProcessInstance slow = report("超时处置的事件");
        at(60);
        driver.complete(quick, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        at(120);
        dispatchAndWatch(driver, quick);
        at(180);
        contain(driver, quick);
        at(300);
        driver.complete(slow, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));
        at(330);
        dispatchAndWatch(driver, slow);
        at(80 * 60);
        contain(driver, slow);
        closeAfterHandling(driver, quick);
        closeAfterHandling(driver, slow);
        ClockUtil.reset();

        var answer = new Http(port).get("auditor", "/api/evaluation/kpis?from=2031-03-01&to=2031-03-10");
        assertThat(answer.statusCode()).isEqualTo(200);
        EvaluationKpis.Kpis kpis = evaluationKpis.compute(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 10));

        assertThat(kpis.incidentsHandled()).isEqualTo(2);
        assertThat(kpis.incidentsHandledInTime()).isEqualTo(1);
        assertThat(kpis.incidentTimelinessRate()).isEqualTo(0.5);
        assertThat(kpis.averageMinutesToControl()).isEqualTo((180 + 80 * 60) / 2);
        // analysis and dispatch of each incident, and both reports (written in time)
        assertThat(kpis.tasksWithDeadline()).isEqualTo(6);
        assertThat(kpis.tasksCompletedInTime()).isEqualTo(4);
        assertThat(kpis.perPerson()).extracting(EvaluationKpis.PersonKpi::person, EvaluationKpis.PersonKpi::onTimeRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("engineer", 0.75),
                        org.assertj.core.groups.Tuple.tuple("manager", 0.5));
        // the slow incident's analysis came after its 4 h deadline: it fails the clause check
        assertThat(kpis.serviceProcessesChecked()).isEqualTo(2);
        assertThat(kpis.serviceProcessesConformant()).isEqualTo(1);
        assertThat(kpis.compliancePassRate()).isEqualTo(0.5);
        assertThat(kpis.recordCompletenessRate()).isEqualTo(1.0);
        assertThat(Http.json(answer).get("incidentTimelinessRate").asDouble()).isEqualTo(0.5);
        assertThat(new Http(port).get("auditor", "/api/evaluation/kpis?from=2031-03-10&to=2031-03-01").statusCode())
                .isEqualTo(400);
    }

    @Test
    void trainingCoverageAndPassRateComeFromTheRecordedDeliveries() {
        ProcessDriver driver = new ProcessDriver(engine);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2032, 5, 10, 9, 0)));
        train(driver, 40, 35, 30);
        train(driver, 10, 10, 10);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2032, 7, 1, 9, 0)));
        train(driver, 100, 1, 1);
        ClockUtil.reset();

        EvaluationKpis.Kpis kpis = evaluationKpis.compute(LocalDate.of(2032, 5, 1), LocalDate.of(2032, 5, 31));

        assertThat(kpis.trainingSessions()).isEqualTo(2);
        assertThat(kpis.trainingCoverageRate()).isEqualTo(0.9);
        assertThat(kpis.trainingPassRate()).isEqualTo(0.889);
        assertThat(kpis.serviceProcessesChecked()).isEqualTo(2);
        assertThat(kpis.compliancePassRate()).isEqualTo(1.0);
    }

    @Test
    void theEvaluationFormOpensWithWhatThePlatformMeasuredInTheLastThreeMonths() {
        ProcessDriver driver = new ProcessDriver(engine);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2033, 7, 20, 9, 0)));
        train(driver, 20, 18, 9);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2033, 8, 1, 9, 0)));
        ProcessInstance evaluation = driver.start("manager", "serviceEvaluation",
                Map.of("evaluationTrigger", "其他", "triggerDescription", "管理方要求"));
        driver.complete(evaluation, "userTask_collectFeedback", "operator", Map.of("evaluationPeriod", "2033 年 5—7 月",
                "respondents", "使用方", "feedbackSummary", "满意", "feedbackAnalysis", "无"));
        ClockUtil.reset();

        Map<String, Object> form = engine.getTaskService()
                .getVariables(driver.task(evaluation, "userTask_measureStaff").getId());
        assertThat(form).containsEntry("trainingCoverageRate", 90.0).containsEntry("trainingPassRate", 50.0)
                .containsEntry("complianceRate", 100.0)
                .containsEntry("measuredFrom", "2033-05-01").containsEntry("measuredTo", "2033-07-31");
        assertThat((String) form.get("measurementNote")).contains("2033-05-01 至 2033-07-31", "1 次培训");
    }

    @Test
    void vulnerabilityFixRiskRemediationAndTicketResponseComeFromThePlatformData() {
        Staff.ensure(identityService);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2034, 4, 10, 9, 0)));
        String critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        long fixed = vulnerability(critical);
        long mitigated = vulnerability(critical);
        long open = vulnerability(critical);
        long falsePositive = vulnerability("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L");
        Staff.as(identityService, "engineer", () -> {
            assertThat(vulnerabilities.details(open).vulnerability().getGrade()).isIn("超危", "高危");
            for (long id : List.of(fixed, mitigated)) {
                vulnerabilities.transition(id, "receive", null);
                vulnerabilities.transition(id, "verify", "复现成功");
            }
            vulnerabilities.transition(fixed, "dispose", "升级到修复版本");
            vulnerabilities.mitigate(mitigated, "WAF 拦截利用请求", "2034-05-10");
            vulnerabilities.markFalsePositive(falsePositive, "设备不存在该组件");
        });
        Http http = new Http(port);
        long answeredInTime = ticket(http);
        long answeredLate = ticket(http);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2034, 4, 10, 9, 30)));
        assertThat(http.postJson("operator", "/api/tickets/" + answeredInTime + "/accept", "{}").statusCode()).isEqualTo(200);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2034, 4, 10, 12, 0)));
        assertThat(http.postJson("operator", "/api/tickets/" + answeredLate + "/accept", "{}").statusCode()).isEqualTo(200);
        ClockUtil.reset();

        EvaluationKpis.Kpis kpis = evaluationKpis.compute(LocalDate.of(2034, 4, 1), LocalDate.of(2034, 4, 30));

        // the false positive is no finding; of three, one is fixed, and two of the three high risks are under control
        assertThat(kpis.vulnerabilitiesFound()).isEqualTo(3);
        assertThat(kpis.vulnerabilitiesFixed()).isEqualTo(1);
        assertThat(kpis.vulnerabilityFixRate()).isEqualTo(0.333);
        assertThat(kpis.highRiskVulnerabilities()).isEqualTo(3);
        assertThat(kpis.riskRemediationRate()).isEqualTo(0.667);
        // priority 中 is to be answered within 2 hours: 30 and 180 minutes
        assertThat(kpis.tickets()).isEqualTo(2);
        assertThat(kpis.ticketsAnsweredInTime()).isEqualTo(1);
        assertThat(kpis.averageTicketResponseMinutes()).isEqualTo(105);
    }

    /** A reported vulnerability whose 7.4.2 process is withdrawn: here the API alone moves it. */
    private long vulnerability(String cvssVector) {
        var reported = Staff.as(identityService, "engineer", () -> vulnerabilities.report(new VulnerabilityService.ManualReport(
                "OA 系统反序列化漏洞", null, null, null, null, "oa-" + System.nanoTime() + ".kpi.gov.cn", "443/tcp",
                "某 OA 9.0", null, null, null, null, cvssVector, null, null, null, null, null, null, null, null, null,
                null, null, null)));
        engine.getRuntimeService().deleteProcessInstance(reported.getProcessInstanceId(), "测试：撤销漏洞管理流程，仅经接口办理");
        return reported.getId();
    }

    private static long ticket(Http http) {
        var created = http.postJson("operator", "/api/tickets", Http.toJson(Map.of("kind", "服务申请", "channel", "热线",
                "priority", "中", "title", "开通 VPN 账号", "description", "新入职人员需要 VPN", "requestingUnit", "市教育局",
                "contactPerson", "赵老师", "contactInfo", "020-12345678")));
        assertThat(created.statusCode()).isEqualTo(201);
        return Http.json(created).get("id").asLong();
    }

    private static void train(ProcessDriver driver, int expected, int attended, int passed) {
        ProcessInstance pi = driver.startRequest("operator", "securityTraining");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("trainingTopics", "口令安全",
                "trainingForms", "线下", "trainingGoals", "识别弱口令"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("trainingContent", "口令安全",
                "trainingMethod", "线下", "trainers", "李工程师", "trainingSchedule", "下午"));
        driver.complete(pi, "userTask_deliverTraining", "operator", Map.of("trainingHeldAt", "2032-05-10T14:30:00+08:00",
                "trainingMode", "线下", "participants", "联络员", "deliveredContent", "口令安全",
                "expectedParticipants", expected, "attendedParticipants", attended, "passedParticipants", passed));
        driver.complete(pi, "userTask_collectFeedback", "engineer", Map.of("technicalExchange", "答疑",
                "feedbackOnContent", "实用", "feedbackOnForm", "合适", "feedbackOnEffect", "满意", "adjustmentNeeded", false));
        driver.recordService(pi, "培训完成", "");
        assertThat(driver.isEnded(pi)).as("training process ends after its record").isTrue();
    }

    private static void closeAfterHandling(ProcessDriver driver, ProcessInstance pi) {
        driver.complete(pi, "userTask_evaluateEffect", "engineer", Map.of("measuresSummary", "处置",
                "effectEvaluation", "有效", "rootCause", "弱口令"));
        driver.complete(pi, "userTask_writeReport", "engineer", Map.of("reportSummary", "处置完毕", "lessonsLearned", "无"));
        driver.complete(pi, "userTask_reviewReport", "manager", Map.of("reportApproved", true, "reviewComment", "同意"));
        driver.complete(pi, "userTask_proposeImprovement", "engineer",
                Map.of("improvementNeeded", false, "improvementProposal", "无"));
        assertThat(driver.isEnded(pi)).isTrue();
    }

    private static void at(int minutesAfterStart) {
        ClockUtil.setCurrentTime(EngineTime.toDate(T0.plusMinutes(minutesAfterStart)));
    }

    private ProcessInstance report(String title) {
        Incident incident = Staff.as(identityService, "operator", () -> incidents.report(new IncidentReport(title,
                "现象", "其他事件", null, "一般", "较小", "一般", "其他网络运营者", List.of("终端"), "热线", null)));
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(incident.getProcessInstanceId()).singleResult();
    }

    private static void dispatchAndWatch(ProcessDriver driver, ProcessInstance pi) {
        driver.complete(pi, "userTask_dispatchResources", "manager",
                Map.of("planReference", "YA", "responseTeam", "值班", "responseMode", "remote"));
        driver.complete(pi, "userTask_remoteWatch", "engineer", Map.of("watchMeasures", "观察", "backupSupport", "无"));
    }

    private static void contain(ProcessDriver driver, ProcessInstance pi) {
        driver.complete(pi, "userTask_notifyProgress", "manager",
                Map.of("notifiedParties", "使用方", "progressNotice", "已控制", "contained", true));
    }
}
