package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two engineers in the Tasklist act on the same task at the same moment (engine REST, as the Tasklist
 * calls it): one wins, the other is told with a 409 in Chinese that someone else was first, and the
 * process moves on once.
 */
@IntegrationTest
class ConcurrentTaskWorkTest {

    private static final String SECOND_ENGINEER = "engineer2";
    private static final int ROUNDS = 6;

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    Http http;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        if (identityService.createUserQuery().userId(SECOND_ENGINEER).count() == 0) {
            User user = identityService.newUser(SECOND_ENGINEER);
            user.setPassword(Staff.PASSWORD);
            org.secflow.support.Staff.save(identityService, user);
            identityService.createMembership(SECOND_ENGINEER, "technical");
        }
        http = new Http(port);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void twoEngineersClaimingTheSameTaskAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            Task task = newAnalysisTask();
            List<HttpResponse<String>> answers = race(user -> http.postJson(user,
                    "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"" + user + "\"}"));

            assertOneWinsOtherConflicts(answers);
            String winner = answers.get(0).statusCode() == 204 ? "engineer" : SECOND_ENGINEER;
            assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(winner);
        }
    }

    @Test
    void twoEngineersCompletingTheSameTaskAtOnce() {
        Map<String, Object> variables = Map.of("variables", Map.of(
                "analysis", Map.of("value", "同时提交的研判", "type", "String"),
                "regrade", Map.of("value", false, "type", "Boolean")));
        for (int round = 0; round < ROUNDS; round++) {
            Task task = newAnalysisTask();
            List<HttpResponse<String>> answers = race(user -> http.postJson(user,
                    "/engine-rest/task/" + task.getId() + "/complete", Http.toJson(variables)));

            assertOneWinsOtherConflicts(answers);
            // completed once: one finished analysis in history, and the next steps opened once
            assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(task.getProcessInstanceId())
                    .taskDefinitionKey("userTask_analyseIncident").finished().count()).isOne();
            assertThat(taskService.createTaskQuery().processInstanceId(task.getProcessInstanceId())
                    .taskDefinitionKey("userTask_dispatchResources").count()).isOne();
            assertThat(taskService.createTaskQuery().processInstanceId(task.getProcessInstanceId())
                    .taskDefinitionKey("userTask_firstReport").count()).isOne();
        }
    }

    @Test
    void completingATaskSomeoneElseAlreadyCompletedIsAConflictToo() {
        Task task = newAnalysisTask();
        String body = "{\"variables\":{\"analysis\":{\"value\":\"先完成\",\"type\":\"String\"},"
                + "\"regrade\":{\"value\":false,\"type\":\"Boolean\"}}}";
        assertThat(http.postJson("engineer", "/engine-rest/task/" + task.getId() + "/complete", body).statusCode())
                .isEqualTo(204);

        HttpResponse<String> late = http.postJson(SECOND_ENGINEER, "/engine-rest/task/" + task.getId() + "/complete", body);

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(Http.json(late).get("message").asText()).contains("已由", "完成");
        // an id that never existed stays Camunda's own answer, not a conflict
        assertThat(http.postJson("engineer", "/engine-rest/task/no-such-task/complete", body).statusCode())
                .isNotEqualTo(409);
    }

    @Test
    void theFormOfATaskThatIsGoneIsNotAServerError() {
        Task task = newAnalysisTask();
        String body = "{\"variables\":{\"analysis\":{\"value\":\"先完成\",\"type\":\"String\"},"
                + "\"regrade\":{\"value\":false,\"type\":\"Boolean\"}}}";
        assertThat(http.get(SECOND_ENGINEER, "/engine-rest/task/" + task.getId() + "/deployed-form").statusCode())
                .isEqualTo(200);
        assertThat(http.postJson("engineer", "/engine-rest/task/" + task.getId() + "/complete", body).statusCode())
                .isEqualTo(204);

        // the Tasklist of a colleague still shows the task and opens its form
        HttpResponse<String> late = http.get(SECOND_ENGINEER, "/engine-rest/task/" + task.getId() + "/deployed-form");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(Http.json(late).get("message").asText()).contains("已由", "完成");
        HttpResponse<String> unknown = http.get("engineer", "/engine-rest/task/no-such-task/deployed-form");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no-such-task").doesNotContain("NullPointerException");
    }

    private Task newAnalysisTask() {
        JsonNode created = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())));
        return taskService.createTaskQuery().processInstanceId(created.get("processInstanceId").asText())
                .taskDefinitionKey("userTask_analyseIncident").singleResult();
    }

    /** Both engineers send at the same moment; answers in the order engineer, engineer2. */
    private List<HttpResponse<String>> race(Function<String, HttpResponse<String>> call) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String user : List.of("engineer", SECOND_ENGINEER)) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call.apply(user);
            }, pool));
        }
        start.countDown();
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private static void assertOneWinsOtherConflicts(List<HttpResponse<String>> answers) {
        assertThat(answers).extracting(HttpResponse::statusCode).as(answers.stream().map(HttpResponse::body).toList()
                .toString()).containsExactlyInAnyOrder(204, 409);
        HttpResponse<String> loser = answers.stream().filter(answer -> answer.statusCode() == 409).findFirst().orElseThrow();
        JsonNode body = Http.json(loser);
        assertThat(body.get("type").asText()).isNotBlank();
        assertThat(body.get("message").asText()).containsPattern("[\\u4e00-\\u9fa5]").doesNotContain("Exception");
    }
}
