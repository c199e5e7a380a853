package org.secflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.process.EngineTime;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The staff register over HTTP: qualifications, reminders of their expiry, duty shifts, who may read what. */
@IntegrationTest
class StaffRegisterApiTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        driver = new ProcessDriver(engine);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        jdbc.update("DELETE FROM staff_qualification WHERE user_id IN ('engineer', 'operator')");
    }

    @Test
    void managementRegistersAQualificationThePersonReadsTheirOwnAndOthersAreRefused() {
        HttpResponse<String> added = http.postJson("manager", "/api/staff/engineer/qualifications",
                qualification("CISP-PTE 注册渗透测试工程师", LocalDate.now().plusYears(2).toString()));
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(Http.json(added).get("status").asText()).isEqualTo("有效");

        HttpResponse<String> ownEntry = http.get("engineer", "/api/staff/engineer");
        assertThat(ownEntry.statusCode()).as(ownEntry.body()).isEqualTo(200);
        JsonNode own = Http.json(ownEntry);
        assertThat(own.get("groups").get(0).asText()).isEqualTo("technical");
        assertThat(own.get("qualifications").findValuesAsText("name")).contains("CISP-PTE 注册渗透测试工程师");
        assertThat(own.has("figures")).as("Appendix B per person").isTrue();
        assertThat(own.get("figures").has("onTimeRate")).isTrue();

        assertThat(http.get("operator", "/api/staff/engineer").statusCode()).as("another person's entry").isEqualTo(403);
        assertThat(http.get("operator", "/api/staff").statusCode()).isEqualTo(403);
        assertThat(http.get("auditor", "/api/staff").statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("auditor", "/api/staff")).findValuesAsText("userId")).contains("engineer", "manager");
        assertThat(http.postJson("auditor", "/api/staff/engineer/qualifications",
                qualification("CISSP", "2030-01-01")).statusCode()).as("auditors read only").isEqualTo(403);
        assertThat(http.postJson("engineer", "/api/staff/engineer/qualifications",
                qualification("CISSP", "2030-01-01")).statusCode()).as("nobody registers their own").isEqualTo(403);
        assertThat(http.get(null, "/api/staff").statusCode()).isEqualTo(401);
    }

    @Test
    void badQualificationIsRefusedWithEveryFieldNamedAndNothingStored() {
        HttpResponse<String> refused = http.postJson("manager", "/api/staff/engineer/qualifications",
                "{\"name\": \" \", \"validUntil\": \"2030-13-01\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).get("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("name", "number", "issuer", "validUntil");
        assertThat(Http.json(refused).toString()).contains("应为日期");
        assertThat(http.postJson("manager", "/api/staff/engineer/qualifications",
                qualification("CISSP", "2041-01-01")).statusCode()).as("past MySQL's 2038").isEqualTo(400);
        assertThat(http.postJson("manager", "/api/staff/nobody/qualifications",
                qualification("CISSP", "2030-01-01")).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM staff_qualification WHERE user_id = 'engineer'", Integer.class))
                .isZero();
    }

    @Test
    void dutyShiftsAreCheckedAndSayWhoIsOnDuty() {
        HttpResponse<String> bad = http.postJson("manager", "/api/staff/operator/shifts",
                "{\"post\": \"值班\", \"startsAt\": \"2036-05-01T20:00:00+08:00\", \"endsAt\": \"2036-05-01T08:00:00+08:00\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("fields").findValuesAsText("field")).containsExactly("endsAt");
        assertThat(http.postJson("manager", "/api/staff/operator/shifts",
                "{\"post\": \"夜班值守\", \"startsAt\": \"2036-05-01T20:00:00+08:00\", \"endsAt\": \"2036-05-02T08:00:00+08:00\"}")
                .statusCode()).isEqualTo(201);
        JsonNode onDuty = Http.json(http.get("auditor", "/api/staff/duty?at=2036-05-02T02:00:00%2B08:00"));
        assertThat(onDuty.findValuesAsText("post")).contains("夜班值守");
        assertThat(http.postJson("operator", "/api/staff/operator/shifts",
                "{\"post\": \"值班\", \"startsAt\": \"2036-05-03T20:00:00+08:00\", \"endsAt\": \"2036-05-04T08:00:00+08:00\"}")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void qualificationEndingIn30DaysRemindsItsHolderAndManagement() {
        LocalDate today = EngineTime.now().toLocalDate();
        JsonNode added = Http.json(http.postJson("manager", "/api/staff/operator/qualifications",
                qualification("网络安全等级测评师", today.plusDays(30).toString())));
        assertThat(added.get("status").asText()).isEqualTo("即将到期");
        Job reminder = reminderOf(added.get("id").asLong());

        ClockUtil.setCurrentTime(reminder.getDuedate());
        managementService.executeJob(reminder.getId());

        String title = "资质即将到期：operator 网络安全等级测评师";
        assertThat(inboxTitles("operator")).contains(title);
        assertThat(inboxTitles("manager")).as("management keeps the register").contains(title);
        assertThat(inboxTitles("engineer")).doesNotContain(title);
    }

    @Test
    void qualificationFarFromItsEndIsRemindedThirtyDaysBefore() {
        LocalDate until = LocalDate.of(2036, 6, 30);
        JsonNode added = Http.json(http.postJson("manager", "/api/staff/operator/qualifications",
                qualification("CISP 注册信息安全专业人员", until.toString())));
        assertThat(EngineTime.toLocal(reminderOf(added.get("id").asLong()).getDuedate()))
                .isEqualTo(until.minusDays(30).atTime(9, 0));
    }

    @Test
    void claimingAPenetrationTestStepWithoutTheQualificationWarnsAndTheQualifiedClaimDoesNot() {
        ProcessInstance test = driver.startRequest("operator", "penetrationTest");
        driver.complete(test, "userTask_confirmRequirement", "engineer", Map.of("testScope", "门户网站",
                "implementationTime", "2026-11-26 22:00", "implementationSite", "远程", "testConstraints", "禁止拒绝服务测试"));
        driver.fileAndAuthorize(test, "SQ-QUAL-01");
        Task task = driver.task(test, "userTask_gatherInformation");

        assertThat(http.postJson("engineer", "/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\": \"engineer\"}").statusCode()).isEqualTo(204);
        JsonNode warning = Http.json(http.get("engineer", "/engine-rest/task/" + task.getId()
                + "/localVariables/qualificationWarning"));
        assertThat(warning.get("value").asText()).contains("engineer", "没有「渗透测试」资质");
        assertThat(Http.json(http.get("engineer", "/engine-rest/task/" + task.getId() + "/form-variables"))
                .has("qualificationWarning")).as("the form shows it").isTrue();

        http.postJson("manager", "/api/staff/engineer/qualifications",
                qualification("CISP-PTE 注册渗透测试工程师", "2036-12-31"));
        engine.getTaskService().setAssignee(task.getId(), null); // given back (by whoever may assign)
        assertThat(http.postJson("engineer", "/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\": \"engineer\"}").statusCode()).isEqualTo(204);
        assertThat(engine.getTaskService().getVariableLocal(task.getId(), "qualificationWarning")).isNull();
    }

    private static String qualification(String name, String validUntil) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("number", "CERT-" + name.hashCode());
        body.put("issuer", "中国信息安全测评中心");
        body.put("validUntil", validUntil);
        body.put("covers", name.contains("渗透") ? "渗透测试" : null);
        return Http.toJson(body);
    }

    private Job reminderOf(long qualificationId) {
        String id = jdbc.queryForObject("SELECT ID_ FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = 'secflow-qualification-expiry' "
                + "AND HANDLER_CFG_ = ?", String.class, String.valueOf(qualificationId));
        return managementService.createJobQuery().jobId(id).singleResult();
    }

    private List<String> inboxTitles(String user) {
        List<String> titles = new ArrayList<>();
        Http.json(http.get(user, "/api/notifications/inbox?size=200")).get("items")
                .forEach(n -> titles.add(n.get("title").asText()));
        return titles;
    }
}
