package org.secflow.servicemanagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.LocalDate;
import org.secflow.compliance.ConformanceService;
import org.secflow.evaluation.EvaluationKpis;
import org.secflow.process.EngineTime;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;

/** 上线检测 (5.1.2 e): findings go to vulnerability management (7.4.2); every go/no-go decision is recorded. */
@IntegrationTest
class LaunchCheckProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LaunchCheck launch;
    @Autowired ConformanceService conformance;
    @Autowired EvaluationKpis kpis;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void findingsGoTo742AndNoGoIsRetestedBeforeTheLaunchIsApproved() {
        ProcessInstance pi = untilChecks();
        long vulnerabilityProcesses = vulnerabilityProcesses();
        checks(pi, 2);
        assertThat(vulnerabilityProcesses()).as("the findings started 7.4.2").isEqualTo(vulnerabilityProcesses + 1);

        decide(pi, "不予上线", true);
        assertThat(driver.openTaskKeys(pi)).as("re-check after remediation").containsExactly("userTask_performChecks");
        checks(pi, 0);
        decide(pi, "准予上线", false);
        driver.recordService(pi, "两轮检测，准予上线", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassed("event_reportVulnerabilities", "serviceTask_recordDecision");
        assertThat(launch.decisions(pi.getId())).extracting(LaunchDecision::decision, LaunchDecision::findingCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("不予上线", 2),
                        org.assertj.core.groups.Tuple.tuple("准予上线", 0));
        assertThat(documents.latest(pi.getId(), LaunchCheck.REPORT).orElseThrow().html())
                .contains("上线检测报告", "不动产登记系统", "不予上线", "准予上线", "manager", "SQ-LAUNCH-01");

        // a platform function (5.1.2 e) has its period report and counts in the Appendix B measures like an item
        LocalDate today = EngineTime.now().toLocalDate();
        ConformanceService.PeriodReport period = conformance.periodReport("5.1.2 e", today, today);
        assertThat(period.traces()).extracting(ConformanceService.InstanceTrace::processInstanceId).contains(pi.getId());
        assertThat(period.summary().clauses()).extracting(ConformanceService.ClauseSummary::clause).contains("5.1.2 e");
        assertThat(kpis.compute(today, today).serviceProcessesChecked()).isPositive();
    }

    @Test
    void conditionalLaunchNeedsItsConditions() {
        ProcessInstance pi = untilChecks();
        checks(pi, 0);
        assertThatThrownBy(() -> decide(pi, "有条件上线", false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("有条件上线须写明上线条件");
        assertThat(launch.decisions(pi.getId())).isEmpty();
        assertThat(pi).isWaitingAt("userTask_decideLaunch");
    }

    private ProcessInstance untilChecks() {
        ProcessInstance pi = driver.startRequest("operator", LaunchCheck.KEY);
        driver.complete(pi, "userTask_registerSystem", "engineer", Map.of("systemName", "不动产登记系统",
                "systemAddress", "https://bdc.example.gov.cn/", "plannedLaunchAt", "2026-12-20T09:00:00+08:00",
                "checkScope", "漏洞扫描、基线核查、应用安全检测"));
        driver.fileAndAuthorize(pi, "SQ-LAUNCH-01");
        return pi;
    }

    private void checks(ProcessInstance pi, int findings) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("vulnerabilityScan", findings == 0 ? "未发现漏洞" : "中间件版本过旧");
        variables.put("baselineCheck", "口令策略符合");
        variables.put("applicationCheck", findings == 0 ? "未发现问题" : "存在越权访问");
        variables.put("findingsSummary", findings == 0 ? "无" : "越权访问（高危）；中间件版本过旧（中危）");
        variables.put("findingCount", findings);
        variables.put("hardeningAdvice", "升级中间件并修复越权");
        driver.complete(pi, "userTask_performChecks", "engineer", variables);
    }

    private void decide(ProcessInstance pi, String decision, boolean retest) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("launchDecision", decision);
        variables.put("decisionReason", "检测结果：" + decision);
        variables.put("launchConditions", "");
        variables.put("retestAfterRemediation", retest);
        driver.complete(pi, "userTask_decideLaunch", "manager", variables);
    }

    private long vulnerabilityProcesses() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("vulnerabilityManagement")
                .count();
    }
}
