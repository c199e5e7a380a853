package org.secflow.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tickets of the service desk over real HTTP: SLA, lifecycle, first response, and the consulting process. */
@IntegrationTest
class TicketApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProcessEngine engine;
    Http http;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        driver = new ProcessDriver(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void consultingTicketStartsSecurityConsultingWithTheTicketAsBusinessKey() {
        HttpResponse<String> response = http.postJson("operator", "/api/tickets", Http.toJson(consulting("热线", "紧急")));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode ticket = Http.json(response);
        long id = ticket.get("id").asLong();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/tickets/" + id);
        assertThat(ticket.get("status").asText()).isEqualTo("新建");
        String pi = ticket.get("processInstanceId").asText();
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(pi).singleResult();
        assertThat(instance.getProcessDefinitionKey()).isEqualTo("securityConsulting");
        assertThat(instance.getBusinessKey()).isEqualTo(String.valueOf(id));
        assertThat(runtimeService.getVariable(pi, "ticketId")).isEqualTo(id);
        assertThat(runtimeService.getVariable(pi, "channel")).as("热线 is the intake's 咨询电话").isEqualTo("咨询电话");
        assertThat(runtimeService.getVariable(pi, "receivedBy")).isEqualTo("operator");
        assertThat((String) runtimeService.getVariable(pi, "consultationSummary")).contains("等级保护测评");
        assertThat(taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("userTask_recordConsultation")
                .count()).isOne();
    }

    @Test
    void consultationMovesItsTicketFromNewToAcceptedResolvedAndClosed() {
        JsonNode created = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(consulting("平台", "高"))));
        long id = created.get("id").asLong();
        ProcessInstance pi = consultation(created);
        assertThat(ticket(id).get("status").asText()).isEqualTo("新建");

        // the desk records the request: that is the ticket's acceptance and first response (7.3.1.2)
        recordConsultation(pi);
        JsonNode accepted = ticket(id);
        assertThat(accepted.get("status").asText()).isEqualTo("已受理");
        assertThat(accepted.get("firstResponseAt").isNull()).isFalse();
        assertThat(accepted.get("respondedInTime").asBoolean()).isTrue();
        assertThat(accepted.get("assignee").asText()).isEqualTo("operator");

        // the desk answers from the knowledge base (7.3.1.3): resolved with that answer
        driver.complete(pi, "userTask_consultKnowledgeBase", "operator", Map.of(
                "knowledgeArticles", "KB-0012 等级保护测评前的准备", "solvedByDesk", true,
                "deskReply", "按 KB-0012 准备定级备案材料和网络拓扑"));
        JsonNode resolved = ticket(id);
        assertThat(resolved.get("status").asText()).isEqualTo("已解决");
        assertThat(resolved.get("resolution").asText()).isEqualTo("按 KB-0012 准备定级备案材料和网络拓扑");

        // the record step (7.3.1.5) closes it; the ticket still shows its process
        driver.recordService(pi, "已依据知识库答复", "");
        JsonNode closed = ticket(id);
        assertThat(closed.get("status").asText()).isEqualTo("已关闭");
        assertThat(closed.get("closedAt").isNull()).isFalse();
        assertThat(closed.get("processInstanceId").asText()).isEqualTo(pi.getId());
        assertThat(driver.isEnded(pi)).isTrue();
    }

    @Test
    void consultationHandedToAnExpertIsInProgressUntilTheExpertReplies() {
        JsonNode created = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(consulting("热线", "中"))));
        long id = created.get("id").asLong();
        ProcessInstance pi = consultation(created);
        recordConsultation(pi);
        driver.complete(pi, "userTask_consultKnowledgeBase", "operator", Map.of(
                "knowledgeArticles", "无匹配条目", "solvedByDesk", false, "expertField", "数据安全",
                "handOverNote", "涉及数据出境评估，需专家答复"));
        assertThat(ticket(id).get("status").asText()).isEqualTo("处理中");

        driver.complete(pi, "userTask_expertReply", "engineer", Map.of(
                "expertReply", "数据出境需先完成安全评估申报", "expertDeliverables", "提供数据出境评估要点说明",
                "knowledgeBaseSuggestion", "新增：数据出境安全评估流程"));
        JsonNode resolved = ticket(id);
        assertThat(resolved.get("status").asText()).isEqualTo("已解决");
        assertThat(resolved.get("resolution").asText()).isEqualTo("数据出境需先完成安全评估申报");
        assertThat(resolved.get("assignee").asText()).as("the expert who answered").isEqualTo("engineer");
        driver.recordService(pi, "专家已答复", "");
        assertThat(ticket(id).get("status").asText()).isEqualTo("已关闭");
    }

    @Test
    void ticketAcceptedByHandKeepsItsFirstResponseWhenTheDeskRecordsIt() {
        JsonNode created = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(consulting("热线", "紧急"))));
        long id = created.get("id").asLong();
        ProcessInstance pi = consultation(created);
        JsonNode byHand = step(id, "accept", Map.of());

        recordConsultation(pi);

        JsonNode ticket = ticket(id);
        assertThat(ticket.get("status").asText()).isEqualTo("已受理");
        assertThat(ticket.get("firstResponseAt").asText()).isEqualTo(byHand.get("firstResponseAt").asText());
        assertThat(ticket.get("assignee").asText()).isEqualTo("engineer");
    }

    private ProcessInstance consultation(JsonNode ticket) {
        return runtimeService.createProcessInstanceQuery()
                .processInstanceId(ticket.get("processInstanceId").asText()).singleResult();
    }

    private void recordConsultation(ProcessInstance pi) {
        driver.complete(pi, "userTask_recordConsultation", "operator", Map.of("requestKind", "安全咨询",
                "urgency", "一般", "consultationDetails", "三级系统首次测评，询问准备材料", "affectedObjects", "门户网站"));
    }

    private JsonNode ticket(long id) {
        HttpResponse<String> response = http.get("auditor", "/api/tickets/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        return Http.json(response);
    }

    @Test
    void deadlinesComeFromThePriorityAndTheFirstResponseIsRecordedAtAcceptance() {
        Date start = new Date((System.currentTimeMillis() / 1000) * 1000);
        ClockUtil.setCurrentTime(start);
        JsonNode ticket = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(request("报障", "站内消息", "紧急"))));
        long id = ticket.get("id").asLong();
        OffsetDateTime created = OffsetDateTime.parse(ticket.get("createdAt").asText());
        assertThat(OffsetDateTime.parse(ticket.get("responseDue").asText())).isEqualTo(created.plusMinutes(15));
        assertThat(OffsetDateTime.parse(ticket.get("resolveDue").asText())).isEqualTo(created.plusHours(4));
        assertThat(ticket.get("processInstanceId").isNull()).as("only consulting starts a process").isTrue();
        assertThat(ticket.get("responseSeconds").isNull()).isTrue();

        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(20).toMillis()));
        JsonNode accepted = Http.json(http.postJson("engineer", "/api/tickets/" + id + "/accept", "{}"));

        assertThat(accepted.get("status").asText()).isEqualTo("已受理");
        assertThat(accepted.get("firstResponseBy").asText()).isEqualTo("engineer");
        assertThat(accepted.get("assignee").asText()).as("who accepts takes it").isEqualTo("engineer");
        assertThat(accepted.get("responseSeconds").asLong()).isEqualTo(1200);
        assertThat(accepted.get("respondedInTime").asBoolean()).as("15 min for 紧急, answered after 20").isFalse();

        JsonNode normal = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(request("服务申请", "即时通讯", "低"))));
        OffsetDateTime normalCreated = OffsetDateTime.parse(normal.get("createdAt").asText());
        assertThat(OffsetDateTime.parse(normal.get("responseDue").asText())).isEqualTo(normalCreated.plusHours(4));
        assertThat(OffsetDateTime.parse(normal.get("resolveDue").asText())).isEqualTo(normalCreated.plusHours(72));
    }

    @Test
    void lifecycleRunsFromNewToClosedAndRefusesStepsOutOfOrder() {
        long id = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(request("服务申请", "平台", "中"))))
                .get("id").asLong();

        HttpResponse<String> early = http.postJson("operator", "/api/tickets/" + id + "/resolve", "{\"resolution\":\"已处理\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(Http.json(early).get("message").asText()).contains("新建", "解决");

        assertThat(step(id, "accept", Map.of("assignee", "engineer")).get("assignee").asText()).isEqualTo("engineer");
        assertThat(step(id, "start", Map.of()).get("status").asText()).isEqualTo("处理中");
        HttpResponse<String> noResolution = http.postJson("engineer", "/api/tickets/" + id + "/resolve", "{}");
        assertThat(noResolution.statusCode()).isEqualTo(400);
        assertThat(Http.json(noResolution).get("fields").findValuesAsText("field")).containsExactly("resolution");
        JsonNode resolved = step(id, "resolve", Map.of("resolution", "已开通 VPN 账号"));
        assertThat(resolved.get("status").asText()).isEqualTo("已解决");
        assertThat(resolved.get("resolvedAt").asText()).endsWith("+08:00");
        assertThat(step(id, "reopen", Map.of()).get("status").asText()).isEqualTo("处理中");
        step(id, "resolve", Map.of("resolution", "已开通 VPN 账号并告知使用方"));
        JsonNode closed = step(id, "close", Map.of());
        assertThat(closed.get("status").asText()).isEqualTo("已关闭");
        assertThat(closed.get("resolution").asText()).isEqualTo("已开通 VPN 账号并告知使用方");

        assertThat(http.postJson("engineer", "/api/tickets/" + id + "/accept", "{}").statusCode()).isEqualTo(409);
        assertThat(http.postJson("engineer", "/api/tickets/" + id + "/assign", "{\"assignee\":\"operator\"}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void ticketIsReassignedToAnExistingUserOnly() {
        long id = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(request("报障", "热线", "高"))))
                .get("id").asLong();
        assertThat(Http.json(http.postJson("manager", "/api/tickets/" + id + "/assign", "{\"assignee\":\"engineer\"}"))
                .get("assignee").asText()).isEqualTo("engineer");
        HttpResponse<String> nobody = http.postJson("manager", "/api/tickets/" + id + "/assign", "{\"assignee\":\"nobody-x\"}");
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(Http.json(nobody).get("fields").get(0).get("reason").asText()).contains("nobody-x", "不存在");
    }

    @Test
    void listIsPagedAndFilteredByStatus() {
        long id = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(request("报障", "热线", "高"))))
                .get("id").asLong();
        JsonNode page = Http.json(http.get("auditor", "/api/tickets?status=新建&size=1"));
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.get("items").get(0).get("status").asText()).isEqualTo("新建");
        assertThat(Http.json(http.get("auditor", "/api/tickets/" + id)).get("channel").asText()).isEqualTo("热线");
        assertThat(http.get("auditor", "/api/tickets?size=0").statusCode()).isEqualTo(400);
    }

    @Nested
    class Refused {

        @Test
        void everyBadFieldIsNamedAndNothingIsCreated() {
            long tickets = jdbc.queryForObject("SELECT COUNT(*) FROM ticket", Long.class);
            long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey("securityConsulting").count();
            Map<String, Object> body = consulting("电报", "特急");
            body.remove("title");
            body.put("contactInfo", " ");

            HttpResponse<String> response = http.postJson("operator", "/api/tickets", Http.toJson(body));

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode answer = Http.json(response);
            assertThat(answer.get("fields").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("channel", "priority", "title", "contactInfo");
            assertThat(answer.toString()).contains("热线、站内消息、即时通讯、平台", "紧急、高、中、低", "标题：必填");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ticket", Long.class)).isEqualTo(tickets);
            assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("securityConsulting").count())
                    .isEqualTo(instances);
        }

        @Test
        void auditorReadsButMayNotWrite() {
            long id = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(request("报障", "热线", "高"))))
                    .get("id").asLong();
            assertThat(http.get("auditor", "/api/tickets/" + id).statusCode()).isEqualTo(200);
            assertThat(http.postJson("auditor", "/api/tickets", Http.toJson(request("报障", "热线", "高"))).statusCode())
                    .isEqualTo(403);
            assertThat(http.postJson("auditor", "/api/tickets/" + id + "/accept", "{}").statusCode()).isEqualTo(403);
        }

        @Test
        void withoutCredentialsItIsUnauthorized() {
            assertThat(http.get(null, "/api/tickets").statusCode()).isEqualTo(401);
            assertThat(http.postJson(null, "/api/tickets", Http.toJson(request("报障", "热线", "高"))).statusCode())
                    .isEqualTo(401);
        }

        @Test
        void unknownTicketIsNotFound() {
            assertThat(http.get("operator", "/api/tickets/987654321").statusCode()).isEqualTo(404);
            assertThat(http.postJson("operator", "/api/tickets/987654321/accept", "{}").statusCode()).isEqualTo(404);
            assertThat(http.postJson("operator", "/api/tickets/987654321/frobnicate", "{}").statusCode()).isEqualTo(404);
        }
    }

    private JsonNode step(long id, String action, Map<String, Object> body) {
        HttpResponse<String> response = http.postJson("engineer", "/api/tickets/" + id + "/" + action, Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    static Map<String, Object> consulting(String channel, String priority) {
        Map<String, Object> body = request("咨询", channel, priority);
        body.put("title", "等级保护测评准备");
        body.put("description", "三级系统首次测评，需要准备哪些材料？");
        return body;
    }

    static Map<String, Object> request(String kind, String channel, String priority) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("channel", channel);
        body.put("priority", priority);
        body.put("title", "申请开通 VPN 账号-" + System.nanoTime());
        body.put("description", "新入职运维人员需要远程接入");
        body.put("requestingUnit", "广州市某委办局");
        body.put("contactPerson", "刘老师");
        body.put("contactInfo", "020-8888 0000");
        return body;
    }
}
