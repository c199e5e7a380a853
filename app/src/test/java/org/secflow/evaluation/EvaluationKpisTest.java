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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Appendix B's measurable items on a seeded history with known answers (a period of its own, in 2031). */
@IntegrationTest
class EvaluationKpisTest {

    static final LocalDateTime T0 = LocalDateTime.of(2031, 3, 1, 10, 0);

    @Autowired ProcessEngine engine;
    @Autowired IncidentService incidents;
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
        ClockUtil.reset();

        var answer = new Http(port).get("auditor", "/api/evaluation/kpis?from=2031-03-01&to=2031-03-10");
        assertThat(answer.statusCode()).isEqualTo(200);
        EvaluationKpis.Kpis kpis = new EvaluationKpis(engine.getHistoryService())
                .compute(LocalDate.of(2031, 3, 1), LocalDate.of(2031, 3, 10));

        assertThat(kpis.incidentsHandled()).isEqualTo(2);
        assertThat(kpis.incidentsHandledInTime()).isEqualTo(1);
        assertThat(kpis.incidentTimelinessRate()).isEqualTo(0.5);
        assertThat(kpis.averageMinutesToControl()).isEqualTo((180 + 80 * 60) / 2);
        assertThat(kpis.tasksWithDeadline()).isEqualTo(4);
        assertThat(kpis.tasksCompletedInTime()).isEqualTo(2);
        assertThat(kpis.perPerson()).extracting(EvaluationKpis.PersonKpi::person, EvaluationKpis.PersonKpi::onTimeRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("engineer", 0.5),
                        org.assertj.core.groups.Tuple.tuple("manager", 0.5));
        assertThat(Http.json(answer).get("incidentTimelinessRate").asDouble()).isEqualTo(0.5);
        assertThat(new Http(port).get("auditor", "/api/evaluation/kpis?from=2031-03-10&to=2031-03-01").statusCode())
                .isEqualTo(400);
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
