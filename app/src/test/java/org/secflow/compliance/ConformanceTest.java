package org.secflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.compliance.ConformanceService.ClauseTrace;
import org.secflow.compliance.ConformanceService.Status;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The clause trace an auditor reads for one service process, on instances run through the models. */
@IntegrationTest
class ConformanceTest {

    @Autowired ProcessEngine engine;
    @Autowired ConformanceService conformance;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired org.secflow.process.ProcessVisibility visibility;
    @LocalServerPort int port;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProcessDriver(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void completedServiceShowsEveryClauseDoneWithItsActor() {
        ProcessInstance pi = driver.completedBoundaryService("SQ-CONF-1");

        ConformanceService.InstanceTrace trace = conformance.trace(pi.getId());

        assertThat(trace.state()).isEqualTo("COMPLETED");
        assertThat(trace.clauses()).extracting(ClauseTrace::clause).containsExactly(
                "7.2.1.1", "7.2.1.2", "7.2.1.3", "7.2.1.4", "7.2.1.5", "7.2.1.6", "7.2.1.7");
        assertThat(trace.clauses()).allSatisfy(clause -> {
            assertThat(clause.status()).isEqualTo(Status.DONE);
            assertThat(clause.outOfOrder()).isFalse();
        });
        ClauseTrace configure = trace.clauses().get(3);
        assertThat(configure.steps()).singleElement().satisfies(step -> {
            assertThat(step.actor()).isEqualTo("operator");
            assertThat(step.actorGroup()).isEqualTo("operations");
            assertThat(step.evidence()).contains("策略");
        });
    }

    @Test
    void serviceStoppedHalfwayShowsPendingAndNotReachedClauses() {
        ProcessInstance pi = driver.startRequest("operator", "boundarySecurity");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));

        ConformanceService.InstanceTrace trace = conformance.trace(pi.getId());

