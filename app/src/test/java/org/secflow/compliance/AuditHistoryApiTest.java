package org.secflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the auditors' history page reads: the paged, filtered list of service processes, an instance's
 * diagram with its path and clauses, and the conformance reports as HTML and PDF (Chinese text, names).
 */
@IntegrationTest
class AuditHistoryApiTest {

    @Autowired ProcessEngine engine;
    @LocalServerPort int port;
    ProcessDriver driver;
    Http http;
    String today = LocalDate.now().toString();

    @BeforeEach
    void setUp() {
        driver = new ProcessDriver(engine);
        http = new Http(port);
    }

    @Test
    void listIsPagedAndFilteredByItemPeriodAndState() {
        ProcessInstance completed = driver.completedBoundaryService("SQ-AUDIT-1");
        ProcessInstance running = driver.startRequest("operator", "boundarySecurity");
        String period = "item=7.2.1&from=" + today + "&to=" + today;

        JsonNode all = Http.json(http.get("auditor", "/api/compliance/instances?" + period + "&size=200"));
        assertThat(ids(all)).contains(completed.getId(), running.getId());
        assertThat(all.get("items").findValuesAsText("item")).containsOnly("7.2.1");
        assertThat(all.get("items").get(0).get("itemName").asText()).isEqualTo("边界安全");

        JsonNode first = Http.json(http.get("auditor", "/api/compliance/instances?" + period + "&size=1"));
        JsonNode second = Http.json(http.get("auditor", "/api/compliance/instances?" + period + "&size=1&page=1"));
        assertThat(first.get("total").asLong()).isEqualTo(all.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(first.get("items")).hasSize(1);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
        assertThat(ids(first)).as("newest first").containsExactly(ids(all).get(0));

        assertThat(ids(Http.json(http.get("auditor", "/api/compliance/instances?" + period + "&status=completed&size=200"))))
                .contains(completed.getId()).doesNotContain(running.getId());
        assertThat(ids(Http.json(http.get("auditor", "/api/compliance/instances?" + period + "&status=running&size=200"))))
                .contains(running.getId()).doesNotContain(completed.getId());
        String yesterday = LocalDate.now().minusDays(1).toString();
        assertThat(ids(Http.json(http.get("auditor", "/api/compliance/instances?item=7.2.1&to=" + yesterday + "&size=200"))))
                .doesNotContain(completed.getId(), running.getId());
        assertThat(ids(Http.json(http.get("auditor", "/api/compliance/instances?item=7.2.2&from=" + today + "&size=200"))))
                .doesNotContain(completed.getId(), running.getId());
    }

    @Test
    void gradeFilterFindsEmergencyResponsesByTheirIncidentGrade() {
        String gradeTwo = reportIncident(IncidentBodies.defacedPortal());
        Map<String, Object> minor = IncidentBodies.defacedPortal();
        minor.put("objectImportance", "一般");
        minor.put("systemLoss", "较小");
        minor.put("socialImpact", "一般");
        String gradeFour = reportIncident(minor);

        JsonNode two = Http.json(http.get("auditor", "/api/compliance/instances?grade=II&from=" + today + "&size=200"));
        JsonNode four = Http.json(http.get("auditor", "/api/compliance/instances?grade=IV&item=7.5.1&size=200"));

        assertThat(ids(two)).contains(gradeTwo).doesNotContain(gradeFour);
        assertThat(two.get("items").findValuesAsText("grade")).containsOnly("II");
        assertThat(ids(four)).contains(gradeFour).doesNotContain(gradeTwo);
        JsonNode row = rowOf(two, gradeTwo);
        assertThat(row.get("gradeName").asText()).isEqualTo("重大");
        assertThat(row.get("title").asText()).startsWith("门户网站首页被篡改");
        assertThat(row.get("state").asText()).isEqualTo("RUNNING");
        assertThat(row.get("startedBy").asText()).isEqualTo("operator");
    }

    @Test
    void badFiltersAreAllNamedAndNothingIsListed() {
        var bad = http.get("auditor", "/api/compliance/instances?item=7.9.9&status=open&grade=V&page=-1&size=500"
                + "&from=2026-02-01&to=2026-01-01");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("item", "status", "grade", "page", "size", "to");
        assertThat(Http.json(bad).get("fields").findValuesAsText("reason")).contains("须为以下之一：I、II、III、IV");
    }

    @Test
    void withoutLoginTheApiAnswers401AndTheAuditorsWebappSessionMayRead() {
        assertThat(http.get(null, "/api/compliance/instances").statusCode()).isEqualTo(401);
        assertThat(http.get(null, "/api/compliance/summary/report?item=7.2.1").statusCode()).isEqualTo(401);
        assertThat(http.get("auditor", "/api/compliance/instances").statusCode()).isEqualTo(200);
        assertThat(http.get("engineer", "/api/compliance/instances").statusCode()).as("staff too").isEqualTo(200);

        // as the page does: the Camunda webapps' login (with its CSRF token), then GET /api with the session
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String auth = "http://localhost:" + port + "/camunda/api/admin/auth/user/default";
        String token = send(browser, HttpRequest.newBuilder(URI.create(auth)).GET().build())
                .headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<byte[]> login = send(browser, HttpRequest.newBuilder(URI.create(auth + "/login/cockpit"))
                .header("X-XSRF-TOKEN", token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=auditor&password=" + Staff.PASSWORD)).build());
        assertThat(login.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> list = send(browser, HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/compliance/instances?size=1")).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new String(list.body(), StandardCharsets.UTF_8)).contains("\"total\"");
        assertThat(send(browser, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/audit/")).GET().build())
                .body()).asString(StandardCharsets.UTF_8).contains("流程历史与合规追溯", "bpmn-navigated-viewer");
    }

    @Test
    void diagramShowsTheExecutedPathAndWhereEachClauseStands() {
        ProcessInstance completed = driver.completedBoundaryService("SQ-AUDIT-1");
        ProcessInstance halfway = driver.startRequest("operator", "boundarySecurity");
        driver.complete(halfway, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));

        JsonNode done = Http.json(http.get("auditor", "/api/compliance/instances/" + completed.getId() + "/diagram"));
        JsonNode open = Http.json(http.get("auditor", "/api/compliance/instances/" + halfway.getId() + "/diagram"));

        assertThat(done.get("bpmnXml").asText()).contains("<bpmn:process id=\"boundarySecurity\"", "bpmndi:BPMNDiagram");
        assertThat(texts(done.get("executed"))).contains("userTask_configureProtection", "callActivity_recordService",
                "endEvent_done");
        assertThat(texts(done.get("active"))).isEmpty();
        assertThat(texts(done.get("takenFlows"))).contains("flow_toReview", "flow_toEnd", "flow_implemented")
                .as("the loop back was not taken").doesNotContain("flow_reimplement");
        assertThat(texts(node(done, "callActivity_reviewPlan").get("clauses"))).containsExactly("7.2.1.3");
        assertThat(node(done, "callActivity_recordService").get("status").asText()).isEqualTo("DONE");

        assertThat(node(open, "userTask_confirmRequirement").get("status").asText()).isEqualTo("DONE");
        assertThat(node(open, "userTask_draftPlan").get("status").asText()).isEqualTo("PENDING");
        assertThat(node(open, "callActivity_recordService").get("status").asText()).isEqualTo("NOT_REACHED");
        assertThat(texts(open.get("active"))).containsExactly("userTask_draftPlan");
        assertThat(texts(open.get("takenFlows"))).doesNotContain("flow_toReview", "flow_toEnd");
        assertThat(http.get("auditor", "/api/compliance/instances/no-such-instance/diagram").statusCode()).isEqualTo(404);
    }

    @Test
    void instanceReportAsPdfCarriesTheChineseClauseTextAndTheActors() throws IOException {
        ProcessInstance completed = driver.completedBoundaryService("SQ-AUDIT-1");
        String path = "/api/compliance/instances/" + completed.getId() + "/report";

        HttpResponse<byte[]> pdf = getBytes("auditor", path + "?format=pdf", null);
        HttpResponse<byte[]> accepted = getBytes("auditor", path, "application/pdf");
        HttpResponse<byte[]> html = getBytes("auditor", path + "?format=html", null);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = pdfText(pdf.body());
        assertThat(text).contains("服务过程合规性核查报告", "7.2.1.4", "入侵规则和VPN通道", "与使用方确认边界安全的需求",
                name("operator"), "operator", name("engineer"), "engineer");
        assertThat(accepted.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(new String(html.body(), StandardCharsets.UTF_8)).contains(shown("operator"));
        assertThat(getBytes("auditor", path + "?format=doc", null).statusCode()).isEqualTo(400);
    }

    @Test
    void periodReportCountsTheItemsProcessesAndListsEachWithItsActors() throws IOException {
        ProcessInstance completed = driver.completedBoundaryService("SQ-AUDIT-1");
        String path = "/api/compliance/summary/report?item=7.2.1&from=" + today + "&to=" + today;

        HttpResponse<byte[]> pdf = getBytes("auditor", path + "&format=pdf", null);
        HttpResponse<byte[]> html = getBytes("auditor", path, null);

        assertThat(pdf.statusCode()).isEqualTo(200);
        String text = pdfText(pdf.body());
        assertThat(text).contains("服务项目合规性汇总报告", "边界安全", "逐条款统计", "与使用方确认边界安全的需求",
                completed.getId(), name("operator"), name("engineer"));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(new String(html.body(), StandardCharsets.UTF_8)).contains("服务项目合规性汇总报告", today,
                completed.getId(), shown("engineer"));
        var unknown = http.get("auditor", "/api/compliance/summary/report?item=7.9.9&format=pdf");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(http.get("auditor", "/api/compliance/summary/report?item=7.2.1&from=2026-02-01&to=2026-01-01")
                .statusCode()).isEqualTo(400);
    }

    // ---- helpers -------------------------------------------------------------------------------


    private String reportIncident(Map<String, Object> body) {
        var created = http.postJson("operator", "/api/incidents", Http.toJson(body));
        assertThat(created.statusCode()).isEqualTo(201);
        return Http.json(created).get("processInstanceId").asText();
    }

    /** The name the reports show (the demo users' Chinese names; the test-created users have none). */
    private String name(String userId) {
        var user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? userId : name;
    }

    /** A person as the HTML report shows them: "name（id）", or the id alone when the user has no name. */
    private String shown(String userId) {
        String name = name(userId);
        return name.equals(userId) ? userId : name + "（" + userId + "）";
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsText("processInstanceId");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode rowOf(JsonNode page, String id) {
        for (JsonNode row : page.get("items")) {
            if (row.get("processInstanceId").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }

    private static JsonNode node(JsonNode diagram, String activityId) {
        for (JsonNode node : diagram.get("nodes")) {
            if (node.get("activityId").asText().equals(activityId)) {
                return node;
            }
        }
        throw new AssertionError("no clause node " + activityId);
    }

    private static String pdfText(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the renderer breaks long lines: compare the words without line breaks
            return new PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", "");
        }
    }

    private HttpResponse<byte[]> getBytes(String user, String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + Staff.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(HttpClient.newHttpClient(), request.GET().build());
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
