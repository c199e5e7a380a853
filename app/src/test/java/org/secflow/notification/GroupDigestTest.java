package org.secflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A group that chose a digest for its new tasks gets one message per period by mail and robot, with every task
 * of the period, while the inbox has each at once; back to at once, each task is told at once again.
 */
@IntegrationTest
class GroupDigestTest {

    static final String TASKLIST = "http://secflow.test/camunda/app/tasklist/default/#/?task=";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    RobotServer robots;
    GreenMail smtp;
    Long robotId;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        robots = new RobotServer();
        smtp = new GreenMail(new ServerSetup(NotificationDeliveryTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void tearDown() {
        http.putJson("sysadmin", "/api/notifications/settings/groups/technical", "{\"taskCreated\":\"AT_ONCE\"}");
        if (robotId != null) {
            http.send("sysadmin", "/api/notifications/settings/robots/" + robotId, "DELETE", "application/json",
                    HttpRequest.BodyPublishers.noBody());
        }
        robots.close();
        smtp.stop();
    }

    @Test
    void newTasksOfADigestGroupArriveAsOneMessagePerPeriodAndInTheInboxAtOnce() throws Exception {
        robot("technical", "/technical");
        HttpResponse<String> chosen = http.putJson("sysadmin", "/api/notifications/settings/groups/technical",
                "{\"taskCreated\":\"DIGEST\",\"digestMinutes\":30}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(Http.json(chosen).get("taskCreated").asText()).isEqualTo("DIGEST");
        assertThat(Http.json(chosen).get("digestMinutes").asInt()).isEqualTo(30);

        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(analyseTask(report()));
        }
        assertThat(inboxTaskIds("engineer")).as("the inbox has each new task at once").containsAll(tasks);
        Thread.sleep(1_000);
        assertThat(robotMessagesAbout(tasks)).as("the robot waits for the period's end").isEmpty();
        assertThat(mailsAbout(tasks)).as("so does the mail").isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_delivery d JOIN notification n ON "
                + "n.id = d.notification_id WHERE d.status = 'DIGEST' AND n.task_id IN (?, ?, ?)", Integer.class,
                tasks.toArray())).as("engineer's mail and the robot, per task").isEqualTo(6);

        // the period ends (instead of waiting 30 minutes, its waiting deliveries are made due)
        jdbc.update("UPDATE notification_delivery SET next_attempt_at = ? WHERE status = 'DIGEST'",
                java.time.LocalDateTime.now().minusSeconds(1));

        awaitTrue(() -> !robotMessagesAbout(tasks).isEmpty() && !mailsAbout(tasks).isEmpty(), 5_000);
        Thread.sleep(1_000);
        List<RobotServer.Received> robotDigests = robotMessagesAbout(tasks);
        assertThat(robotDigests).as("one robot message for the period").hasSize(1);
        JsonNode digest = new ObjectMapper().readTree(robotDigests.get(0).body());
        assertThat(digest.get("event").asText()).isEqualTo("TASK_CREATED");
        assertThat(digest.get("title").asText()).isEqualTo("本组新任务汇总：3 项");
        tasks.forEach(task -> assertThat(digest.get("body").asText()).contains(TASKLIST + task));
        assertThat(robotDigests.get(0).header("X-SecFlow-Notification-Id")).isEqualTo(digest.get("id").asText());

        List<MimeMessage> mails = mailsAbout(tasks);
        assertThat(mails).as("one mail for the period").hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("【SecFlow】本组新任务汇总：3 项");
        tasks.forEach(task -> assertThat(body(mails.get(0))).contains(TASKLIST + task));
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT d.bundled_into) FROM notification_delivery d JOIN notification n "
                + "ON n.id = d.notification_id WHERE d.status = 'DIGESTED' AND n.task_id IN (?, ?, ?)", Integer.class,
                tasks.toArray())).as("two digests: the mail and the robot's").isEqualTo(2);

        // back to at once
        http.putJson("sysadmin", "/api/notifications/settings/groups/technical", "{\"taskCreated\":\"AT_ONCE\"}");
        String next = analyseTask(report());
        awaitTrue(() -> !robotMessagesAbout(List.of(next)).isEmpty() && !mailsAbout(List.of(next)).isEmpty(), 5_000);
        assertThat(new ObjectMapper().readTree(robotMessagesAbout(List.of(next)).get(0).body()).get("title").asText())
                .startsWith("新任务：");
    }

    @Test
    void onlyAdministratorsChooseAndBadChoicesAreRefusedByField() {
        assertThat(Http.json(http.get("sysadmin", "/api/notifications/settings/groups/operations")).get("taskCreated")
                .asText()).as("default").isEqualTo("AT_ONCE");
        assertThat(http.putJson("engineer", "/api/notifications/settings/groups/technical",
                "{\"taskCreated\":\"DIGEST\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> bad = http.putJson("sysadmin", "/api/notifications/settings/groups/technical",
                "{\"taskCreated\":\"WEEKLY\",\"digestMinutes\":0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("taskCreated", "digestMinutes");
        assertThat(http.get("sysadmin", "/api/notifications/settings/groups/nobody").statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("sysadmin", "/api/notifications/settings/groups/technical")).get("taskCreated")
                .asText()).as("nothing changed by the refused calls").isEqualTo("AT_ONCE");
    }

    // helpers

    private void robot(String group, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group);
        body.put("kind", "GENERIC");
        body.put("name", "测试机器人 " + path);
        body.put("url", robots.url(path));
        body.put("events", List.of("TASK_CREATED"));
        HttpResponse<String> response = http.postJson("sysadmin", "/api/notifications/settings/robots", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        robotId = Http.json(response).get("id").asLong();
    }

    private String report() {
        HttpResponse<String> response = http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("processInstanceId").asText();
    }

    private String analyseTask(String pi) {
        return taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("userTask_analyseIncident")
                .singleResult().getId();
    }

    private List<String> inboxTaskIds(String user) {
        List<String> ids = new ArrayList<>();
        Http.json(http.get(user, "/api/notifications/inbox?size=200")).get("items").forEach(n -> {
            if ("TASK_CREATED".equals(n.get("event").asText())) {
                ids.add(n.path("taskId").asText());
            }
        });
        return ids;
    }

    private List<RobotServer.Received> robotMessagesAbout(List<String> taskIds) {
        return robots.at("/technical").stream().filter(r -> taskIds.stream().anyMatch(r.body()::contains)).toList();
    }

    private List<MimeMessage> mailsAbout(List<String> taskIds) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals("engineer@demo.secflow.local"))
                        && taskIds.stream().anyMatch(body(m)::contains);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + timeoutMillis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
