package org.secflow.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Alerts from security devices over real HTTP: aggregation, triage, and an incident that starts 7.5.1. */
@IntegrationTest
class AlertApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    String source;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        // a device of its own per test, so that groups of other tests never match
        source = "IDS-" + System.nanoTime();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void batchOfTheSameSourceTypeAndAssetWithinTheWindowIsOneGroup() {
        List<Map<String, Object>> batch = List.of(alert("10.1.1.1", "低"), alert("10.1.1.1", "高"),
                alert("10.1.1.1", "中"), alert("10.1.1.2", "低"));

        HttpResponse<String> response = http.postJson("operator", "/api/alerts", Http.toJson(batch));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode received = Http.json(response);
        assertThat(received).hasSize(4);
        long group = received.get(0).get("groupId").asLong();
        assertThat(received.get(0).get("newGroup").asBoolean()).isTrue();
        assertThat(received.get(1).get("groupId").asLong()).isEqualTo(group);
        assertThat(received.get(1).get("newGroup").asBoolean()).isFalse();
        assertThat(received.get(2).get("groupId").asLong()).isEqualTo(group);
        assertThat(received.get(3).get("groupId").asLong()).as("another asset, another group").isNotEqualTo(group);

        JsonNode details = Http.json(http.get("auditor", "/api/alerts/groups/" + group));
        assertThat(details.get("group").get("alertCount").asInt()).isEqualTo(3);
        assertThat(details.get("group").get("severity").asText()).as("the most severe of the group").isEqualTo("高");
        assertThat(details.get("group").get("status").asText()).isEqualTo("待研判");
        assertThat(details.get("alerts")).hasSize(3);
        assertThat(details.get("group").get("firstSeenAt").asText()).endsWith("+08:00");
    }

    @Test
    void alertAfterTheWindowStartsANewGroupAndWithinItJoinsTheOld() {
        Date start = new Date();
        ClockUtil.setCurrentTime(start);
        long first = receive(alert("10.2.2.2", "中")).get("groupId").asLong();

        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(9).toMillis()));
        assertThat(receive(alert("10.2.2.2", "中")).get("groupId").asLong()).as("9 min after: within PT10M").isEqualTo(first);

        // the window slides from the group's last alert: 18 min after the first is 9 after the last
        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(18).toMillis()));
        assertThat(receive(alert("10.2.2.2", "中")).get("groupId").asLong()).isEqualTo(first);

        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(29).toMillis()));
        JsonNode late = receive(alert("10.2.2.2", "中"));
        assertThat(late.get("groupId").asLong()).as("11 min after the last: outside the window").isNotEqualTo(first);
        assertThat(late.get("newGroup").asBoolean()).isTrue();
        assertThat(Http.json(http.get("operator", "/api/alerts/groups/" + first)).get("group").get("alertCount").asInt())
                .isEqualTo(3);
    }

    @Test
    void alertJudgedAnIncidentStartsEmergencyResponseAndIsLinkedToIt() {
        long group = receive(alert("www.example.gov.cn", "严重")).get("groupId").asLong();
        Map<String, Object> triage = incidentTriage();

        HttpResponse<String> response = http.postJson("engineer", "/api/alerts/groups/" + group + "/triage", Http.toJson(triage));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode judged = Http.json(response);
        assertThat(judged.get("status").asText()).isEqualTo("已研判");
        assertThat(judged.get("outcome").asText()).isEqualTo("事件");
        assertThat(judged.get("triagedBy").asText()).isEqualTo("engineer");
        String pi = judged.get("processInstanceId").asText();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).processDefinitionKey("emergencyResponse")
                .count()).isOne();
        JsonNode incident = Http.json(http.get("manager", "/api/incidents/" + judged.get("incidentId").asLong()));
        assertThat(incident.get("incident").get("processInstanceId").asText()).isEqualTo(pi);
        assertThat(incident.get("incident").get("affectedAssets").asText()).isEqualTo("www.example.gov.cn");
        assertThat(incident.get("incident").get("channel").asText()).isEqualTo("监控");
        assertThat(incident.get("incident").get("grade").asText()).isEqualTo("II");

        HttpResponse<String> again = http.postJson("engineer", "/api/alerts/groups/" + group + "/triage",
                Http.toJson(Map.of("outcome", "误报")));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).get("message").asText()).contains("已研判", "不能再次研判");
    }

    @Test
    void falsePositiveClosesTheGroupWithoutAnIncidentAndANewAlertOpensAnother() {
        long group = receive(alert("10.3.3.3", "低")).get("groupId").asLong();

        JsonNode judged = Http.json(http.postJson("operator", "/api/alerts/groups/" + group + "/triage",
                Http.toJson(Map.of("outcome", "误报", "note", "扫描器的例行扫描"))));

        assertThat(judged.get("outcome").asText()).isEqualTo("误报");
        assertThat(judged.get("incidentId").isNull()).isTrue();
        assertThat(receive(alert("10.3.3.3", "低")).get("groupId").asLong()).as("a closed group takes no alerts")
                .isNotEqualTo(group);
        assertThat(http.postJson("operator", "/api/alerts/groups/" + group + "/triage",
                Http.toJson(Map.of("outcome", "非事件/已处理"))).statusCode()).isEqualTo(409);
    }

    @Test
    void listsArePagedAndFilterable() {
        long group = receive(alert("10.4.4.4", "低")).get("groupId").asLong();
        receive(alert("10.4.4.4", "低"));

        JsonNode alerts = Http.json(http.get("auditor", "/api/alerts?groupId=" + group + "&size=1"));
        assertThat(alerts.get("total").asLong()).isEqualTo(2);
        assertThat(alerts.get("items")).hasSize(1);
        long alertId = alerts.get("items").get(0).get("id").asLong();
        assertThat(Http.json(http.get("auditor", "/api/alerts/" + alertId)).get("source").asText()).isEqualTo(source);
        JsonNode open = Http.json(http.get("auditor", "/api/alerts/groups?status=待研判&size=200"));
        assertThat(open.get("items").findValuesAsText("status")).containsOnly("待研判");
        assertThat(http.get("auditor", "/api/alerts/groups?status=完成").statusCode()).isEqualTo(400);
    }

    @Nested
    class Refused {

        @Test
        void badAlertsInABatchAreNamedByPositionAndNoneIsStored() {
            long before = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE source = ?", Long.class, source);
            Map<String, Object> bad = alert("10.5.5.5", "致命");
            bad.remove("alertType");
            Map<String, Object> wrongType = alert("10.5.5.5", "低");
            wrongType.put("asset", 42);

            HttpResponse<String> response = http.postJson("operator", "/api/alerts",
                    Http.toJson(List.of(alert("10.5.5.5", "低"), bad, wrongType)));

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode answer = Http.json(response);
            assertThat(answer.get("fields").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("[1].alertType", "[1].severity", "[2].asset");
            assertThat(answer.toString()).contains("告警类型：必填", "致命", "须为文本");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE source = ?", Long.class, source)).isEqualTo(before);
        }

        @Test
        void incidentTriageWithoutGradingInputsIsRefusedAndTheGroupStaysOpen() {
            long group = receive(alert("10.6.6.6", "高")).get("groupId").asLong();
            long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse").count();

            HttpResponse<String> response = http.postJson("engineer", "/api/alerts/groups/" + group + "/triage",
                    Http.toJson(Map.of("outcome", "事件")));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").findValuesAsText("field"))
                    .contains("category", "objectImportance", "systemLoss", "socialImpact", "reporterType");
            assertThat(Http.json(http.get("engineer", "/api/alerts/groups/" + group)).get("group").get("status").asText())
                    .isEqualTo("待研判");
            assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("emergencyResponse").count())
                    .isEqualTo(instances);
        }

        @Test
        void unknownOutcomeIsABadRequest() {
            long group = receive(alert("10.7.7.7", "高")).get("groupId").asLong();
            HttpResponse<String> response = http.postJson("engineer", "/api/alerts/groups/" + group + "/triage",
                    Http.toJson(Map.of("outcome", "可疑")));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").get(0).get("reason").asText()).contains("研判结论", "误报");
        }

        @Test
        void auditorReadsButMayNotSendOrTriage() {
            long group = receive(alert("10.8.8.8", "低")).get("groupId").asLong();
            assertThat(http.get("auditor", "/api/alerts/groups/" + group).statusCode()).isEqualTo(200);
            assertThat(http.postJson("auditor", "/api/alerts", Http.toJson(alert("10.8.8.8", "低"))).statusCode())
                    .isEqualTo(403);
            assertThat(http.postJson("auditor", "/api/alerts/groups/" + group + "/triage",
                    Http.toJson(Map.of("outcome", "误报"))).statusCode()).isEqualTo(403);
        }

        @Test
        void withoutCredentialsNothingIsAnswered() {
            assertThat(http.get(null, "/api/alerts").statusCode()).isEqualTo(401);
            assertThat(http.postJson(null, "/api/alerts", Http.toJson(alert("10.9.9.9", "低"))).statusCode()).isEqualTo(401);
        }

        @Test
        void unknownAlertsAndGroupsAreNotFound() {
            assertThat(http.get("operator", "/api/alerts/987654321").statusCode()).isEqualTo(404);
            assertThat(http.get("operator", "/api/alerts/groups/987654321").statusCode()).isEqualTo(404);
            assertThat(http.postJson("operator", "/api/alerts/groups/987654321/triage",
                    Http.toJson(Map.of("outcome", "误报"))).statusCode()).isEqualTo(404);
        }
    }

    private JsonNode receive(Map<String, Object> alert) {
        HttpResponse<String> response = http.postJson("operator", "/api/alerts", Http.toJson(alert));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get(0);
    }

    private Map<String, Object> alert(String asset, String severity) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("source", source);
        alert.put("alertType", "Web 攻击");
        alert.put("asset", asset);
        alert.put("severity", severity);
        alert.put("title", "SQL 注入尝试");
        alert.put("detail", "来自 203.0.113.7 的 UNION SELECT 请求");
        alert.put("occurredAt", "2026-11-30T10:00:00+08:00");
        return alert;
    }

    private static Map<String, Object> incidentTriage() {
        Map<String, Object> triage = new LinkedHashMap<>();
        triage.put("outcome", "事件");
        triage.put("note", "确认注入成功，门户首页被篡改");
        triage.put("title", "门户网站被注入篡改-" + System.nanoTime());
        triage.put("category", "网络攻击事件");
        triage.put("subcategory", "网页篡改");
        triage.put("objectImportance", "重要");
        triage.put("systemLoss", "严重");
        triage.put("socialImpact", "重大");
        triage.put("reporterType", "党政机关");
        triage.put("measuresTaken", "已切换维护页面");
        return triage;
    }
}
