package org.secflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.compliance.ConformanceService.CalledProcess;
import org.secflow.compliance.ConformanceService.ClauseTrace;
import org.secflow.compliance.ConformanceService.InstanceTrace;
import org.secflow.compliance.ConformanceService.Status;
import org.secflow.compliance.ConformanceService.Step;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who authorized, confirmed and recorded inside the shared steps (processes/shared/), as the auditor reads it
 * in the clause trace, the diagram and the reports: real runs of 7.2.1 (review sent back once, rollback and
 * implementation again), 7.3.5 (filing with the regulator) and 7.4.3 (record step), every task completed
 * with the values its form allows.
 */
@IntegrationTest
class SharedStepTraceTest {

    @Autowired ProcessEngine engine;
    @Autowired ConformanceService conformance;
    @LocalServerPort int port;
    ProcessDriver driver;
    Http http;

    @BeforeEach
    void setUp() {
        driver = new ProcessDriver(engine);
        http = new Http(port);
    }

    @Test
    void reviewClauseNamesTheApprovingManagerWithEveryRoundsOpinion() {
        String unit = "广州市审计追溯局" + UUID.randomUUID().toString().substring(0, 6);
        ProcessInstance pi = boundaryServiceWithRejectionAndRollback(unit);

        InstanceTrace trace = conformance.trace(pi.getId());

        assertThat(trace.subject()).isEqualTo(unit + "：边界防护开通（审计追溯）");
        ClauseTrace review = clause(trace, "7.2.1.3");
        assertThat(review.status()).isEqualTo(Status.DONE);
        Step call = review.steps().get(0);
        assertThat(review.steps()).hasSize(1);
        assertThat(call.actor()).as("the manager who approved").isEqualTo("manager");
        assertThat(call.actorGroup()).isEqualTo("management");
        assertThat(values(call)).containsEntry("评审意见（退回时写明理由）", "同意实施")
                .containsEntry("授权文件编号", "SQ-TRACE-1");
        CalledProcess inside = call.called();
        assertThat(inside.processKey()).isEqualTo("reviewAndAuthorize");
        assertThat(inside.processName()).isEqualTo("评审并获取授权（共用）");
        assertThat(inside.rounds()).as("sent back once, reviewed again").isEqualTo(2);
        assertThat(inside.steps()).extracting(Step::activityId, Step::round, Step::actor).containsExactly(
                org.assertj.core.groups.Tuple.tuple("userTask_reviewPlan", 1, "manager"),
                org.assertj.core.groups.Tuple.tuple("userTask_revisePlan", 1, "engineer"),
                org.assertj.core.groups.Tuple.tuple("userTask_reviewPlan", 2, "manager"),
                org.assertj.core.groups.Tuple.tuple("serviceTask_recordAuthorization", 2, "manager"));
        assertThat(values(inside.steps().get(0))).containsEntry("评审意见（退回时写明理由）", "缺少开通计划的回退窗口")
                .containsEntry("评审通过并授权实施", "否");
        assertThat(values(inside.steps().get(1))).containsEntry("修订说明", "按意见修订");
        assertThat(values(inside.steps().get(2))).containsEntry("评审通过并授权实施", "是");
        assertThat(values(inside.steps().get(3))).containsEntry("授权文件编号", "SQ-TRACE-1");

        ClauseTrace confirm = clause(trace, "7.2.1.6");
        assertThat(confirm.status()).isEqualTo(Status.DONE);
        assertThat(confirm.steps()).as("confirmed twice: rolled back, then implemented again").hasSize(2);
        Step rolledBack = confirm.steps().get(0);
        assertThat(rolledBack.called().steps()).extracting(Step::activityId).containsExactly(
                "userTask_confirmImplementation", "userTask_rollback", "userTask_decideAfterRollback");
        assertThat(values(rolledBack.called().steps().get(1))).containsEntry("回退措施", "恢复变更前配置")
                .containsEntry("回退结果", "业务已恢复");
        assertThat(values(rolledBack.called().steps().get(2))).containsEntry("调整后重新实施", "是")
                .containsEntry("决定说明", "调整策略后重新实施");
        assertThat(rolledBack.actor()).as("management decided after the rollback").isEqualTo("manager");
        assertThat(values(confirm.steps().get(1))).containsEntry("业务受到影响，需要回退", "否");

        Step record = clause(trace, "7.2.1.7").steps().get(0);
        assertThat(record.actor()).isEqualTo("operator");
        assertThat(values(record)).containsEntry("服务结果", "边界防护已开通");
    }

