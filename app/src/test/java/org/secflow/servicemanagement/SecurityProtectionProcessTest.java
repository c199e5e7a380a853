package org.secflow.servicemanagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.compliance.ConformanceService;
import org.secflow.report.DocumentService;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.secflow.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 安全重保 (5.1.2 e): a two-day protection period in 2036 (MySQL's TIMESTAMP ends in 2038) with its 7×24 roster, one
 * 日报 a day opened by the daily timer, heightened monitoring, and the closing report.
 */
@IntegrationTest
class SecurityProtectionProcessTest {

    static final String ROSTER = """
            2036-10-01 00:00|2036-10-01 12:00|engineer|值班长
            2036-10-01 12:00|2036-10-02 00:00|operator|监测值守
            2036-10-02 00:00|2036-10-02 12:00|engineer|值班长
            2036-10-02 12:00|2036-10-03 00:00|operator|监测值守""";

    @Autowired ProcessEngine engine;
    @Autowired ManagementService managementService;
    @Autowired DocumentService documents;
    @Autowired ProtectionPeriod protection;
    @Autowired ConformanceService conformance;
    @LocalServerPort int port;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void periodRunsWithRosterDailyReportsAndClosingReport() {
        ProcessInstance pi = untilRoster();
        driver.complete(pi, "userTask_rosterDuty", "manager", roster(ROSTER));
        assertThat(pi).isWaitingAt("userTask_heightenedMonitoring");
        JsonNode onDuty = Http.json(new Http(port).get("manager", "/api/staff/duty?at=2036-10-01T13:00:00%2B08:00"));
        assertThat(onDuty.findValuesAsText("userId")).contains("operator");

        // day 1 and day 2: the timer opens one 日报 task each, and no third
        fireDailyTimer(pi);
        dailyReport(pi, "2036-10-01", 152, 0);
        fireDailyTimer(pi);
        dailyReport(pi, "2036-10-02", 97, 1);
        assertThat(dailyTimers(pi)).as("two days, two reports").isEmpty();

        driver.complete(pi, "userTask_heightenedMonitoring", "operator", Map.of(
                "monitoringMeasures", "WAF 规则调为拦截，告警研判频率 15 分钟", "periodSummary", "两日平稳，一起扫描事件已封堵",
                "incidentsDuringPeriod", 1));
        driver.complete(pi, "userTask_closingReport", "engineer", Map.of("closingSummary", "国庆保障期无重大事件",
                "lessonsLearned", "夜班人手偏紧", "improvementAdvice", "节前加固门户网站"));
        driver.recordService(pi, "重保 2 天，日报 2 份", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_draftPlan", "serviceTask_schedulePeriod", "userTask_rosterDuty",
                "serviceTask_saveRoster", "userTask_heightenedMonitoring", "userTask_closingReport",
                "serviceTask_renderClosingReport", "callActivity_recordService");
        assertThat(protection.dailyReports(pi.getId())).extracting(DailyReport::reportDate)
                .containsExactly(LocalDate.of(2036, 10, 1), LocalDate.of(2036, 10, 2));
        assertThat(documents.latest(pi.getId(), "重保日报（2036-10-02）").orElseThrow().html())
                .contains("重保日报（2036-10-02）", "97", "operator", "监测值守");
        assertThat(documents.latest(pi.getId(), "重保总结报告").orElseThrow().html())
                .contains("国庆", "2036-10-01 00:00:00 至 2036-10-03 00:00:00", "值班长", "249", "缺少日报的日期：无",
                        "夜班人手偏紧");
        ConformanceService.InstanceTrace trace = Staff.as(engine.getIdentityService(), "auditor",
                () -> conformance.trace(pi.getId()));
        assertThat(trace.clauses()).singleElement().satisfies(clause -> {
            assertThat(clause.clause()).isEqualTo("5.1.2 e");
            assertThat(clause.status()).isEqualTo(ConformanceService.Status.DONE);
            assertThat(clause.steps()).extracting(ConformanceService.Step::name)
                    .contains("编排 7×24 值班表", "编写重保日报", "编写重保总结报告");
        });
    }

    @Test
    void oneDayPeriodHasOneDailyReport() {
        ProcessInstance pi = driver.startRequest("operator", ProtectionPeriod.KEY);
        Map<String, Object> plan = plan();
        plan.put("periodEnd", "2036-10-02T00:00:00+08:00");
        driver.complete(pi, "userTask_draftPlan", "engineer", plan);
        driver.complete(pi, "userTask_rosterDuty", "manager", roster(String.join("\n", ROSTER.lines().limit(2).toList())));
        fireDailyTimer(pi);
        dailyReport(pi, "2036-10-01", 3, 0);
        assertThat(dailyTimers(pi)).isEmpty();
    }

    @Test
    void rosterWithAGapIsRefusedAndNamesTheGap() {
        ProcessInstance pi = untilRoster();
        String gap = ROSTER.replace("2036-10-01 12:00|2036-10-02 00:00|operator|监测值守",
                "2036-10-01 12:00|2036-10-01 20:00|operator|监测值守");
        assertThatThrownBy(() -> driver.complete(pi, "userTask_rosterDuty", "manager", roster(gap)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2036-10-01 20:00 至 2036-10-02 00:00 无人值班");
        assertThatThrownBy(() -> driver.complete(pi, "userTask_rosterDuty", "manager",
                roster(ROSTER + "\n2036-10-01 00:00|2036-10-02 08:00|nobody|值班长")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("第 5 行：一个班次不超过 24 小时");
        assertThat(pi).isWaitingAt("userTask_rosterDuty");
    }

    @Test
    void dailyReportOutsideThePeriodOrTwiceForADayIsRefused() {
        ProcessInstance pi = untilRoster();
        driver.complete(pi, "userTask_rosterDuty", "manager", roster(ROSTER));
        fireDailyTimer(pi);
        assertThatThrownBy(() -> dailyReport(pi, "2036-10-05", 1, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("日报日期须在保障期内（2036-10-01 至 2036-10-02）");
        dailyReport(pi, "2036-10-01", 1, 0);
        fireDailyTimer(pi);
        assertThatThrownBy(() -> dailyReport(pi, "2036-10-01", 1, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2036-10-01 的日报已提交");
    }

    @Test
    void planWithItsEndBeforeItsStartIsRefused() {
        ProcessInstance pi = driver.startRequest("operator", ProtectionPeriod.KEY);
        Map<String, Object> plan = plan();
        plan.put("periodEnd", "2036-09-30T00:00:00+08:00");
        assertThatThrownBy(() -> driver.complete(pi, "userTask_draftPlan", "engineer", plan))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("保障期结束须晚于开始");
    }

    private ProcessInstance untilRoster() {
        ProcessInstance pi = driver.startRequest("operator", ProtectionPeriod.KEY);
        driver.complete(pi, "userTask_draftPlan", "engineer", plan());
        return pi;
    }

    private static Map<String, Object> plan() {
        Map<String, Object> plan = new HashMap<>();
        plan.put("protectionEvent", "国庆节假日重保");
        plan.put("protectionKind", "节假日");
        plan.put("periodStart", "2036-10-01T00:00:00+08:00");
        plan.put("periodEnd", "2036-10-03T00:00:00+08:00");
        plan.put("protectedSystems", "门户网站、政务服务网");
        plan.put("protectionMeasures", "加强监测、临时封堵高危端口");
        return plan;
    }

    private static Map<String, Object> roster(String lines) {
        return Map.of("dutyRoster", lines, "escalationContacts", "王经理 138****0000");
    }

    private void dailyReport(ProcessInstance pi, String day, int alerts, int incidents) {
        driver.complete(pi, "userTask_dailyReport", "operator", Map.of("reportDate", day, "alertCount", alerts,
                "incidentCount", incidents, "dailySummary", "告警 " + alerts + " 条已研判"));
    }

    private List<Job> dailyTimers(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).timers().activityId("timer_dailyReport")
                .list();
    }

    /** What the job executor does once the timer is due (a moment after its due date). */
    private void fireDailyTimer(ProcessInstance pi) {
        List<Job> timers = dailyTimers(pi);
        assertThat(timers).hasSize(1);
        ClockUtil.setCurrentTime(new java.util.Date(timers.get(0).getDuedate().getTime() + 60_000));
        managementService.executeJob(timers.get(0).getId());
    }
}
