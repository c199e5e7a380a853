package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 7.2.2 访问控制: no review and no confirm-or-rollback step (the clause has none); the audit report and
 * the compliance assessment (7.2.2.5) are written by technical staff; the clause's three documents are
 * rendered each from its own template and listed under the process's documents.
 */
@IntegrationTest
class AccessControlProcessTest {

    static final String KEY = "accessControl";
    static final String AUDIT_REPORT = "访问控制审计报告";
    static final String COMPLIANCE_REPORT = "合规性评估报告";
    static final String LEDGER_RECORD = "信息台账更新记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    @Autowired LedgerService ledger;
    @Autowired ServiceRecord serviceRecord;
    @Autowired IdentityService identityService;
    @LocalServerPort int port;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        Staff.ensure(identityService);
        driver = new ProcessDriver(engine);
    }

    @Test
    void accessControlProvidesItsAuditReportComplianceReportAndLedgerRecordAsThreeDocuments() {
        ProcessInstance pi = untilReports();
        audit(pi);
        assessCompliance(pi);
        driver.recordService(pi, "零信任网关已启用，细粒度策略已生效", "10.2.0.5 零信任网关|新增\n10.2.0.9 API 网关|新增细粒度策略 36 条");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "userTask_deployZeroTrust",
                "userTask_configurePermissions", "userTask_auditAccessControl", "callActivity_recordService");
        assertThat(pi).hasPassedInOrder("userTask_configurePermissions", "userTask_assessCompliance",
                "callActivity_recordService");
        assertThat(ledger.linesOf(pi.getId())).extracting(LedgerLine::asset, LedgerLine::clause).containsExactly(
                Tuple.tuple("10.2.0.5 零信任网关", "7.2.2.5"), Tuple.tuple("10.2.0.9 API 网关", "7.2.2.5"));
        assertThat(pi).hasPassedInOrder("userTask_auditAccessControl", "serviceTask_renderAuditReport", "callActivity_recordService")
                .hasPassedInOrder("userTask_assessCompliance", "serviceTask_renderComplianceReport", "callActivity_recordService");
        ServiceDocument audit = documents.latest(pi.getId(), AUDIT_REPORT).orElseThrow();
        assertThat(audit.html()).contains("<h1>访问控制审计报告</h1>", "访问控制 7.2.2", "7.2.2.5", "2026-11-01 至 2026-11-24 访问日志",
                "发现 2 个测试账号仍有管理权限", "已提出回收建议", "ZT-GW-01", "共享接口按字段授权")
                .doesNotContain("8 项符合，1 项部分符合");
        ServiceDocument compliance = documents.latest(pi.getId(), COMPLIANCE_REPORT).orElseThrow();
        assertThat(compliance.html()).contains("<h1>合规性评估报告</h1>", "GB/T 22239—2019 第三级", "8 项符合，1 项部分符合",
                "基本符合", "测试账号按期回收", "已关闭匿名访问", "RBAC+ABAC")
                .doesNotContain("发现 2 个测试账号仍有管理权限");
        ServiceDocument ledgerRecord = documents.latest(pi.getId(), LEDGER_RECORD).orElseThrow();
        assertThat(ledgerRecord.html()).contains("<h1>信息台账更新记录</h1>", "10.2.0.5 零信任网关", "新增细粒度策略 36 条",
                "7.2.2.5", "零信任网关已启用，细粒度策略已生效");

        // each listed under the process's documents and downloadable, as the auditor reads them
        Http http = new Http(port);
        HttpResponse<String> list = http.get("auditor", "/api/processes/" + pi.getId() + "/documents");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Http.json(list).findValuesAsText("kind"))
                .containsExactlyInAnyOrder(AUDIT_REPORT, COMPLIANCE_REPORT, LEDGER_RECORD);
        for (String kind : List.of(AUDIT_REPORT, COMPLIANCE_REPORT, LEDGER_RECORD)) {
            HttpResponse<String> download = http.get("auditor", "/api/processes/" + pi.getId() + "/documents/"
                    + URLEncoder.encode(kind, StandardCharsets.UTF_8).replace("+", "%20"));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).contains("<h1>" + kind + "</h1>");
        }
    }

    @Test
    void zeroTrustIsDeployedRightAfterThePlanWithoutReview() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_deployZeroTrust");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).count())
                .as("no shared review step is called").isZero();
    }

    @Test
    void recordWaitsForBothTheAuditAndTheComplianceReport() {
        ProcessInstance pi = untilReports();
        assertThat(driver.openTaskKeys(pi))
                .containsExactlyInAnyOrder("userTask_auditAccessControl", "userTask_assessCompliance");

        assessCompliance(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_auditAccessControl");
        audit(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        assertThat(serviceRecord.actionsOf(pi.getId())).extracting(ServiceAction::activityId, ServiceAction::clause)
                .contains(Tuple.tuple("userTask_auditAccessControl", "7.2.2.5"),
                        Tuple.tuple("userTask_assessCompliance", "7.2.2.5"));
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        requirementAndPlan(pi);
        assertThat(driver.candidateGroups(pi, "userTask_deployZeroTrust")).containsExactly("operations");
        implement(pi);
        assertThat(driver.candidateGroups(pi, "userTask_auditAccessControl")).containsExactly("technical");
        assertThat(driver.candidateGroups(pi, "userTask_assessCompliance")).containsExactly("technical");
    }

    private ProcessInstance untilReports() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        implement(pi);
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of(
                "controlScope", "办公 OA、数据共享接口", "accessSubjects", "委办局工作人员、外包运维人员、对接系统",
                "requirementNote", ""));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of(
                "accessPolicies", "默认拒绝，按角色放行", "identityRules", "统一身份认证平台单点登录",
                "permissionModel", "RBAC+ABAC 属性细化到数据字段", "zeroTrustArchitecture", "SDP 零信任网关+终端信任评估"));
    }

    private void implement(ProcessInstance pi) {
        driver.complete(pi, "userTask_deployZeroTrust", "operator", Map.of(
                "zeroTrustGateway", "ZT-GW-01（政务外网 DMZ）", "gatewayEnabled", true,
                "cloakedApplications", "办公 OA、数据共享门户", "trustAssessment", "终端补丁、杀毒状态实时评估",
                "secureChannels", "SPA 敲门+TLS 隧道"));
        driver.complete(pi, "userTask_configurePermissions", "operator", Map.of(
                "accessProxy", "API 网关 APIGW-2", "fineGrainedPolicies", "共享接口按字段授权",
                "closedDefaultPermissions", "已关闭匿名访问和默认管理员账号", "leastPrivilege", "外包账号只读"));
    }

    private void audit(ProcessInstance pi) {
        driver.complete(pi, "userTask_auditAccessControl", "engineer", Map.of(
                "auditPeriod", "2026-11-01 至 2026-11-24 访问日志", "auditFindings", "发现 2 个测试账号仍有管理权限",
                "auditConclusion", "已提出回收建议"));
    }

    private void assessCompliance(ProcessInstance pi) {
        driver.complete(pi, "userTask_assessCompliance", "engineer", Map.of(
                "complianceBasis", "GB/T 22239—2019 第三级访问控制要求", "complianceResults", "8 项符合，1 项部分符合",
                "complianceConclusion", "基本符合", "improvementAdvice", "测试账号按期回收"));
    }
}