    @Test
    void reviewSentBackAndNotYetApprovedLeavesTheClausePending() {
        ProcessInstance pi = driver.start("operator", "boundarySecurity",
                Map.of("requestingUnit", "广州市某委办局", "requestSummary", "待评审的边界方案"));
        requirementAndPlan(pi);
        driver.rejectReviewAndRevise(pi, "缺少回退计划", "修订后的方案");

        ClauseTrace review = clause(conformance.trace(pi.getId()), "7.2.1.3");

        assertThat(review.status()).isEqualTo(Status.PENDING);
        Step call = review.steps().get(0);
        assertThat(call.called().rounds()).isEqualTo(2);
        assertThat(call.called().steps()).extracting(Step::activityId).containsExactly(
                "userTask_reviewPlan", "userTask_revisePlan", "userTask_reviewPlan");
        assertThat(call.called().steps().get(2).end()).as("the second review waits").isNull();
    }

    @Test
    void penetrationTestShowsTheFilingAndTheAuthorizationAsEvidence() {
        ProcessInstance test = driver.start("operator", "penetrationTest",
                Map.of("requestingUnit", "广州市某委办局", "requestSummary", "门户网站渗透测试"));
        driver.complete(test, "userTask_confirmRequirement", "engineer", Map.of("testScope", "门户网站",
                "implementationTime", "2026-11-26 22:00", "implementationSite", "远程", "testConstraints", "禁止拒绝服务测试"));
        driver.complete(test, "userTask_fileWithRegulator", "manager", Map.of("regulator", "广州市网信办",
                "filingReference", "BB-2026-0042", "filedAt", "2026-11-20T09:00:00+08:00"));

        ClauseTrace filed = clause(conformance.trace(test.getId()), "7.3.5.2");
        assertThat(filed.status()).as("filed, not yet authorized").isEqualTo(Status.PENDING);
        assertThat(filed.steps().get(0).called().steps()).extracting(Step::activityId)
                .containsExactly("userTask_fileWithRegulator", "userTask_obtainAuthorization");

        driver.complete(test, "userTask_obtainAuthorization", "manager", Map.of("authorizingParty", "广州市某委办局",
                "authorizationReference", "SQ-PEN-7", "authorizedScope", "门户网站及其服务器",
                "authorizedWindow", "2026-11-25 22:00 至 2026-11-26 06:00"));
        ClauseTrace authorized = clause(conformance.trace(test.getId()), "7.3.5.2");

        assertThat(authorized.status()).isEqualTo(Status.DONE);
        Step call = authorized.steps().get(0);
        assertThat(call.actor()).isEqualTo("manager");
        assertThat(call.called().processKey()).isEqualTo("filingAndAuthorization");
        assertThat(values(call.called().steps().get(0))).containsEntry("报备的主管部门", "广州市网信办")
                .containsEntry("报备编号或回执", "BB-2026-0042");
        assertThat(values(call)).containsEntry("授权文件编号", "SQ-PEN-7").containsEntry("授权方", "广州市某委办局");
        assertThat(conformance.trace(test.getId()).subject()).isEqualTo("广州市某委办局：门户网站渗透测试");
    }

    @Test
    void policyRecordStepShowsWhoRecordedWhat() {
        ProcessInstance pi = driver.start("operator", "policyManagement",
                Map.of("requestingUnit", "广州市某委办局", "requestSummary", "策略基线 V1.0"));
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("confirmedWith", "管理方、使用方",
                "policyRequirements", "默认拒绝", "policyMaintenanceRequirements", "变更 2 个工作日内同步",
                "specialScenarios", "无"));
        driver.complete(pi, "userTask_draftBaseline", "engineer", Map.of("baselineVersion", "V1.0",
                "overallRequirements", "整体要求", "baselineContent", "边界默认拒绝"));
        Map<String, Object> configured = new HashMap<>(Map.of("boundaryPolicies", "ACL 23 条",
                "businessSystemPolicies", "WAF 规则集 B", "terminalPolicies", "终端准入策略", "hostPolicies", "主机防火墙模板"));
        configured.put("baselineDeviations", "无");
        driver.complete(pi, "userTask_configurePolicies", "operator", configured);
        driver.recordService(pi, "按基线 V1.0 完成配置", "");

