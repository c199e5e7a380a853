package org.secflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Deadline notices come from engine timers, which the tests fire as the job executor would, after moving the
 * engine's clock to their due dates: a task's 即将超时 reminder and missed notice, the model's own SLA escalation,
 * an unanswered ticket. And nobody hears about what they did themselves, whatever the event.
 */
@IntegrationTest
class DeadlineNotificationTest {

    static final String TASKLIST = "http://secflow.test/camunda/app/tasklist/default/#/?task=";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    RobotServer robots;
    final List<Long> robotIds = new ArrayList<>();
    final List<String> extraUsers = new ArrayList<>();
    Date start;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        robots = new RobotServer();
        start = new Date((System.currentTimeMillis() / 1000) * 1000);
        ClockUtil.setCurrentTime(start);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        robotIds.forEach(id -> http.send("sysadmin", "/api/notifications/settings/robots/" + id, "DELETE",
                "application/json", HttpRequest.BodyPublishers.noBody()));
        robots.close();
        extraUsers.forEach(identityService::deleteUser);
    }

    @Test
    void aTaskIsRemindedWhenItBecomesDueSoonAndItsHoldersAreToldWhenItsDeadlineIsMissed() {
        robot("technical", "/technical", "SLA_APPROACHING", "SLA_MISSED");
        String pi = report("operator", gradeI());
        Task analyse = task(pi, "userTask_analyseIncident");
        Date due = analyse.getDueDate();
        assertThat(due).as("grade I: respond within 15 minutes").isEqualTo(plus(start, Duration.ofMinutes(15)));

        Job approaching = reminder(analyse.getId());
        assertThat(approaching.getDuedate()).as("15 minutes is shorter than four hours: halfway")
                .isEqualTo(plus(start, Duration.ofSeconds(450)));
        assertThat(about("/technical", analyse.getId())).isEmpty();
        fire(approaching);

        awaitTrue(() -> !about("/technical", analyse.getId()).isEmpty(), 5_000);
        JsonNode reminder = json(about("/technical", analyse.getId()).get(0).body());
        assertThat(reminder.get("event").asText()).isEqualTo("SLA_APPROACHING");
        assertThat(reminder.get("title").asText()).isEqualTo("即将超时：" + analyse.getName());
        assertThat(reminder.get("body").asText()).contains("应急响应", "待认领", "请尽快处理");
        assertThat(reminder.get("link").asText()).isEqualTo(TASKLIST + analyse.getId());
        assertThat(inbox("engineer", pi)).extracting(n -> n.get("event").asText()).contains("SLA_APPROACHING");

        Job missed = reminder(analyse.getId());
        assertThat(missed.getDuedate()).isEqualTo(due);
        fire(missed);

        awaitTrue(() -> about("/technical", analyse.getId()).size() == 2, 5_000);
        JsonNode overdue = json(about("/technical", analyse.getId()).get(1).body());
        assertThat(overdue.get("event").asText()).isEqualTo("SLA_MISSED");
        assertThat(overdue.get("title").asText()).isEqualTo("已超时：" + analyse.getName());
        assertThat(reminderJobs(analyse.getId())).as("nothing more to remind of").isEmpty();
    }

    @Test
    void anAssignedTaskRemindsItsAssigneeOnlyAndADueDateMovedLaterMovesTheReminder() {
        robot("technical", "/technical", "SLA_APPROACHING");
        String pi = report("operator", IncidentBodies.defacedPortal());
        Task analyse = task(pi, "userTask_analyseIncident");
        assertThat(http.postJson("engineer", "/engine-rest/task/" + analyse.getId() + "/claim",
                "{\"userId\":\"engineer\"}").statusCode()).isEqualTo(204);
        Date later = plus(analyse.getDueDate(), Duration.ofHours(8));
        Task claimed = task(pi, "userTask_analyseIncident");
        claimed.setDueDate(later);
        taskService.saveTask(claimed);

        fire(reminder(analyse.getId()));
        Job moved = reminder(analyse.getId());
        assertThat(moved.getDuedate()).as("four hours before the new due date").isEqualTo(plus(later, Duration.ofHours(-4)));
        assertThat(notices(analyse.getId(), "SLA_APPROACHING")).isZero();

        fire(moved);
        assertThat(inbox("engineer", pi)).extracting(n -> n.get("event").asText()).contains("SLA_APPROACHING");
        JsonNode notice = inbox("engineer", pi).stream().filter(n -> n.get("event").asText().equals("SLA_APPROACHING"))
                .findFirst().orElseThrow();
        assertThat(notice.get("body").asText()).contains("处理人：engineer");
        sleep(700);
        assertThat(about("/technical", analyse.getId())).as("the group's robot: the task has its holder").isEmpty();
    }

    @Test
    void aTaskDoneBeforeItsReminderIsNotMentioned() {
        String pi = report("operator", IncidentBodies.defacedPortal());
        Task analyse = task(pi, "userTask_analyseIncident");
        completeOverRest(analyse, "engineer", Map.of("analysis", str("主页被植入暗链"), "regrade", bool(false)));

        reminderJobs(analyse.getId()).forEach(this::fire);

        assertThat(notices(analyse.getId(), "SLA_APPROACHING")).isZero();
        assertThat(notices(analyse.getId(), "SLA_MISSED")).isZero();
    }

    @Test
    void atTheRespondDeadlineManagementHearsOfTheEscalationWithinFiveSecondsAndOnlyOnce() {
        robot("management", "/management", "SLA_APPROACHING", "SLA_MISSED", "SLA_BREACHED");
        String pi = report("operator", gradeI());
        completeOverRest(task(pi, "userTask_analyseIncident"), "engineer",
                Map.of("analysis", str("主页被植入暗链"), "regrade", bool(false)));
        Task dispatch = task(pi, "userTask_dispatchResources");
        fire(reminder(dispatch.getId()));
        Job respondTimer = managementService.createJobQuery().processInstanceId(pi).activityId("timer_respondSla")
                .singleResult();
        assertThat(respondTimer.getDuedate()).isEqualTo(dispatch.getDueDate());

        // the job executor at the deadline: every job of the instance due by then, in the order of their due dates
        ClockUtil.setCurrentTime(respondTimer.getDuedate());
        long deadline = System.currentTimeMillis();
        managementService.createJobQuery().processInstanceId(pi).duedateLowerThan(plus(respondTimer.getDuedate(), Duration.ofSeconds(1)))
                .orderByJobDuedate().asc().list().forEach(job -> managementService.executeJob(job.getId()));

        Task escalation = task(pi, "userTask_escalateRespond");
        awaitTrue(() -> !about("/management", escalation.getId()).isEmpty(), 5_000);
        assertThat(about("/management", escalation.getId()).get(0).atMillis() - deadline).isLessThanOrEqualTo(5_000);
        assertThat(json(about("/management", escalation.getId()).get(0).body()).get("event").asText()).isEqualTo("SLA_BREACHED");
        sleep(700);
        assertThat(robots.at("/management").stream().map(r -> json(r.body()))
                .filter(n -> dispatch.getId().equals(n.path("taskId").asText())).map(n -> n.get("event").asText()))
                .as("the dispatch task was reminded; at its deadline the model's escalation speaks, no second notice")
                .containsExactly("SLA_APPROACHING");
    }

    @Test
    void aTicketUnansweredPastItsResponseTimeIsToldToTheServiceDeskAndAnAnsweredOneIsNot() {
        robot("operations", "/desk", "TICKET_OVERDUE");
        JsonNode waiting = Http.json(http.postJson("manager", "/api/tickets", Http.toJson(ticket("紧急"))));
        JsonNode answered = Http.json(http.postJson("manager", "/api/tickets", Http.toJson(ticket("紧急"))));
        assertThat(http.postJson("operator", "/api/tickets/" + answered.get("id").asLong() + "/accept", "{}").statusCode())
                .isEqualTo(200);
        Job waitingTimer = ticketTimer(waiting.get("id").asLong());
        assertThat(waitingTimer.getDuedate()).as("紧急: 15 minutes").isEqualTo(plus(start, Duration.ofMinutes(15)));

        fire(waitingTimer);
        fire(ticketTimer(answered.get("id").asLong()));

        String title = waiting.get("title").asText();
        awaitTrue(() -> !about("/desk", title).isEmpty(), 5_000);
        JsonNode notice = json(about("/desk", title).get(0).body());
        assertThat(notice.get("event").asText()).isEqualTo("TICKET_OVERDUE");
        assertThat(notice.get("title").asText()).isEqualTo("工单响应超时：" + title);
        assertThat(notice.get("body").asText()).contains("至今仍未受理");
        assertThat(notice.get("link").asText()).isEqualTo("http://secflow.test/api/tickets/" + waiting.get("id").asLong());
        assertThat(inboxTitles("operator")).contains("工单响应超时：" + title)
                .doesNotContain("工单响应超时：" + answered.get("title").asText());
        sleep(700);
        assertThat(about("/desk", answered.get("title").asText())).isEmpty();
        assertThat(about("/desk", title)).hasSize(1);
    }

    @Test
    void nobodyIsToldAboutWhatTheyDidThemselvesWhateverTheEvent() {
        String colleague = extraUser("operator2", "operations");
        String engineer2 = extraUser("engineer2", "technical");

        // a task created for my group by my own step: the consultation I record as a ticket
        Map<String, Object> consulting = ticket("高");
        consulting.put("kind", "咨询");
        JsonNode ticket = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(consulting)));
        String pi = ticket.get("processInstanceId").asText();
        assertThat(inbox(colleague, pi)).extracting(n -> n.get("event").asText()).containsExactly("TASK_CREATED");
        assertThat(inbox("operator", pi)).as("created by the ticket operator recorded").isEmpty();

        // an incident I report (graded II with a duty to report: management is told) and a task I assign myself
        String incident = report("manager", IncidentBodies.defacedPortal());
        assertThat(inbox("manager", incident)).as("the manager reported it").isEmpty();

        // a notice I publish to my own group
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("kind", "安全态势");
        notice.put("title", "安全态势通告-" + System.nanoTime());
        notice.put("content", "本月高危漏洞 3 个。");
        notice.put("reportingUnit", "广州市政务外网安全运营中心");
        notice.put("users", List.of());
        notice.put("groups", List.of("technical", "management"));
        long noticeId = Http.json(http.postJson("engineer", "/api/notices", Http.toJson(notice))).get("id").asLong();
        assertThat(http.postJson("manager", "/api/notices/" + noticeId + "/publish", "").statusCode()).isEqualTo(200);
        assertThat(inboxTitles("engineer")).contains("安全通告：" + notice.get("title"));
        assertThat(inboxTitles("manager")).as("the manager published it").doesNotContain("安全通告：" + notice.get("title"));

        // a 超危 vulnerability I report myself
        HttpResponse<String> vulnerability = http.postJson("engineer", "/api/vulnerabilities",
                Http.toJson(vulnerability("notify-" + System.nanoTime() + ".gz.gov.cn")));
        assertThat(vulnerability.statusCode()).as(vulnerability.body()).isEqualTo(201);
        String host = Http.json(vulnerability).get("host").asText();
        assertThat(inboxTitles(engineer2)).anyMatch(t -> t.contains(host));
        assertThat(inboxTitles("engineer")).as("the engineer reported it").noneMatch(t -> t.contains(host));
    }

    // helpers

    private void robot(String group, String path, String... events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group);
        body.put("kind", "GENERIC");
        body.put("name", "测试机器人 " + path);
        body.put("url", robots.url(path));
        body.put("events", List.of(events));
        HttpResponse<String> response = http.postJson("sysadmin", "/api/notifications/settings/robots", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        robotIds.add(Http.json(response).get("id").asLong());
    }

    private String extraUser(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(Staff.PASSWORD);
            user.setEmail(id + "@demo.secflow.local");
            Staff.save(identityService, user);
            identityService.createMembership(id, group);
            extraUsers.add(id);
        }
        return id;
    }

    private String report(String user, Map<String, Object> body) {
        HttpResponse<String> response = http.postJson(user, "/api/incidents", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("processInstanceId").asText();
    }

    private Task task(String pi, String key) {
        Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
        assertThat(task).as("open task %s", key).isNotNull();
        return task;
    }

    private List<Job> reminderJobs(String taskId) {
        return jdbc.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = ? AND HANDLER_CFG_ LIKE ?", String.class,
                        SlaReminders.TYPE, "%:" + taskId)
                .stream().map(id -> managementService.createJobQuery().jobId(id).singleResult()).toList();
    }

    private Job reminder(String taskId) {
        List<Job> jobs = reminderJobs(taskId);
        assertThat(jobs).as("one reminder timer of task %s", taskId).hasSize(1);
        return jobs.get(0);
    }

    private Job ticketTimer(long ticketId) {
        String id = jdbc.queryForObject("SELECT ID_ FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = 'secflow-ticket-response' "
                + "AND HANDLER_CFG_ = ?", String.class, String.valueOf(ticketId));
        return managementService.createJobQuery().jobId(id).singleResult();
    }

    /** What the job executor does when the timer is due. */
    private void fire(Job job) {
        ClockUtil.setCurrentTime(job.getDuedate());
        managementService.executeJob(job.getId());
    }

    private int notices(String taskId, String event) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE task_id = ? AND event = ?", Integer.class,
                taskId, event);
    }

    private List<RobotServer.Received> about(String path, String text) {
        return robots.at(path).stream().filter(r -> r.body().contains(text)).toList();
    }

    private List<JsonNode> inbox(String user, String processInstanceId) {
        List<JsonNode> found = new ArrayList<>();
        Http.json(http.get(user, "/api/notifications/inbox?size=200")).get("items").forEach(n -> {
            if (processInstanceId.equals(n.path("processInstanceId").asText())) {
                found.add(n);
            }
        });
        return found;
    }

    private List<String> inboxTitles(String user) {
        List<String> titles = new ArrayList<>();
        Http.json(http.get(user, "/api/notifications/inbox?size=200")).get("items")
                .forEach(n -> titles.add(n.get("title").asText()));
        return titles;
    }

    private void completeOverRest(Task task, String user, Map<String, Map<String, Object>> variables) {
        assertThat(http.postJson(user, "/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + user + "\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> completed = http.postJson(user, "/engine-rest/task/" + task.getId() + "/complete",
                Http.toJson(Map.of("variables", variables)));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    private static Map<String, Object> gradeI() {
        Map<String, Object> report = IncidentBodies.defacedPortal();
        report.put("objectImportance", "特别重要");
        report.put("systemLoss", "特别严重");
        report.put("socialImpact", "特别重大");
        return report;
    }

    private static Map<String, Object> ticket(String priority) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "报障");
        body.put("channel", "热线");
        body.put("priority", priority);
        body.put("title", "政务外网 VPN 无法连接-" + System.nanoTime());
        body.put("description", "多名用户反映无法登录 VPN");
        body.put("requestingUnit", "广州市某委办局");
        body.put("contactPerson", "刘老师");
        body.put("contactInfo", "020-8888 0000");
        return body;
    }

    private static Map<String, Object> vulnerability(String host) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "政务门户 Struts2 远程代码执行漏洞");
        body.put("description", "S2-045，Content-Type 头部 OGNL 注入");
        body.put("cveId", "CVE-2017-5638");
        body.put("host", host);
        body.put("port", "8080/tcp");
        body.put("affectedProduct", "Apache Struts 2.3.5 - 2.3.31");
        body.put("existenceNote", "构造 Content-Type 执行 id 命令返回 uid=0");
        body.put("detectionMethod", "人工渗透测试");
        body.put("solution", "升级到 2.3.32");
        body.put("accessPath", "网络");
        body.put("triggerRequirement", "低");
        body.put("privilegeRequirement", "无");
        body.put("interaction", "不需要");
        body.put("confidentialityImpact", "严重");
        body.put("integrityImpact", "严重");
        body.put("availabilityImpact", "严重");
        return body;
    }

    private static Date plus(Date date, Duration duration) {
        return new Date(date.getTime() + duration.toMillis());
    }

    private static Map<String, Object> str(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static Map<String, Object> bool(boolean value) {
        return Map.of("value", value, "type", "Boolean");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + timeoutMillis + " ms");
            }
            sleep(50);
        }
    }
}
