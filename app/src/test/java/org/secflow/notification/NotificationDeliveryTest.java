package org.secflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notifications against real servers: GreenMail as the SMTP server (port of application-test.yaml) and
 * an HTTP server standing in for the 企业微信, 钉钉 and generic robots; faults of both, and who is told.
 */
@IntegrationTest
class NotificationDeliveryTest {

    static final int SMTP_PORT = 33025;
    static final String TASKLIST = "http://secflow.test/camunda/app/tasklist/default/#/?task=";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    RobotServer robots;
    GreenMail smtp;
    final List<Long> robotIds = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        robots = new RobotServer();
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @AfterEach
    void tearDown() {
        robotIds.forEach(id -> http.send("sysadmin", "/api/notifications/settings/robots/" + id, "DELETE",
                "application/json", java.net.http.HttpRequest.BodyPublishers.noBody()));
        robots.close();
        smtp.stop();
    }

    @Test
    void gradeIIncidentReachesTheManagementRobotsWithinFiveSecondsSignedAndOnce() throws Exception {
        robot("management", "WECOM", "/wecom", null, "INCIDENT_GRADED");
        robot("management", "DINGTALK", "/dingtalk?access_token=t0ken", "SEC-dingtalk-secret", "INCIDENT_GRADED");
        robot("management", "GENERIC", "/generic", "generic-secret", "INCIDENT_GRADED");

        Map<String, Object> report = gradeI();
        String title = (String) report.get("title");
        HttpResponse<String> created = http.postJson("operator", "/api/incidents", Http.toJson(report));
        long createdAt = System.currentTimeMillis();
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Http.json(created).get("grade").asText()).isEqualTo("I");

        awaitTrue(() -> List.of("/wecom", "/dingtalk", "/generic").stream().allMatch(p -> !about(p, title).isEmpty()), 5_000);
        for (String path : List.of("/wecom", "/dingtalk", "/generic")) {
            assertThat(about(path, title).get(0).atMillis() - createdAt).as(path).isLessThanOrEqualTo(5_000);
        }

        RobotServer.Received wecom = about("/wecom", title).get(0);
        JsonNode wecomBody = json(wecom.body());
        assertThat(wecomBody.get("msgtype").asText()).isEqualTo("markdown");
        String id = wecom.header("X-SecFlow-Notification-Id");
        assertThat(wecomBody.at("/markdown/content").asText()).contains("须报告监管", "I 级（特别重大）", "首报期限",
                "通知编号：" + id);

        RobotServer.Received dingtalk = about("/dingtalk", title).get(0);
        Map<String, String> query = query(dingtalk.query());
        assertThat(query).containsEntry("access_token", "t0ken");
        String expectedSign = Base64.getEncoder().encodeToString(
                hmac("SEC-dingtalk-secret", query.get("timestamp") + "\n" + "SEC-dingtalk-secret"));
        assertThat(query.get("sign")).isEqualTo(expectedSign);
        assertThat(Long.parseLong(query.get("timestamp"))).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(json(dingtalk.body()).at("/markdown/title").asText()).contains(title);

        RobotServer.Received generic = about("/generic", title).get(0);
        String timestamp = generic.header("X-SecFlow-Timestamp");
        assertThat(generic.header("X-SecFlow-Signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(hmac("generic-secret", timestamp + "." + generic.body())));
        JsonNode payload = json(generic.body());
        assertThat(payload.get("id").asText()).isEqualTo(generic.header("X-SecFlow-Notification-Id"));
        assertThat(payload.get("event").asText()).isEqualTo("INCIDENT_GRADED");
        assertThat(payload.get("deadline").asText()).endsWith("+08:00");

        Thread.sleep(1_000);
        for (String path : List.of("/wecom", "/dingtalk", "/generic")) {
            assertThat(about(path, title)).as("%s told once", path).hasSize(1);
        }
    }

    @Test
    void missedRespondDeadlineReachesTheManagementRobotWithinFiveSecondsOfTheTimer() {
        robot("management", "GENERIC", "/sla", "sla-secret", "SLA_BREACHED");
        String pi = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(gradeI())))
                .get("processInstanceId").asText();
        completeOverRest(pi, "userTask_analyseIncident", "engineer",
                Map.of("analysis", str("主页被植入暗链"), "regrade", bool(false)));
        Job respondTimer = managementService.createJobQuery().processInstanceId(pi).activityId("timer_respondSla")
                .singleResult();

