package org.secflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.secflow.incident.Incident;
import org.secflow.incident.IncidentReport;
import org.secflow.incident.IncidentService;
import org.secflow.process.EngineTime;
import org.secflow.process.SlaBreach;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.secflow.vulnerability.VulnerabilityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's figures over real HTTP on records seeded through the product's own services and API, in a
 * period of their own (May 2036: the engine's TIMESTAMP columns on MySQL end in January 2038) and for a 使用方 of
 * their own: each panel's numbers, what the filters change,
 * who may read, and that nothing can be changed through it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class DashboardApiTest {

    /** The seeded records fall in the week of Monday 2036-05-05. */
    static final LocalDateTime NOW = LocalDateTime.of(2036, 5, 5, 11, 0);
    static final String PERIOD = "from=2036-05-01&to=2036-05-31";

    @Autowired ProcessEngine engine;
    @Autowired IncidentService incidents;
    @Autowired VulnerabilityService vulnerabilities;
    @Autowired IdentityService identityService;
    @LocalServerPort int port;

    DashboardSeed seed;

    /** Seeds once, inside the first test that needs the records. */
    void seed() {
        if (seed == null) {
            seed = new DashboardSeed(engine, incidents, vulnerabilities, identityService, port, 2036).plant();
        }
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void openIncidentsAreCountedByGradeAndSlaState() {
        seed();
        at(NOW);
        JsonNode unit = summary("auditor", PERIOD + "&unit=" + encode(seed.unit));

        JsonNode gradeII = grade(unit.get("incidents"), "II");
        assertThat(unit.get("incidents").get("open").asInt()).isEqualTo(7);
        assertThat(gradeII.get("total").asInt()).isEqualTo(7);
        assertThat(gradeII.get("missed").asInt()).isEqualTo(3);
        assertThat(gradeII.get("approaching").asInt()).isEqualTo(4);
        assertThat(gradeII.get("inTime").asInt()).isZero();
        assertThat(grade(unit.get("incidents"), "I").get("total").asInt()).isZero();
        JsonNode week = unit.get("incidents").get("trend").get(1);
        assertThat(week.get("week").asText()).isEqualTo("2036-05-05");
        assertThat(week.get("opened").asInt()).isEqualTo(7);
        assertThat(week.get("closed").asInt()).isZero();

        // without the unit the incident elsewhere counts too
        JsonNode all = summary("auditor", PERIOD);
        assertThat(all.get("incidents").get("open").asInt()).isEqualTo(8);
        assertThat(grade(all.get("incidents"), "II").get("approaching").asInt()).isEqualTo(5);
        // a period before the records shows none of them
        assertThat(summary("auditor", "from=2036-04-01&to=2036-04-30").get("incidents").get("open").asInt()).isZero();
        // four hours later the newer four are past their deadlines too
        at(NOW.plusHours(4));
        assertThat(grade(summary("auditor", PERIOD + "&unit=" + encode(seed.unit)).get("incidents"), "II").get("missed").asInt())
                .isEqualTo(7);
    }

    @Test
    void slaBreachesAreCountedByStageAsRecorded() {
        seed();
        at(NOW);
        JsonNode stages = summary("auditor", PERIOD).get("slaBreaches");

        assertThat(seed.expectedBreachTotal).as("the seeded incidents breached a deadline").isGreaterThanOrEqualTo(3);
        int total = 0;
        for (JsonNode stage : stages) {
            assertThat(stage.get("breaches").asInt()).as(stage.get("stage").asText())
                    .isEqualTo(seed.expectedBreaches.getOrDefault(stage.get("stage").asText(), 0));
            total += stage.get("breaches").asInt();
        }
        assertThat(total).isEqualTo(seed.expectedBreachTotal);
        // the item filter: breaches belong to emergency response (7.5.1), not to 7.2.1
        JsonNode other = summary("auditor", PERIOD + "&item=7.2.1");
        other.get("slaBreaches").forEach(stage -> assertThat(stage.get("breaches").asInt()).isZero());
        assertThat(other.get("incidents").isNull()).isTrue();
        assertThat(other.get("assets").isNull()).isTrue();
    }

    @Test
    void vulnerabilitiesAssetsAndTicketsOfTheUnit() {
        seed();
        at(NOW);
        JsonNode s = summary("auditor", PERIOD + "&unit=" + encode(seed.unit));

        JsonNode v = s.get("vulnerabilities");
        // the false positive is no finding: of two, one fixed
        assertThat(v.get("found").asInt()).isEqualTo(2);
        assertThat(v.get("fixed").asInt()).isEqualTo(1);
        assertThat(v.get("fixRate").asDouble()).isEqualTo(0.5);
        assertThat(v.get("fixRateTarget").asDouble()).isEqualTo(0.9);
        JsonNode critical = v.get("byGradeAndState").get(0);
        assertThat(critical.get("grade").asText()).isEqualTo("超危");
        assertThat(critical.get("states").get("发现和报告").asInt()).isEqualTo(1);
        assertThat(critical.get("states").get("处置").asInt()).isEqualTo(1);
        assertThat(v.get("topHosts")).hasSize(1);
        assertThat(v.get("topHosts").get(0).get("host").asText()).isEqualTo(seed.ip);
        assertThat(v.get("topHosts").get(0).get("openSevere").asInt()).isEqualTo(1);
        JsonNode week = v.get("perWeek").get(1);
        assertThat(week.get("opened").asInt()).isEqualTo(2);
        assertThat(week.get("closed").asInt()).isEqualTo(1);

        JsonNode a = s.get("assets");
        assertThat(a.get("total").asInt()).isEqualTo(3);
        assertThat(a.get("byKind").get("IP").asInt()).isEqualTo(2);
        assertThat(a.get("byKind").get("网站").asInt()).isEqualTo(1);
        assertThat(a.get("byExposure").get("政务外网").asInt()).isEqualTo(2);
        assertThat(a.get("byExposure").get("互联网").asInt()).isEqualTo(1);
        assertThat(a.get("ungraded").asInt()).isEqualTo(1);
        assertThat(a.get("unfiled").asInt()).isEqualTo(1);

        JsonNode t = s.get("tickets");
        assertThat(t.get("total").asInt()).isEqualTo(3);
        assertThat(t.get("answered").asInt()).isEqualTo(2);
        assertThat(t.get("answeredInTime").asInt()).isEqualTo(1);
        assertThat(t.get("responseInTimeRate").asDouble()).isEqualTo(0.333);
        assertThat(t.get("byStatus").get("已受理").asInt()).isEqualTo(2);
        assertThat(t.get("byStatus").get("新建").asInt()).isEqualTo(1);

        // without the unit, the finding on the other address counts as well
        assertThat(summary("auditor", PERIOD).get("vulnerabilities").get("found").asInt()).isEqualTo(3);
    }

    @Test
    void conformanceMeasuresAndDutiesAreThere() {
        seed();
        at(NOW);
        JsonNode s = summary("auditor", PERIOD + "&item=7.5.1");

        JsonNode item = s.get("conformance").get(0);
        assertThat(item.get("item").asText()).isEqualTo("7.5.1");
        // the eight incidents of the period, none finished
        assertThat(item.get("instances").asInt()).isEqualTo(8);
        assertThat(item.get("completed").asInt()).isZero();
        assertThat(s.get("conformance")).hasSize(1);
        assertThat(s.get("measures")).hasSize(9);
        assertThat(s.get("measures").get(0).get("target").asDouble()).isEqualTo(0.95);
        assertThat(s.get("timeToControl").get("incidents").asInt()).isZero();
        // the yearly review of the emergency plan is a recurring duty of 7.5.1
        assertThat(s.get("duties").findValuesAsText("processKey")).isNotEmpty();
        assertThat(s.get("duties").findValuesAsText("item")).containsOnly("7.5.1");
    }

    @Test
    void unauthenticatedCallsGet401AndBadFiltersA400NamingTheField() {
        Http http = new Http(port);
        assertThat(http.get(null, "/api/dashboard/summary").statusCode()).isEqualTo(401);
        assertThat(http.get(null, "/api/dashboard/report").statusCode()).isEqualTo(401);
        // the page itself is public (it asks for the login); /dashboard/screen is the same page for the wall screen
        for (String page : List.of("/dashboard/", "/dashboard/screen")) {
            var html = http.get(null, page);
            assertThat(html.statusCode()).as(page).isEqualTo(200);
            assertThat(html.body()).contains("数据看板", "/dashboard/dashboard.js", "/shared/session.js");
        }
        var reversed = http.get("auditor", "/api/dashboard/summary?from=2036-05-31&to=2036-05-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("\"to\"");
        var unknownItem = http.get("auditor", "/api/dashboard/summary?item=9.9.9");
        assertThat(unknownItem.statusCode()).isEqualTo(400);
        assertThat(unknownItem.body()).contains("\"item\"");
        assertThat(http.get("auditor", "/api/dashboard/summary?from=2035-01-01&to=2036-05-01").statusCode()).isEqualTo(400);
    }

    @Test
    void nobodyCanChangeAnythingThroughTheDashboard() {
        Http http = new Http(port);
        for (String user : List.of("auditor", "sysadmin")) {
            for (String method : List.of("POST", "PUT", "DELETE")) {
                int status = http.send(user, "/api/dashboard/summary", method, "application/json",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{}")).statusCode();
                assertThat(status).as(user + " " + method).isIn(403, 405);
            }
        }
    }

    @Test
    void staffSeeOnlyWhatTheyMayRead() {
        seed();
        at(NOW);
        // the operator reads the platform data and the processes' history like the auditor
        JsonNode operator = summary("operator", PERIOD + "&unit=" + encode(seed.unit));
        assertThat(operator.get("incidents").get("open").asInt()).isEqualTo(7);
        assertThat(operator.get("unavailable").size()).isZero();
        // a user with no grant on the records gets the page's frame with every panel left out
        String reader = "dashboardnobody";
        if (identityService.createUserQuery().userId(reader).count() == 0) {
            var user = identityService.newUser(reader);
            user.setPassword(Staff.PASSWORD);
            Staff.save(identityService, user);
        }
        var answer = new Http(port).get(reader, "/api/dashboard/summary?" + PERIOD);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode nobody = Http.json(answer);
        assertThat(nobody.get("incidents").isNull()).isTrue();
        assertThat(nobody.get("vulnerabilities").isNull()).isTrue();
        assertThat(nobody.get("assets").isNull()).isTrue();
        assertThat(nobody.get("tickets").isNull()).isTrue();
        assertThat(nobody.get("unavailable").size()).isEqualTo(4);
        nobody.get("slaBreaches").forEach(stage -> assertThat(stage.get("breaches").asInt()).isZero());
        nobody.get("conformance").forEach(item -> assertThat(item.get("instances").asInt()).isZero());
    }

    @Test
    void theWholeViewIsAPdfWithChineseText() throws Exception {
        seed();
        at(NOW);
        var pdf = new Http(port).getBytes("auditor", "/api/dashboard/report?" + PERIOD + "&unit=" + encode(seed.unit));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = pdfText(pdf.body());
        assertThat(text).contains("数据看板报告", "未关闭事件", seed.unit);
        var html = new Http(port).get("auditor", "/api/dashboard/report?" + PERIOD + "&format=html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("评价指标（附录 B）与目标");
        assertThat(new Http(port).get("auditor", "/api/dashboard/report?format=doc").statusCode()).isEqualTo(400);
    }

    private static String pdfText(byte[] pdf) throws java.io.IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            // the renderer breaks long lines: compare the words without line breaks
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", "");
        }
    }

    // ---- seeding through the product --------------------------------------------------------------------

    static JsonNode grade(JsonNode incidents, String grade) {
        for (JsonNode row : incidents.get("byGrade")) {
            if (row.get("grade").asText().equals(grade)) {
                return row;
            }
        }
        throw new AssertionError("no grade " + grade + " in " + incidents);
    }

    JsonNode summary(String user, String query) {
        var answer = new Http(port).get(user, "/api/dashboard/summary?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Http.json(answer);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void at(LocalDateTime time) {
        DashboardSeed.at(time);
    }

}