        InstanceTrace trace = conformance.trace(pi.getId());

        for (String number : List.of("7.4.3.2", "7.4.3.3")) {
            ClauseTrace recorded = clause(trace, number);
            Step call = recorded.steps().stream().filter(step -> step.called() != null).findFirst().orElseThrow();
            assertThat(call.actor()).isEqualTo("operator");
            assertThat(call.actorGroup()).isEqualTo("operations");
            assertThat(values(call)).containsEntry("服务结果", "按基线 V1.0 完成配置");
            assertThat(call.called().steps()).extracting(Step::activityId)
                    .containsExactly("userTask_recordService", "serviceTask_renderDocument");
        }
    }

    @Test
    void auditorReadsTheTraceListAndDiagramsOfTheSharedStepsOverHttp() {
        String unit = "广州市检索测试局" + UUID.randomUUID().toString().substring(0, 6);
        ProcessInstance pi = boundaryServiceWithRejectionAndRollback(unit);

        JsonNode trace = Http.json(http.get("auditor", "/api/compliance/instances/" + pi.getId()));
        JsonNode review = clauseNode(trace, "7.2.1.3");
        assertThat(trace.get("subject").asText()).startsWith(unit);
        assertThat(review.get("status").asText()).isEqualTo("DONE");
        assertThat(review.at("/steps/0/actor").asText()).isEqualTo("manager");
        assertThat(review.at("/steps/0/called/rounds").asInt()).isEqualTo(2);
        assertThat(review.at("/steps/0/called/steps").findValuesAsText("value")).contains("缺少开通计划的回退窗口", "同意实施");
        assertThat(clauseNode(trace, "7.2.1.6").at("/steps/0/called/steps").findValuesAsText("value"))
                .contains("恢复变更前配置", "调整策略后重新实施");

        JsonNode found = Http.json(http.get("auditor", "/api/compliance/instances?q="
                + URLEncoder.encode(unit, StandardCharsets.UTF_8)));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.at("/items/0/processInstanceId").asText()).isEqualTo(pi.getId());
        assertThat(found.at("/items/0/subject").asText()).isEqualTo(unit + "：边界防护开通（审计追溯）");
        assertThat(Http.json(http.get("auditor", "/api/compliance/instances?q=%25%25" + UUID.randomUUID())).get("total")
                .asInt()).isZero();
        assertThat(http.get("auditor", "/api/compliance/instances?q=" + "长".repeat(101)).statusCode()).isEqualTo(400);

        JsonNode diagram = Http.json(http.get("auditor", "/api/compliance/instances/" + pi.getId() + "/diagram"));
        assertThat(texts(diagram.at("/calls/callActivity_confirmImplementation"))).as("called twice").hasSize(2);
        String reviewInstance = diagram.at("/calls/callActivity_reviewPlan/0").asText();
        JsonNode inside = Http.json(http.get("auditor", "/api/compliance/instances/" + reviewInstance + "/diagram"));
        assertThat(inside.get("processKey").asText()).isEqualTo("reviewAndAuthorize");
        assertThat(inside.get("bpmnXml").asText()).contains("<bpmn:process id=\"reviewAndAuthorize\"");
        assertThat(inside.at("/caller/processInstanceId").asText()).isEqualTo(pi.getId());
        assertThat(inside.at("/caller/activityId").asText()).isEqualTo("callActivity_reviewPlan");
        assertThat(inside.get("rootProcessInstanceId").asText()).isEqualTo(pi.getId());
        assertThat(texts(inside.get("executed"))).contains("userTask_reviewPlan", "userTask_revisePlan",
                "serviceTask_recordAuthorization", "endEvent_authorized");
        assertThat(texts(inside.get("takenFlows"))).contains("flow_reviewRejected", "flow_revised", "flow_reviewApproved");
        JsonNode reviewNode = node(inside, "userTask_reviewPlan");
        assertThat(texts(reviewNode.get("clauses"))).containsExactly("7.2.1.3");
        assertThat(reviewNode.get("status").asText()).isEqualTo("DONE");
    }

    @Test
    void reportsNameTheApproverAndTheOpinionAndLayOutTheStatusOnOneLine() throws IOException {
        String unit = "广州市报告测试局" + UUID.randomUUID().toString().substring(0, 6);
        ProcessInstance pi = boundaryServiceWithRejectionAndRollback(unit);
        String manager = name("manager");

        HttpResponse<byte[]> pdf = getBytes("/api/compliance/instances/" + pi.getId() + "/report?format=pdf");
        String raw = pdfText(pdf.body());
        String text = raw.replaceAll("\\s*\\R\\s*", "");

        assertThat(text).contains("7.2.1.3", manager, "同意实施", "缺少开通计划的回退窗口", "SQ-TRACE-1", "第 2 轮",
                "恢复变更前配置", "调整策略后重新实施", unit);
        assertThat(text).as("every clause of this service was decided by a person").doesNotContain("：系统");
        assertThat(raw).as("状态 wide enough for 已完成 on one line").contains("已完成");

        String html = new String(getBytes("/api/compliance/instances/" + pi.getId() + "/report?format=html").body(),
                StandardCharsets.UTF_8);
        // a person with a name is shown as 名字（账号）; an account without one (the MySQL suite has no demo names) by its id
        String shownManager = manager.equals("manager") ? "manager" : manager + "（manager）";
        assertThat(html).contains("<col class=\"status\"/>", shownManager, "同意实施", "缺少开通计划的回退窗口")
                .doesNotContain("：系统");

        String today = java.time.LocalDate.now().toString();
        String period = "/api/compliance/summary/report?item=7.2.1&from=" + today + "&to=" + today;
        String periodText = pdfText(getBytes(period + "&format=pdf").body()).replaceAll("\\s*\\R\\s*", "");
        assertThat(periodText).contains(unit, manager, "同意实施", "缺少开通计划的回退窗口");
        assertThat(new String(getBytes(period + "&format=html").body(), StandardCharsets.UTF_8))
                .contains(unit, "同意实施", "<col class=\"status\"/>");
    }

    // ---- a 7.2.1 service whose plan is sent back once, and whose implementation is rolled back once

    private ProcessInstance boundaryServiceWithRejectionAndRollback(String unit) {
        ProcessInstance pi = driver.start("operator", "boundarySecurity",
                Map.of("requestingUnit", unit, "requestSummary", "边界防护开通（审计追溯）"));
        requirementAndPlan(pi);
        driver.rejectReviewAndRevise(pi, "缺少开通计划的回退窗口", "修订后的实施方案：含回退窗口");
        driver.approveReview(pi, "SQ-TRACE-1");
        implement(pi);
        driver.rollBack(pi, true);
        implement(pi);
        driver.confirmWithoutImpact(pi);
        driver.recordService(pi, "边界防护已开通", "");
        assertThat(driver.isEnded(pi)).isTrue();
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "方案 V1",
                "deviceParameters", "参数", "activationSchedule", "计划"));
    }

    private void implement(ProcessInstance pi) {
        driver.complete(pi, "userTask_configureProtection", "operator", Map.of("accessPolicies", "策略",
                "virusDatabaseVersion", "v1", "intrusionRules", "规则", "vpnTunnels", "无", "monitoringEnabled", true));
        driver.complete(pi, "userTask_controlNetworkAccess", "operator", Map.of("admissionDevices", "NAC",
                "unauthorizedFindings", "无", "restrictionMeasures", "无"));
    }

    // ---- helpers

    private static ClauseTrace clause(InstanceTrace trace, String number) {
        return trace.clauses().stream().filter(c -> c.clause().equals(number)).findFirst().orElseThrow();
    }

    private static Map<String, String> values(Step step) {
        Map<String, String> values = new HashMap<>();
        step.fields().forEach(field -> values.put(field.label(), field.value()));
        return values;
    }

    private static JsonNode clauseNode(JsonNode trace, String number) {
        for (JsonNode clause : trace.get("clauses")) {
            if (clause.get("clause").asText().equals(number)) {
                return clause;
            }
        }
        throw new AssertionError("no clause " + number);
    }

    private static JsonNode node(JsonNode diagram, String activityId) {
        for (JsonNode node : diagram.get("nodes")) {
            if (node.get("activityId").asText().equals(activityId)) {
                return node;
            }
        }
        throw new AssertionError("no node " + activityId);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The name the reports show (the demo users' Chinese names; users created by the tests have none). */
    private String name(String userId) {
        var user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? userId : name;
    }

    private static String pdfText(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private HttpResponse<byte[]> getBytes(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("auditor:" + Staff.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
