package org.secflow.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scan tools, asset groups, scan tasks and runs over real HTTP (5.1.2 b, 7.3.4): a run is the import of its
 * scanner's report, and the assets no task covered in the quarter are listed (7.4.1.4).
 */
@IntegrationTest
class ScanApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    String tag;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void runOfATaskIsLinkedToItsImportAndTheQuarterListsTheAssetsNoTaskCovered() {
        long scanned = asset("门户网站服务器 " + tag);
        long planned = asset("数据库服务器 " + tag);
        long forgotten = asset("旧 OA 服务器 " + tag);
        long tool = tool("绿盟 RSAS " + tag, "2037-12-31");
        long web = group("门户 " + tag, List.of(scanned));
        long db = group("数据库 " + tag, List.of(planned));
        long quarterly = task("门户季度扫描 " + tag, tool, List.of(web));
        task("数据库季度扫描 " + tag, tool, List.of(db));

        String report = "host,name,severity,port\n10.77.1." + (int) (Math.random() * 250 + 1) + ",OpenSSH 弱加密算法 " + tag + ",medium,22/tcp\n";
        HttpResponse<String> run = http.upload("engineer", "/api/scan/tasks/" + quarterly + "/runs", "file", "rsas.csv",
                report.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        long importId = Http.json(run).get("importId").asLong();
        assertThat(Http.json(run).get("newCount").asInt()).isEqualTo(1);
        JsonNode imported = Http.json(http.get("auditor", "/api/vulnerabilities/imports/" + importId));
        assertThat(imported.get("fileName").asText()).isEqualTo("rsas.csv");
        JsonNode runs = Http.json(http.get("auditor", "/api/scan/tasks/" + quarterly + "/runs"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("importId").asLong()).isEqualTo(importId);
        JsonNode task = Http.json(http.get("auditor", "/api/scan/tasks/" + quarterly));
        assertThat(task.get("toolName").asText()).isEqualTo("绿盟 RSAS " + tag);
        assertThat(task.get("lastRunAt").asText()).endsWith("+08:00");
        assertThat(task.get("nextRunAt").asText()).isNotEmpty();

        JsonNode coverage = Http.json(http.get("auditor", "/api/scan/coverage"));
        Map<Long, JsonNode> uncovered = new HashMap<>();
        coverage.get("uncovered").forEach(gap -> uncovered.put(gap.get("assetId").asLong(), gap));
        assertThat(uncovered).doesNotContainKey(scanned);
        assertThat(uncovered.get(planned).get("reason").asText()).isEqualTo("所在扫描任务本季度未执行");
        assertThat(uncovered.get(planned).get("tasks")).extracting(JsonNode::asText).containsExactly("数据库季度扫描 " + tag);
        assertThat(uncovered.get(forgotten).get("reason").asText()).isEqualTo("不在任何扫描任务的范围内");
        assertThat(coverage.get("covered").asInt()).isPositive();

        // the previous quarter: the run does not count there
        LocalDate start = LocalDate.parse(coverage.get("from").asText()).minusMonths(3);
        String previous = start.getYear() + "Q" + ((start.getMonthValue() - 1) / 3 + 1);
        JsonNode before = Http.json(http.get("auditor", "/api/scan/coverage?quarter=" + previous));
        List<Long> beforeIds = new ArrayList<>();
        before.get("uncovered").forEach(gap -> beforeIds.add(gap.get("assetId").asLong()));
        assertThat(beforeIds).contains(scanned);
    }

    @Test
    void runWithAScannerWhoseLicenceRanOutIsRefusedAndImportsNothing() {
        long tool = tool("过期扫描器 " + tag, "2020-12-31");
        long task = task("过期任务 " + tag, tool, List.of(group("组 " + tag, List.of(asset("主机 " + tag)))));
        assertThat(Http.json(http.get("engineer", "/api/scan/tools/" + tool)).get("licenceExpired").asBoolean()).isTrue();
        long imports = jdbc.queryForObject("SELECT COUNT(*) FROM vulnerability_import", Long.class);

        HttpResponse<String> run = http.upload("engineer", "/api/scan/tasks/" + task + "/runs", "file", "r.csv",
                "host,name,severity\n10.78.1.1,x,high\n".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(run.statusCode()).isEqualTo(409);
        assertThat(Http.json(run).get("message").asText()).contains("授权已于 2020-12-31 到期");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM vulnerability_import", Long.class)).isEqualTo(imports);
    }


    @Test
    void everyBadFieldIsNamedAndNothingIsWritten() {
        long tools = jdbc.queryForObject("SELECT COUNT(*) FROM scan_tool", Long.class);
        HttpResponse<String> tool = http.postJson("engineer", "/api/scan/tools", Http.toJson(Map.of(
                "name", "x", "kind", "杀毒", "licenceExpiresOn", "2027-02-30")));
        assertThat(tool.statusCode()).isEqualTo(400);
        assertThat(fields(tool)).containsExactlyInAnyOrder("kind", "version", "location", "licenceExpiresOn");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scan_tool", Long.class)).isEqualTo(tools);

        HttpResponse<String> group = http.postJson("engineer", "/api/scan/asset-groups", Http.toJson(Map.of(
                "name", "组 " + tag, "assetIds", List.of(987654321L))));
        assertThat(group.statusCode()).isEqualTo(400);
        assertThat(fields(group)).containsExactly("assetIds[0]");

        Map<String, Object> badTask = new HashMap<>();
        badTask.put("name", "任务 " + tag);
        badTask.put("toolId", 987654321L);
        badTask.put("schedule", "每季度");
        badTask.put("groupIds", List.of());
        HttpResponse<String> task = http.postJson("engineer", "/api/scan/tasks", Http.toJson(badTask));
        assertThat(task.statusCode()).isEqualTo(400);
        assertThat(fields(task)).containsExactlyInAnyOrder("toolId", "schedule", "groupIds");

        HttpResponse<String> quarter = http.get("engineer", "/api/scan/coverage?quarter=2026Q5");
        assertThat(quarter.statusCode()).isEqualTo(400);
        assertThat(fields(quarter)).containsExactly("quarter");

        long tool2 = tool("扫描器 " + tag, null);
        long task2 = task("未来任务 " + tag, tool2, List.of(group("组2 " + tag, List.of(asset("主机2 " + tag)))));
        HttpResponse<String> future = http.upload("engineer", "/api/scan/tasks/" + task2 + "/runs", "file", "r.csv",
                "host,name,severity\n10.79.1.1,x,high\n".getBytes(StandardCharsets.UTF_8), Map.of("ranAt", "2099-01-01T00:00:00+08:00"));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(fields(future)).containsExactly("ranAt");
        HttpResponse<String> broken = http.upload("engineer", "/api/scan/tasks/" + task2 + "/runs", "file", "r.xml",
                "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><report>&x;</report>".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(fields(broken)).containsExactly("file");
        assertThat(Http.json(http.get("engineer", "/api/scan/tasks/" + task2 + "/runs"))).isEmpty();
    }


    @Test
    void auditorsReadTheRegisterButCannotChangeIt() {
        HttpResponse<String> refused = http.postJson("auditor", "/api/scan/tools", Http.toJson(Map.of(
                "name", "审计员的扫描器 " + tag, "kind", "其他", "version", "1", "location", "x")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(http.get("auditor", "/api/scan/tools").statusCode()).isEqualTo(200);
        assertThat(http.get("auditor", "/api/scan/coverage").statusCode()).isEqualTo(200);
        assertThat(http.get("secadmin", "/api/scan/tasks").statusCode()).isEqualTo(403);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        Http.json(response).get("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    private long asset(String name) {
        HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(Map.of("kind", "应用系统",
                "name", name, "identifier", "app-" + UUID.randomUUID(), "ownerUnit", "广州市某委办局", "exposure", "政务外网")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    private long tool(String name, String licenceExpiresOn) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "kind", "主机漏洞扫描", "version", "V6.0R04F04",
                "location", "安全管理区 10.0.0.5"));
        if (licenceExpiresOn != null) {
            body.put("licenceExpiresOn", licenceExpiresOn);
        }
        HttpResponse<String> response = http.postJson("engineer", "/api/scan/tools", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    private long group(String name, List<Long> assets) {
        HttpResponse<String> response = http.postJson("operator", "/api/scan/asset-groups",
                Http.toJson(Map.of("name", name, "assetIds", assets)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    private long task(String name, long tool, List<Long> groups) {
        HttpResponse<String> response = http.postJson("engineer", "/api/scan/tasks", Http.toJson(Map.of("name", name,
                "toolId", tool, "schedule", "0 0 2 10 1,4,7,10 ?", "groupIds", groups)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }
}