        assertThat(trace.state()).isEqualTo("RUNNING");
        assertThat(trace.clauses()).extracting(ClauseTrace::status).containsExactly(Status.DONE, Status.PENDING,
                Status.NOT_REACHED, Status.NOT_REACHED, Status.NOT_REACHED, Status.NOT_REACHED, Status.NOT_REACHED);
    }

    @Test
    void summaryOfAnItemCountsWhatRanPerClauseAndRefusesUnknownItems() {
        ProcessInstance pi = driver.startRequest("operator", "boundarySecurity");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));
        Http http = new Http(port);

        JsonNode summary = Http.json(http.get("auditor", "/api/compliance/summary?item=7.2.1&from="
                + java.time.LocalDate.now().minusDays(1) + "&to=" + java.time.LocalDate.now().plusDays(1)));

        assertThat(summary.get("instances").asInt()).isPositive();
        JsonNode first = summary.get("clauses").get(0);
        assertThat(first.get("clause").asText()).isEqualTo("7.2.1.1");
        assertThat(first.get("done").asInt()).isPositive();
        assertThat(summary.get("clauses").get(1).get("pending").asInt()).isPositive();
        var unknown = http.get("auditor", "/api/compliance/summary?item=7.9.9");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknown).get("fields").findValuesAsText("field")).containsExactly("item");
        assertThat(http.get("auditor", "/api/compliance/summary").statusCode()).isEqualTo(400);
        assertThat(http.get("auditor", "/api/compliance/summary?item=7.2.1&from=2026-13-01").statusCode()).isEqualTo(400);
    }

    @Test
    void anEndedProcessKeepsItsOutcomeAndALostOneIsTracedAgainWhenASummaryNeedsIt() throws InterruptedException {
        ProcessInstance pi = driver.completedBoundaryService("SQ-CONF-KEPT");
        ConformanceService.Outcome traced = ConformanceService.Outcome.of(conformance.trace(pi.getId()));
        List<String> kept = List.of();
        for (long until = System.currentTimeMillis() + 20_000; kept.isEmpty() && System.currentTimeMillis() < until; ) {
            Thread.sleep(50);
            kept = jdbc.queryForList("SELECT item FROM conformance_result WHERE process_instance_id = ?", String.class,
                    pi.getId());
        }
        assertThat(kept).as("kept after the end was committed").containsExactly("7.2.1");
        var ended = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).list();
        assertThat(conformance.endedOutcomes(ended)).containsEntry(pi.getId(), traced);
        assertThat(traced.conformant()).isTrue();

        jdbc.update("DELETE FROM conformance_result WHERE process_instance_id = ?", pi.getId());
        JsonNode summary = Http.json(new Http(port).get("auditor", "/api/compliance/summary?item=7.2.1&from="
                + java.time.LocalDate.now().minusDays(1) + "&to=" + java.time.LocalDate.now().plusDays(1)));

        assertThat(summary.get("completed").asInt()).isPositive();
        assertThat(jdbc.queryForObject("SELECT conformant FROM conformance_result WHERE process_instance_id = ?",
                Boolean.class, pi.getId())).as("traced again and kept").isTrue();
        assertThat(conformance.endedOutcomes(ended)).containsEntry(pi.getId(), traced);
    }

    @Test
    void aReaderOfOneModelCountsWhatAGlobalReaderCountsThereAndReadsUnderItsAuthorizations() {
        driver.completedBoundaryService("SQ-CONF-PARTIAL");
        var identity = engine.getIdentityService();
        var authorizations = engine.getAuthorizationService();
        var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        grant.setUserId("one-model-reader");
        grant.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
        grant.setResourceId("boundarySecurity");
        grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
        grant.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY);
        grant = authorizations.saveAuthorization(grant);
        java.time.LocalDate today = java.time.LocalDate.now();
        try {
            identity.setAuthentication("auditor", List.of("auditor"));
            ConformanceService.ItemSummary all = conformance.summary("7.2.1", today.minusDays(1), today.plusDays(1));
            assertThat(visibility.readingAllHistoryIfGranted(identity::getCurrentAuthentication))
                    .as("READ_HISTORY on every model: read without the per-row join").isNull();
            identity.setAuthentication("one-model-reader", List.of());
            ConformanceService.ItemSummary own = conformance.summary("7.2.1", today.minusDays(1), today.plusDays(1));
            assertThat(visibility.readingAllHistoryIfGranted(identity::getCurrentAuthentication).getUserId())
                    .as("READ_HISTORY on one model: read under its authorizations").isEqualTo("one-model-reader");

            assertThat(own.instances()).isEqualTo(all.instances()).isPositive();
            assertThat(own.completed()).isEqualTo(all.completed());
            assertThat(own.clauses()).isEqualTo(all.clauses());
            assertThat(conformance.summary("7.5.1", today.minusDays(1), today.plusDays(1)).instances())
                    .as("emergency response: not readable for this reader").isZero();
        } finally {
            identity.clearAuthentication();
            authorizations.deleteAuthorization(grant.getId());
        }
    }

    @Test
    void lateStepIsMarkedAgainstItsDeadlineAndAuditorsReadTheTraceOverHttp() {
        Http http = new Http(port);
        JsonNode created = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())));
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(created.get("processInstanceId").asText()).singleResult();
        ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 3_600_000L));
        driver.complete(pi, "userTask_analyseIncident", "engineer", Map.of("analysis", "研判", "regrade", false));

        JsonNode trace = Http.json(http.get("auditor", "/api/compliance/instances/" + pi.getId()));

        JsonNode analysis = null;
        for (JsonNode clause : trace.get("clauses")) {
            if (clause.get("clause").asText().equals("7.5.1.6")) {
                analysis = clause;
            }
            if (clause.get("clause").asText().equals("7.5.1.3")) {
                assertThat(clause.get("status").asText()).as("plan review is another process").isEqualTo("ELSEWHERE");
            }
        }
        assertThat(analysis).isNotNull();
        assertThat(analysis.get("late").asBoolean()).as("grade II: analysis due in 30 minutes, done after an hour").isTrue();
        assertThat(analysis.get("steps").findValuesAsText("actor")).contains("engineer");
        assertThat(http.get(null, "/api/compliance/instances/" + pi.getId()).statusCode()).isEqualTo(401);
        var report = http.get("auditor", "/api/compliance/instances/" + pi.getId() + "/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("服务过程合规性核查报告", "7.5.1.6", "超时", "engineer", "技术类",
                "由本项目其他流程承载");
    }
}