        managementService.executeJob(respondTimer.getId());
        long firedAt = System.currentTimeMillis();

        Task escalation = taskService.createTaskQuery().processInstanceId(pi)
                .taskDefinitionKey("userTask_escalateRespond").singleResult();
        awaitTrue(() -> !about("/sla", escalation.getId()).isEmpty(), 5_000);
        RobotServer.Received received = about("/sla", escalation.getId()).get(0);
        assertThat(received.atMillis() - firedAt).isLessThanOrEqualTo(5_000);
        JsonNode payload = json(received.body());
        assertThat(payload.get("event").asText()).isEqualTo("SLA_BREACHED");
        assertThat(payload.get("title").asText()).contains("响应时限已超时", "管理类");
        assertThat(payload.get("link").asText()).isEqualTo(TASKLIST + escalation.getId());
    }

    @Test
    void newTaskMailIsChineseWithALinkThatOpensTheTaskAndTheReporterIsNotTold() throws Exception {
        smtp.start();
        Map<String, Object> report = IncidentBodies.defacedPortal();
        String title = (String) report.get("title");
        String pi = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(report)))
                .get("processInstanceId").asText();
        Task analyse = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("userTask_analyseIncident")
                .singleResult();

        awaitTrue(() -> !mailsAbout("engineer@demo.secflow.local", TASKLIST + analyse.getId()).isEmpty(), 5_000);
        MimeMessage mail = mailsAbout("engineer@demo.secflow.local", TASKLIST + analyse.getId()).get(0);
        assertThat(mail.getSubject()).isEqualTo("【SecFlow】新任务：" + analyse.getName());
        assertThat(mail.getContentType()).startsWith("text/html");
        assertThat(body(mail)).contains("engineer 您好", "应急响应", analyse.getName(), "技术类", "通知编号");
        assertThat(mail.getHeader("X-SecFlow-Notification-Id")).hasSize(1);
        // the link opens the task: the Tasklist answers, and the task is the engineer's to open
        assertThat(http.get("engineer", "/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        assertThat(http.get("engineer", "/engine-rest/task/" + analyse.getId()).statusCode()).isEqualTo(200);

        awaitTrue(() -> mailsTo("manager@demo.secflow.local").stream().anyMatch(m -> subject(m).contains(title)), 5_000);
        MimeMessage graded = mailsTo("manager@demo.secflow.local").stream().filter(m -> subject(m).contains(title))
                .findFirst().orElseThrow();
        assertThat(subject(graded)).isEqualTo("【SecFlow】须报告监管：II 级（重大） " + title);
        assertThat(body(graded)).contains("首报期限", "书面报告期限", "党政机关", "http://secflow.test/api/incidents/");
        Thread.sleep(500);
        assertThat(mailsTo("operator@demo.secflow.local")).as("the reporter is not told about the report")
                .noneMatch(m -> subject(m).contains(title));
    }

    @Test
    void mailsWaitWhileTheMailServerIsDownAndArriveOnceWhenItReturnsWithoutSlowingTasks() throws Exception {
        // the same step with the mail server up, after a first call that warms the engine REST API up
        http.get("engineer", "/engine-rest/task?maxResults=1");
        smtp.start();
        String before = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())))
                .get("processInstanceId").asText();
        long withServer = timed(() -> completeOverRest(before, "userTask_analyseIncident", "engineer",
                Map.of("analysis", str("篡改来自后台弱口令"), "regrade", bool(false))));
        smtp.stop();

        String pi = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())))
                .get("processInstanceId").asText();
        long withoutServer = timed(() -> completeOverRest(pi, "userTask_analyseIncident", "engineer",
                Map.of("analysis", str("篡改来自后台弱口令"), "regrade", bool(false))));
        assertThat(withoutServer).as("completion with the mail server down (ms; %s ms with it)", withServer)
                .isLessThan(Math.max(2 * withServer, 1_000));
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        List<Task> managementTasks = taskService.createTaskQuery().processInstanceId(pi).taskCandidateGroup("management")
                .list();
        assertThat(managementTasks).isNotEmpty();
        awaitTrue(() -> managementTasks.stream().allMatch(t -> failedAttempts(t.getId()) >= 1), 5_000);

        smtp.start();

        awaitTrue(() -> managementTasks.stream().allMatch(
                t -> !mailsAbout("manager@demo.secflow.local", TASKLIST + t.getId()).isEmpty()), 10_000);
        Thread.sleep(1_500);
        for (Task task : managementTasks) {
            assertThat(mailsAbout("manager@demo.secflow.local", TASKLIST + task.getId())).as(task.getName()).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT d.status FROM notification_delivery d JOIN notification n ON "
                    + "n.id = d.notification_id WHERE n.task_id = ? AND n.recipient_user = 'manager' AND d.channel = 'EMAIL' "
                    + "AND n.event = 'TASK_CREATED'", String.class, task.getId())).isEqualTo("SENT");
        }
        // nothing arrives twice: one mail per notification id and address
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            keys.add(m.getHeader("X-SecFlow-Notification-Id")[0] + " " + Arrays.toString(m.getRecipients(Message.RecipientType.TO)));
        }
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void webhookAnswering500ThreeTimesThen200IsDeliveredOnce() throws Exception {
        robot("management", "GENERIC", "/flaky", "flaky-secret", "INCIDENT_GRADED");
        robots.failNext("/flaky", 3);
        Map<String, Object> report = IncidentBodies.defacedPortal();
        String title = (String) report.get("title");
        assertThat(http.postJson("operator", "/api/incidents", Http.toJson(report)).statusCode()).isEqualTo(201);

        awaitTrue(() -> about("/flaky", title).size() >= 4, 10_000);
        Thread.sleep(1_500);
        List<RobotServer.Received> calls = about("/flaky", title);
        assertThat(calls).hasSize(4);
        assertThat(calls).extracting(c -> c.header("X-SecFlow-Notification-Id")).containsOnly(
                calls.get(0).header("X-SecFlow-Notification-Id"));
        Map<String, Object> delivery = jdbc.queryForMap("SELECT status, attempts, last_error FROM notification_delivery "
                + "WHERE notification_id = ? AND channel = 'WEBHOOK'", Long.parseLong(calls.get(0).header("X-SecFlow-Notification-Id")));
        assertThat(delivery.get("STATUS")).isEqualTo("SENT");
        assertThat(((Number) delivery.get("ATTEMPTS")).intValue()).isEqualTo(4);
    }

    @Test
    void aDeliveryFailedAfterTheLastAttemptIsShownToAdministratorsAndResent() throws Exception {
        robot("management", "GENERIC", "/dead", null, "INCIDENT_GRADED");
        robots.failNext("/dead", 1_000);
        Map<String, Object> report = IncidentBodies.defacedPortal();
        String title = (String) report.get("title");
        http.postJson("operator", "/api/incidents", Http.toJson(report));
        awaitTrue(() -> !about("/dead", title).isEmpty(), 5_000);
        long notificationId = Long.parseLong(about("/dead", title).get(0).header("X-SecFlow-Notification-Id"));
        long deliveryId = jdbc.queryForObject("SELECT id FROM notification_delivery WHERE notification_id = ?", Long.class,
                notificationId);

        awaitTrue(() -> "FAILED".equals(jdbc.queryForObject("SELECT status FROM notification_delivery WHERE id = ?",
                String.class, deliveryId)), 20_000);
        JsonNode failed = Http.json(http.get("sysadmin", "/api/notifications/deliveries?status=FAILED&size=200"));
        JsonNode row = find(failed.get("items"), deliveryId);
        assertThat(row.get("attempts").asInt()).isEqualTo(12);
        assertThat(row.get("lastError").asText()).contains("HTTP 500");
        assertThat(http.get("engineer", "/api/notifications/deliveries?status=FAILED").statusCode()).isEqualTo(403);
        assertThat(about("/dead", title)).hasSize(12);

        robots.failNext("/dead", 0);
        HttpResponse<String> resent = http.postJson("sysadmin", "/api/notifications/deliveries/" + deliveryId + "/resend", "");
        assertThat(resent.statusCode()).isEqualTo(200);
        awaitTrue(() -> "SENT".equals(jdbc.queryForObject("SELECT status FROM notification_delivery WHERE id = ?",
                String.class, deliveryId)), 5_000);
        assertThat(about("/dead", title)).hasSize(13);
        assertThat(http.postJson("sysadmin", "/api/notifications/deliveries/" + deliveryId + "/resend", "").statusCode())
                .as("only a failed delivery is resent").isEqualTo(409);
    }

    @Test
    void assignmentsReachTheInboxButNotWhoClaimedThemselves() {
        String pi = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())))
                .get("processInstanceId").asText();
        Task analyse = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("userTask_analyseIncident")
                .singleResult();

        assertThat(inboxAbout("manager", pi)).extracting(n -> n.get("event").asText()).contains("INCIDENT_GRADED");
        assertThat(inboxAbout("operator", pi)).as("the reporter reported it").isEmpty();
        assertThat(inboxAbout("engineer", pi)).extracting(n -> n.get("event").asText()).containsExactly("TASK_CREATED");

        assertThat(http.postJson("engineer", "/engine-rest/task/" + analyse.getId() + "/claim",
                "{\"userId\":\"engineer\"}").statusCode()).isEqualTo(204);
        assertThat(inboxAbout("engineer", pi)).as("claimed it himself").extracting(n -> n.get("event").asText())
                .containsExactly("TASK_CREATED");

        assertThat(http.postJson("sysadmin", "/engine-rest/task/" + analyse.getId() + "/assignee",
                "{\"userId\":\"manager\"}").statusCode()).isEqualTo(204);
        JsonNode assigned = inboxAbout("manager", pi).stream().filter(n -> n.get("event").asText().equals("TASK_ASSIGNED"))
                .findFirst().orElseThrow();
        assertThat(assigned.get("title").asText()).isEqualTo("任务已指派给您：" + analyse.getName());
        assertThat(assigned.get("link").asText()).isEqualTo(TASKLIST + analyse.getId());
        assertThat(assigned.get("read").asBoolean()).isFalse();

        JsonNode read = Http.json(http.postJson("manager", "/api/notifications/" + assigned.get("id").asLong() + "/read", ""));
        assertThat(read.get("read").asBoolean()).isTrue();
        assertThat(http.postJson("engineer", "/api/notifications/" + assigned.get("id").asLong() + "/read", "").statusCode())
                .isEqualTo(404);
    }

    @Test
    void usersChooseTheirOwnChannelsAdministratorsAnyonesAndTheRobots() {
        JsonNode own = Http.json(http.get("engineer", "/api/notifications/settings"));
        assertThat(own.get("email").asText()).isEqualTo("engineer@demo.secflow.local");
        assertThat(own.get("mailConfigured").asBoolean()).isTrue();
        assertThat(own.get("settings")).hasSize(NotificationEvent.values().length * 2);

        String off = "{\"settings\":[{\"event\":\"TASK_CREATED\",\"channel\":\"EMAIL\",\"enabled\":false}]}";
        JsonNode changed = Http.json(http.putJson("engineer", "/api/notifications/settings", off));
        assertThat(setting(changed, "TASK_CREATED", "EMAIL")).isFalse();
        assertThat(setting(changed, "TASK_CREATED", "INBOX")).isTrue();
        String on = off.replace("false", "true");
        assertThat(setting(Http.json(http.putJson("engineer", "/api/notifications/settings", on)), "TASK_CREATED", "EMAIL"))
                .isTrue();

        assertThat(http.putJson("engineer", "/api/notifications/settings/users/manager", off).statusCode()).isEqualTo(403);
        assertThat(http.putJson("sysadmin", "/api/notifications/settings/users/manager", on).statusCode()).isEqualTo(200);
        HttpResponse<String> bad = http.putJson("engineer", "/api/notifications/settings",
                "{\"settings\":[{\"event\":\"NOPE\",\"channel\":\"FAX\",\"enabled\":true}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("settings[0].event", "settings[0].channel");

        String robot = "{\"groupId\":\"technical\",\"kind\":\"DINGTALK\",\"name\":\"技术群\",\"url\":\"https://oapi.dingtalk.com/robot/send?access_token=x\",\"secret\":\"s\"}";
        assertThat(http.postJson("engineer", "/api/notifications/settings/robots", robot).statusCode()).isEqualTo(403);
        HttpResponse<String> created = http.postJson("sysadmin", "/api/notifications/settings/robots", robot);
        assertThat(created.statusCode()).isEqualTo(201);
        robotIds.add(Http.json(created).get("id").asLong());
        assertThat(Http.json(created).get("signed").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("\"secret\"");
        // the webhook's access token and signing secret are credentials: SM4 ciphertext in the database
        Map<String, Object> stored = jdbc.queryForMap("SELECT url, secret FROM notification_robot WHERE id = ?",
                Http.json(created).get("id").asLong());
        assertThat(stored.get("url").toString()).startsWith("SM4:").doesNotContain("access_token");
        assertThat(stored.get("secret").toString()).startsWith("SM4:");
        HttpResponse<String> invalid = http.postJson("sysadmin", "/api/notifications/settings/robots",
                "{\"groupId\":\"nobody\",\"kind\":\"FAX\",\"url\":\"ftp://x\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("groupId", "kind", "name", "url");
    }

    // helpers

    private void robot(String group, String kind, String path, String secret, String... events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group);
        body.put("kind", kind);
        body.put("name", "测试机器人 " + path);
        body.put("url", robots.url(path));
        body.put("secret", secret);
        body.put("events", List.of(events));
        HttpResponse<String> response = http.postJson("sysadmin", "/api/notifications/settings/robots", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        robotIds.add(Http.json(response).get("id").asLong());
    }

    private static Map<String, Object> gradeI() {
        Map<String, Object> report = IncidentBodies.defacedPortal();
        report.put("objectImportance", "特别重要");
        report.put("systemLoss", "特别严重");
        report.put("socialImpact", "特别重大");
        return report;
    }

    private List<RobotServer.Received> about(String path, String text) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return robots.at(bare).stream().filter(r -> r.body().contains(text)).toList();
    }

    private List<JsonNode> inboxAbout(String user, String processInstanceId) {
        List<JsonNode> found = new ArrayList<>();
        Http.json(http.get(user, "/api/notifications/inbox?size=200")).get("items").forEach(n -> {
            if (processInstanceId.equals(n.path("processInstanceId").asText())) {
                found.add(n);
            }
        });
        return found;
    }

    private int failedAttempts(String taskId) {
        Integer attempts = jdbc.queryForObject("SELECT MAX(d.attempts) FROM notification_delivery d JOIN notification n "
                + "ON n.id = d.notification_id WHERE n.task_id = ? AND d.channel = 'EMAIL'", Integer.class, taskId);
        return attempts == null ? 0 : attempts;
    }

    private List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                    mails.add(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    private List<MimeMessage> mailsAbout(String address, String text) {
        return mailsTo(address).stream().filter(m -> body(m).contains(text)).toList();
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean setting(JsonNode settings, String event, String channel) {
        for (JsonNode s : settings.get("settings")) {
            if (s.get("event").asText().equals(event) && s.get("channel").asText().equals(channel)) {
                return s.get("enabled").asBoolean();
            }
        }
        throw new AssertionError("no setting " + event + "/" + channel);
    }

    private static JsonNode find(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("no delivery " + id + " in " + items);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static byte[] hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + timeoutMillis + " ms");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void completeOverRest(String pi, String taskKey, String user, Map<String, Map<String, Object>> variables) {
        Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task %s", taskKey).isNotNull();
        assertThat(http.postJson(user, "/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + user + "\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> completed = http.postJson(user, "/engine-rest/task/" + task.getId() + "/complete",
                Http.toJson(Map.of("variables", variables)));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Map<String, Object> str(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static Map<String, Object> bool(boolean value) {
        return Map.of("value", value, "type", "Boolean");
    }
}
