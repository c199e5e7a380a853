package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.secflow.items.RecurringDuties.vars;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 7.4.5 安全通告: a real-time notice with the GB/T 43557—2023 element set, tracking of the control
 * measures for a major vulnerability (7.4.5.3), and the monthly situation notice started by its timer.
 * The start by security monitoring (securityNotice.requested) is tested with monitoring.
 */
@IntegrationTest
class SecurityNoticeProcessTest {

    static final String KEY = "securityNotice";
    static final String MONTHLY = "monthlySecurityNotice";
    static final String NOTICE = "网络安全通告";
    static final String TRACKING_RECORD = "重大安全漏洞和安全威胁控制措施跟踪记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    @Autowired ServiceRecord serviceRecord;
    ProcessDriver driver;
    RecurringDuties duties;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        duties = new RecurringDuties(engine);
    }

    @Test
    void vulnerabilityWarningCarriesTheNoticeElementsAndIsSubmittedThroughTheConfirmedChannels() {
        ProcessInstance pi = driver.startRequest("engineer", KEY);
        confirmChannels(pi);
        assertThat(driver.candidateGroups(pi, "userTask_draftNotice")).containsExactly("technical");
        driver.complete(pi, "userTask_draftNotice", "engineer", vulnerabilityWarning(false));
        assertThat(driver.candidateGroups(pi, "userTask_submitNotice")).containsExactly("operations");
        submit(pi);
        driver.recordService(pi, "已通过政务邮箱和安全运营平台报送 38 家使用方", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmChannels", "userTask_draftNotice", "userTask_submitNotice",
                "callActivity_recordNotice").hasNotPassed("userTask_trackControlMeasures");
        assertThat(documents.latest(pi.getId(), NOTICE).orElseThrow().html()).contains(
                "TG-2026-0042", "某 OA 系统远程代码执行漏洞预警", "高危漏洞预警", "代码问题", "超危",
                "CVE-2026-12345", "CNVD-2026-01234", "CNNVD-202611-123", "使用该 OA 5.x 的 12 家单位", "服务器被完全控制",
                "广州市政务外网安全服务中心", "张三", "7.4.5.2");
        ServiceAction submission = serviceRecord.actionsOf(pi.getId()).stream()
                .filter(a -> a.activityId().equals("userTask_submitNotice")).findFirst().orElseThrow();
        assertThat(submission.actor()).isEqualTo("operator");
        assertThat(submission.occurredAt()).as("报送时间 kept with the submission").isNotNull();
    }

    @Test
    void majorVulnerabilityIsTrackedUntilItsControlMeasuresAreInPlace() {
        ProcessInstance pi = driver.startRequest("engineer", KEY);
        confirmChannels(pi);
        driver.complete(pi, "userTask_draftNotice", "engineer", vulnerabilityWarning(true));
        submit(pi);
        driver.recordService(pi, "已报送", "");

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_trackControlMeasures");
        driver.complete(pi, "userTask_trackControlMeasures", "engineer", Map.of("controlMeasures", "WAF 虚拟补丁",
                "trackingStatus", "自身 OA 尚未升级", "measuresEffective", false));
        assertThat(duties.waitsForTimer(pi)).as("tracks again the next day").isTrue();
        duties.fireTimerOf(pi);
        driver.complete(pi, "userTask_trackControlMeasures", "engineer", Map.of("controlMeasures", "WAF 虚拟补丁并升级至 5.3.2",
                "trackingStatus", "已升级，复测不可利用", "measuresEffective", true));
        driver.recordService(pi, "控制措施已落实", "10.1.2.3 服务方 OA 服务器|升级至 5.3.2，修复 CVE-2026-12345");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassed("timer_nextTracking", "callActivity_recordTracking");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::clause).containsExactly("7.4.5.3");
        assertThat(documents.latest(pi.getId(), TRACKING_RECORD).orElseThrow().html())
                .contains("已升级，复测不可利用", "修复 CVE-2026-12345", "7.4.5.3");
    }

    @Test
    void monthlyTimerStartsTheSituationNotice() {
        ProcessInstance pi = duties.fire(MONTHLY);
        assertThat(pi).isWaitingAt("userTask_draftMonthlyNotice");
    }

    @Test
    void monthlySituationNoticeCoversVulnerabilitiesHotspotsAndIntelligence() {
        ProcessInstance pi = duties.fire(MONTHLY);
        driver.complete(pi, "userTask_draftMonthlyNotice", "engineer", Map.of("noticeNumber", "TSTG-2026-11",
                "noticeName", "2026 年 11 月安全态势通告", "noticeChannels", "政务邮箱", "noticeRecipients", "管理方、各使用方",
                "highRiskVulnerabilities", "OA 远程代码执行等 5 个", "securityHotspots", "供应链投毒",
                "threatIntelInterpretation", "勒索团伙针对政务云的攻击增多"));
        submit(pi);
        driver.recordService(pi, "已报送", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(documents.latest(pi.getId(), "安全态势通告").orElseThrow().html())
                .contains("月度安全态势通告 7.4.5.2", "TSTG-2026-11", "供应链投毒", "勒索团伙针对政务云的攻击增多");
    }

    private void confirmChannels(ProcessInstance pi) {
        assertThat(driver.candidateGroups(pi, "userTask_confirmChannels")).containsExactly("operations");
        driver.complete(pi, "userTask_confirmChannels", "operator", Map.of("noticeChannels", "政务邮箱、安全运营平台通告栏",
                "noticeRecipients", "管理方信息中心、各使用方安全联络员"));
    }

    private void submit(ProcessInstance pi) {
        driver.complete(pi, "userTask_submitNotice", "operator", Map.of("submittingUnit", "广州市政务外网安全服务中心",
                "submitter", "张三", "submittedVia", "政务邮箱、安全运营平台通告栏"));
    }

    private static Map<String, Object> vulnerabilityWarning(boolean major) {
        return vars("noticeNumber", "TG-2026-0042", "noticeName", "某 OA 系统远程代码执行漏洞预警",
                "noticeType", "高危漏洞预警", "noticeContent", "某 OA 5.x 存在未授权远程代码执行漏洞",
                "affectedScope", "使用该 OA 5.x 的 12 家单位", "consequences", "服务器被完全控制",
                "suggestedMeasures", "升级至 5.3.2 或启用 WAF 虚拟补丁",
                "discoveredAt", "2026-11-20T08:30:00+08:00", "vulnerabilityClass", "代码问题", "vulnerabilityLevel", "超危",
                "cveId", "CVE-2026-12345", "cnvdId", "CNVD-2026-01234", "cnnvdId", "CNNVD-202611-123",
                "relatedInfo", "厂商公告 2026-11-19", "majorThreat", major);
    }
}
