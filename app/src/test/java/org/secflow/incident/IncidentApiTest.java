package org.secflow.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The incident API and the engine REST API over real HTTP, as the people who use them. */
@IntegrationTest
class IncidentApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JdbcTemplate jdbc;
    Http http;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @Test
    void operatorReportsAnIncidentAndGetsItsGradeDutyAndDeadlines() {
        HttpResponse<String> response = http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal()));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Http.json(response);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/incidents/" + body.get("id").asLong());
        // 重要 × 严重 gives III, social impact 重大 gives II: the more severe wins
        assertThat(body.get("grade").asText()).isEqualTo("II");
        assertThat(body.get("gradeName").asText()).isEqualTo("重大");
        assertThat(body.get("mustReport").asBoolean()).isTrue();
        assertThat(body.get("deadlines").fieldNames()).toIterable()
                .containsExactly("firstReport", "respond", "onSite", "resolve", "report");
        assertThat(body.get("deadlines").get("firstReport").asText()).endsWith("+08:00");
        assertThat(body.get("processInstanceId").asText()).isNotBlank();
        assertThat(taskService.createTaskQuery().processInstanceId(body.get("processInstanceId").asText())
                .taskDefinitionKey("userTask_analyseIncident").count()).isOne();
    }

    @Test
    void wholeLifecycleOverHttpEndsWithADownloadableReport() {
        JsonNode created = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())));
        String pi = created.get("processInstanceId").asText();

        completeOverRest(pi, "userTask_analyseIncident", "engineer",
                Map.of("analysis", str("篡改来自后台弱口令"), "regrade", bool(false)));
        completeOverRest(pi, "userTask_firstReport", "manager",
                Map.of("reportedTo", str("市网信办"), "reportContent", str("首页被篡改，已切换维护页")));
        completeOverRest(pi, "userTask_dispatchResources", "manager", Map.of("planReference", str("YA-II"),
                "responseTeam", str("现场组"), "responseMode", str("onsite")));
        completeOverRest(pi, "userTask_onSiteControl", "operator",
                Map.of("arrivedAt", str("2026-11-24T10:00:00"), "controlMeasures", str("下线被篡改页面")));
        completeOverRest(pi, "userTask_notifyProgress", "manager", Map.of("notifiedParties", str("使用方"),
                "progressNotice", str("已恢复"), "contained", bool(true)));
        completeOverRest(pi, "userTask_evaluateEffect", "engineer", Map.of("measuresSummary", str("恢复页面、修改口令"),
                "effectEvaluation", str("有效"), "rootCause", str("弱口令")));
        completeOverRest(pi, "userTask_writeReport", "engineer",
                Map.of("reportSummary", str("网页篡改事件处置完毕"), "lessonsLearned", str("启用双因素认证")));
        completeOverRest(pi, "userTask_reviewReport", "manager",
                Map.of("reportApproved", bool(true), "reviewComment", str("同意")));
        completeOverRest(pi, "userTask_proposeImprovement", "engineer",
                Map.of("improvementNeeded", bool(false), "improvementProposal", str("无")));

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        HttpResponse<String> report = http.get("auditor", "/api/incidents/" + created.get("id").asLong() + "/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(report.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).contains("attachment"));
        assertThat(report.body()).contains("门户网站首页被篡改-", "II级（重大）", "下线被篡改页面", "网页篡改事件处置完毕");

        JsonNode details = Http.json(http.get("auditor", "/api/incidents/" + created.get("id").asLong()));
        assertThat(details.get("incident").get("status").asText()).isEqualTo("CLOSED");
        assertThat(details.get("actions").findValuesAsText("actor")).contains("operator", "engineer", "manager");
    }

    @Test
    void reportIsNotFoundBeforeItIsWritten() {
        JsonNode created = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())));
        HttpResponse<String> response = http.get("manager", "/api/incidents/" + created.get("id").asLong() + "/report");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.json(response).get("message").asText()).contains("尚未编制");
    }

    @Nested
    class BadInput {

        @Test
        void everyMissingOrUnknownFieldIsNamedAndNothingIsStarted() {
            long incidents = jdbc.queryForObject("SELECT COUNT(*) FROM incident", Long.class);
            long instances = runtimeService.createProcessInstanceQuery().count();
            Map<String, Object> body = IncidentBodies.defacedPortal();
            body.remove("title");
            body.put("objectImportance", "很重要");
            body.put("socialImpact", "");
            body.put("reporterType", "企业");
            body.put("affectedAssets", List.of());

            HttpResponse<String> response = http.postJson("operator", "/api/incidents", Http.toJson(body));

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode answer = Http.json(response);
            assertThat(answer.get("fields").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("title", "objectImportance", "socialImpact", "reporterType", "affectedAssets");
            assertThat(answer.toString()).contains("很重要").contains("特别重要、重要、一般");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident", Long.class)).isEqualTo(incidents);
            assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
        }

        @Test
        void malformedJsonIsABadRequestWithoutInternals() {
            HttpResponse<String> response = http.postJson("operator", "/api/incidents", "{\"title\": ");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        }

        @Test
        void wrongTypeNamesTheField() {
            Map<String, Object> body = IncidentBodies.defacedPortal();
            body.put("affectedAssets", Map.of("a", 1));
            HttpResponse<String> response = http.postJson("operator", "/api/incidents", Http.toJson(body));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").findValuesAsText("field")).containsExactly("affectedAssets");
        }

        @Test
        void unknownIncidentIsNotFound() {
            assertThat(http.get("manager", "/api/incidents/987654321").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Security {

        @Test
        void apiAndEngineRestNeedCredentials() {
            assertThat(http.postJson(null, "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())).statusCode()).isEqualTo(401);
            assertThat(http.get(null, "/api/incidents/1").statusCode()).isEqualTo(401);
            assertThat(http.get(null, "/engine-rest/task").statusCode()).isEqualTo(401);
            assertThat(http.get(null, "/engine-rest/process-definition").statusCode()).isEqualTo(401);
        }

        @Test
        void wrongPasswordOrUnknownUserIsRefused() {
            // A user of its own: Camunda delays the next login of a user after a failed one.
            if (identityService.createUserQuery().userId("mistypingOperator").count() == 0) {
                org.camunda.bpm.engine.identity.User user = identityService.newUser("mistypingOperator");
                user.setPassword(Staff.PASSWORD);
                org.secflow.support.Staff.save(identityService, user);
                identityService.createMembership("mistypingOperator", "operations");
            }
            Http wrongPassword = new Http(port, "not-the-password");
            assertThat(wrongPassword.get("mistypingOperator", "/engine-rest/task").statusCode()).isEqualTo(401);
            assertThat(wrongPassword.postJson("mistypingOperator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal()))
                    .statusCode()).isEqualTo(401);
            assertThat(http.get("noSuchUser", "/engine-rest/task").statusCode()).isEqualTo(401);
        }

        @Test
        void tasklistLoginOpensReportsButCannotWriteWithoutBasicAuth() throws Exception {
            JsonNode created = Http.json(http.postJson("operator", "/api/incidents",
                    Http.toJson(IncidentBodies.defacedPortal())));
            java.net.CookieManager cookies = new java.net.CookieManager();
            java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
            String base = "http://localhost:" + port;
            browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/camunda/app/tasklist/default/"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            String xsrf = cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
            HttpResponse<String> login = browser.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=auditor&password=demo")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

            HttpResponse<String> read = browser.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/api/incidents/" + created.get("id").asLong())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            HttpResponse<String> write = browser.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/api/incidents")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(IncidentBodies.defacedPortal())))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).isEqualTo(401);
        }

        @Test
        void auditorMayReadButNotReportIncidents() {
            HttpResponse<String> response = http.postJson("auditor", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal()));
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(Http.json(response).get("message").asText()).isEqualTo("无权执行此操作");
            assertThat(http.get("auditor", "/engine-rest/process-definition?key=emergencyResponse").statusCode())
                    .isEqualTo(200);
        }

        @Test
        void auditorCannotWorkTasks() {
            JsonNode created = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())));
            Task task = taskService.createTaskQuery().processInstanceId(created.get("processInstanceId").asText())
                    .singleResult();
            HttpResponse<String> response = http.postJson("auditor", "/engine-rest/task/" + task.getId() + "/complete",
                    "{\"variables\":{}}");
            assertThat(response.statusCode()).isIn(403, 404);
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
        }
    }

    /** Claims and completes the task through the engine REST API, as the Tasklist does. */
    private void completeOverRest(String pi, String taskKey, String user, Map<String, Map<String, Object>> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task %s", taskKey).isNotNull();
        assertThat(http.postJson(user, "/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + user + "\"}").statusCode()).as("claim %s as %s", taskKey, user).isEqualTo(204);
        HttpResponse<String> completed = http.postJson(user, "/engine-rest/task/" + task.getId() + "/complete",
                Http.toJson(Map.of("variables", variables)));
        assertThat(completed.statusCode()).as("complete %s as %s: %s", taskKey, user, completed.body()).isEqualTo(204);
    }

    private static Map<String, Object> str(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static Map<String, Object> bool(boolean value) {
        return Map.of("value", value, "type", "Boolean");
    }

}
