package org.secflow.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secflow.process.EngineTime;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 7.2.6.7 keeps records at least a year. The engine's history cleanup (by removal time: end of the process plus its
 * model's historyTimeToLive) removes what is older, and nothing an auditor still needs: the audit chain verifies,
 * and the clause trace and conformance summary of a period inside retention read the same before and after.
 */
@IntegrationTest
class HistoryCleanupTest {

    @Autowired ProcessEngine engine;
    @LocalServerPort int port;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void everyModelKeepsItsHistoryAtLeastAYear() throws IOException {
        Path processes = Path.of("..", "processes");
        List<Path> models;
        try (Stream<Path> files = Files.walk(processes)) {
            models = files.filter(file -> file.toString().endsWith(".bpmn")).toList();
        }
        assertThat(models).hasSizeGreaterThan(30);
        for (Path model : models) {
            for (Process process : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Process.class)) {
                assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", model)
                        .isNotNull();
                assertThat(Integer.parseInt(process.getCamundaHistoryTimeToLiveString()))
                        .as("historyTimeToLive of %s (days)", model).isGreaterThanOrEqualTo(365);
            }
        }
    }

    @Test
    void cleanupRemovesOnlyHistoryPastRetentionAndAuditorsLoseNothingOfARetainedPeriod() {
        ProcessDriver driver = new ProcessDriver(engine);
        Http http = new Http(port);
        HistoryService history = engine.getHistoryService();
        // a boundary security service of March two years ago (past retention) and one of three months ago (inside)
        at(LocalDateTime.of(LocalDate.now().getYear() - 2, 3, 5, 10, 0));
        ProcessInstance expired = driver.completedBoundaryService("SQ-RETENTION-1");
        LocalDate recentDay = LocalDate.now().minusMonths(3);
        at(recentDay.atTime(10, 0));
        ProcessInstance retained = driver.completedBoundaryService("SQ-RETENTION-1");
        ClockUtil.reset();

        HistoricProcessInstance expiredHistory = history.createHistoricProcessInstanceQuery()
                .processInstanceId(expired.getId()).singleResult();
        HistoricProcessInstance retainedHistory = history.createHistoricProcessInstanceQuery()
                .processInstanceId(retained.getId()).singleResult();
        assertThat(expiredHistory.getRemovalTime()).as("end + 365 days").isBefore(new Date());
        assertThat(retainedHistory.getRemovalTime()).isAfter(new Date())
                .isAfterOrEqualTo(EngineTime.toDate(recentDay.plusDays(365).atStartOfDay()));
        String period = "item=7.2.1&from=" + recentDay + "&to=" + recentDay;
        String traceBefore = http.get("auditor", "/api/compliance/instances/" + retained.getId()).body();
        String summaryBefore = http.get("auditor", "/api/compliance/summary?" + period).body();
        JsonNode verifiedBefore = Http.json(http.get("auditor", "/api/audit/verify"));
        assertThat(verifiedBefore.get("valid").asBoolean()).isTrue();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expired.getId()).count()).isPositive();

        // the engine's cleanup job, as the job executor runs it in its nightly window
        for (int run = 0; run < 20 && countOf(expired) > 0; run++) {
            Job cleanup = history.cleanUpHistoryAsync(true);
            engine.getManagementService().executeJob(cleanup.getId());
        }

        assertThat(countOf(expired)).as("history past retention is removed").isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expired.getId()).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(expired.getId()).count()).isZero();
        assertThat(countOf(retained)).isOne();
        assertThat(http.get("auditor", "/api/compliance/instances/" + retained.getId()).body()).isEqualTo(traceBefore);
        assertThat(http.get("auditor", "/api/compliance/summary?" + period).body()).isEqualTo(summaryBefore);
        assertThat(Http.json(http.get("auditor", "/api/compliance/summary?" + period)).get("completed").asLong())
                .isPositive();
        var report = http.get("auditor", "/api/compliance/summary/report?" + period + "&format=html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("边界安全");
        JsonNode verified = Http.json(http.get("auditor", "/api/audit/verify"));
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("verifiedEntries").asLong()).as("the audit chain keeps every entry")
                .isGreaterThanOrEqualTo(verifiedBefore.get("verifiedEntries").asLong());
    }

    private long countOf(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).count();
    }

    private static void at(LocalDateTime time) {
        ClockUtil.setCurrentTime(EngineTime.toDate(time));
    }
}
