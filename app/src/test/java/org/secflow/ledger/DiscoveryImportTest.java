package org.secflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secflow.process.EngineTime;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Import of a discovery tool's results (7.4.1.4) from CSV and JSON files, and the quarterly
 * reclamation list (7.4.1.5) computed from what the imports observed.
 */
@IntegrationTest
class DiscoveryImportTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @TempDir Path dir;
    Http http;
    AssetHttp upload;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        upload = new AssetHttp(port);
    }

    @Test
    void csvImportMatchesKnownAssetsAndMarksUnknownOnesForFollowUp() throws IOException {
        String known = Samples.domain();
        long knownId = create(Samples.asset("域名", known, "市教育局", "互联网"));
        String unknownSite = Samples.domain();
        String unknownIp = Samples.ip();
        Path file = write("scan-q4.csv", """
                kind,identifier,name,exposure,observedAt,resolves,portOpen
                域名,%s,,互联网,2026-11-20 10:00:00,是,
                子域名,%s,"测试站点, 疑似区卫健委",互联网,2026-11-20T10:05:00+08:00,true,
                IP,%s,,政务外网,,,
                """.formatted(known.toUpperCase(), unknownSite, unknownIp));

        HttpResponse<String> response = upload.upload("operator", file, "资产测绘工具 A");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = Http.json(response);
        assertThat(result.get("items").asInt()).isEqualTo(3);
        assertThat(result.get("matched").asInt()).isEqualTo(1);
        assertThat(result.get("unknown").asInt()).isEqualTo(2);
        assertThat(identifiers(result.get("unknownAssets"))).containsExactly(unknownSite, unknownIp);

        JsonNode site = result.get("unknownAssets").get(0);
        assertThat(site.get("pendingConfirmation").asBoolean()).isTrue();
        assertThat(site.get("name").asText()).isEqualTo("测试站点, 疑似区卫健委");
        assertThat(site.get("discoverySource").asText()).isEqualTo("资产测绘工具 A");
        assertThat(site.get("ownerUnit").isNull()).isTrue();
        assertThat(site.get("lastSeenAt").asText()).isEqualTo("2026-11-20T10:05:00+08:00");
        JsonNode history = Http.json(http.get("auditor", "/api/assets/" + site.get("id").asLong() + "/history"));
        assertThat(history.get(0).get("clause").asText()).isEqualTo("7.4.1.4");
        assertThat(history.get(0).get("description").asText()).contains("发现未知资产", "资产测绘工具 A", "待确认");

        JsonNode knownAsset = Http.json(http.get("auditor", "/api/assets/" + knownId));
        assertThat(knownAsset.get("lastSeenAt").asText()).isEqualTo("2026-11-20T10:00:00+08:00");
        assertThat(knownAsset.get("pendingConfirmation").asBoolean()).isFalse();

        JsonNode pending = Http.json(http.get("operator", "/api/assets?pendingConfirmation=true&q=" + AssetApiTest.enc(unknownSite)));
        assertThat(AssetApiTest.ids(pending)).containsExactly(site.get("id").asLong());
    }

    @Test
    void jsonImportWithChineseKeysWorksTheSameAndAConfirmationTakesTheAssetIntoTheLedger() throws IOException {
        String app = Samples.unique("com.gz.app");
        Path file = write("found.json", """
                [ {"资产类型": "APP", "资产标识": "%s", "资产名称": "穗好办（仿冒？）"},
                  {"kind": " APP ", "identifier": "%s", "observedAt": "2026-11-21T09:00:00", "exposure": ""} ]
                """.formatted(app, app));

        JsonNode result = Http.json(upload.upload("operator", file, null));

        assertThat(result.get("items").asInt()).isEqualTo(2);
        assertThat(result.get("unknown").asInt()).as("the same app twice is one asset").isEqualTo(1);
        assertThat(result.get("source").asText()).as("the file name when no source is given").isEqualTo("found.json");
        long id = result.get("unknownAssets").get(0).get("id").asLong();

        HttpResponse<String> withoutOwner = upload.patchJson("engineer", "/api/assets/" + id,
                Http.toJson(Map.of("pendingConfirmation", false)));
        assertThat(withoutOwner.statusCode()).isEqualTo(400);
        assertThat(AssetApiTest.fields(Http.json(withoutOwner))).containsOnlyKeys("ownerUnit", "exposure");

        HttpResponse<String> confirmed = upload.patchJson("engineer", "/api/assets/" + id, Http.toJson(Map.of(
                "pendingConfirmation", false, "ownerUnit", "市政务服务数据管理局", "exposure", "互联网")));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(Http.json(confirmed).get("pendingConfirmation").asBoolean()).isFalse();
        JsonNode history = Http.json(http.get("auditor", "/api/assets/" + id + "/history"));
        List<String> descriptions = new ArrayList<>();
        history.forEach(line -> descriptions.add(line.get("clause").asText() + " " + line.get("description").asText()));
        assertThat(descriptions).contains("7.4.1.4 确认未知资产，纳入资产信息台账", "7.4.1.6 使用方：（空） → 市政务服务数据管理局");
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryBadLineNamed() throws IOException {
        String good = Samples.domain();
        Path file = write("bad.csv", """
                kind,identifier,observedAt,resolves
                子域名,%s,,
                服务器,10.1.1.1,,
                IP,10.1.1.300,昨天,也许

                端口/服务,10.1.1.1:70000,,
                """.formatted(good));
        long imports = jdbc.queryForObject("SELECT COUNT(*) FROM asset_import", Long.class);

        HttpResponse<String> response = upload.upload("operator", file, "扫描器");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.json(response);
        assertThat(error.get("message").asText()).isEqualTo("导入文件中有无效的资产，整份文件未导入");
        List<String> lines = new ArrayList<>();
        error.get("fields").forEach(field -> lines.add(field.get("field").asText() + " " + field.get("reason").asText()));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("第 3 行 资产类型：取值「服务器」无效");
        assertThat(lines.get(1)).startsWith("第 4 行 资产标识：格式不正确");
        assertThat(lines.get(2)).startsWith("第 4 行 发现时间：格式不正确");
        assertThat(lines.get(3)).startsWith("第 4 行 仍可解析：取值「也许」无效");
        assertThat(lines.get(4)).isEqualTo("第 6 行 资产标识：端口须在 1 到 65535 之间（资产类型：端口/服务）");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM asset WHERE identifier = ?", Long.class, good))
                .as("nothing half-imported").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM asset_import", Long.class)).isEqualTo(imports);
    }

    @Test
    void aFileThatIsNotAnExportOfKnownShapeIsRefused() throws IOException {
        assertThat(reason(upload.upload("operator", write("scan.xlsx", "PK..."), null))).contains(".csv 或 .json");
        assertThat(reason(upload.upload("operator", write("noheader.csv", "10.1.1.1,IP\n"), null))).contains("表头");
        assertThat(reason(upload.upload("operator", write("object.json", "{\"kind\":\"IP\"}"), null))).contains("数组");
        assertThat(reason(upload.upload("operator", write("broken.json", "[{\"kind\":"), null))).contains("JSON");
        assertThat(reason(upload.upload("operator", write("empty.json", "[]"), null))).contains("没有资产");
        assertThat(reason(upload.upload("operator", null, null, "扫描器"))).contains("必填");
    }

    @Test
    void retiredSystemsWhoseSubdomainsStillResolveOrPortsAreOpenAreOnTheReclamationList() throws IOException {
        long system = create(Samples.asset("应用系统", Samples.unique("旧招生系统"), "市教育局", "互联网"));
        Map<String, Object> subdomain = Samples.asset("子域名", Samples.domain(), "市教育局", "互联网");
        subdomain.put("parentId", system);
        long sub = create(subdomain);
        String subIdentifier = (String) subdomain.get("identifier");
        String host = Samples.ip();
        Map<String, Object> port = Samples.asset("端口/服务", host + ":443", "市教育局", "互联网");
        port.put("parentId", system);
        long portId = create(port);
        long stillInUse = create(Samples.asset("子域名", Samples.domain(), "市教育局", "互联网"));
        String inUse = Http.json(http.get("operator", "/api/assets/" + stillInUse)).get("identifier").asText();

        // seen before the retirement: does not count
        importCsv("kind,identifier,observedAt,resolves,portOpen\n子域名," + subIdentifier + "," + at(-60) + ",是,\n");
        retire(system);
        assertThat(reclaimable()).doesNotContainKey(system);

        String afterRetirement = at(1);
        importCsv("kind,identifier,observedAt,resolves,portOpen,parent\n"
                + "子域名," + subIdentifier + "," + afterRetirement + ",是,\n"
                + "端口/服务," + host + ":443," + afterRetirement + ",,否\n"
                + "子域名," + inUse + "," + afterRetirement + ",是,\n");

        Map<Long, JsonNode> list = reclaimable();
        assertThat(list).containsKey(system).doesNotContainKey(stillInUse);
        JsonNode findings = list.get(system).get("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("assetId").asLong()).isEqualTo(sub);
        assertThat(findings.get(0).get("identifier").asText()).isEqualTo(subIdentifier);
        assertThat(findings.get(0).get("resolves").asBoolean()).isTrue();
        assertThat(findings.get(0).get("problem").asText()).contains("仍可解析");
        assertThat(list.get(system).get("asset").get("state").asText()).isEqualTo("下线回收");

        // the next quarter's scan sees the port open and the sub-domain no longer resolving
        String later = at(2);
        importCsv("kind,identifier,observedAt,resolves,portOpen\n"
                + "子域名," + subIdentifier + "," + later + ",否,\n"
                + "端口/服务," + host + ":443," + later + ",,是\n");
        findings = reclaimable().get(system).get("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("assetId").asLong()).isEqualTo(portId);
        assertThat(findings.get(0).get("problem").asText()).contains("端口仍开放");

        importCsv("kind,identifier,observedAt,portOpen\n端口/服务," + host + ":443," + at(3) + ",否\n");
        assertThat(reclaimable()).doesNotContainKey(system);
    }

    @Test
    void aRetiredAssetSeenAgainGetsALedgerLineAndADiscoveredSubdomainIsLinkedToItsParent() throws IOException {
        String domain = Samples.domain();
        long id = create(Samples.asset("域名", domain, "市教育局", "互联网"));
        retire(id);
        String child = "www." + domain;

        JsonNode result = importCsv("kind,identifier,observedAt,resolves,parent\n域名," + domain + "," + at(1) + ",是,\n"
                + "子域名," + child + "," + at(1) + ",是," + domain + "\n");

        assertThat(result.get("matched").asInt()).isEqualTo(1);
        JsonNode created = result.get("unknownAssets").get(0);
        assertThat(created.get("identifier").asText()).isEqualTo(child);
        assertThat(created.get("parentId").asLong()).isEqualTo(id);
        JsonNode history = Http.json(http.get("auditor", "/api/assets/" + id + "/history"));
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("clause").asText()).isEqualTo("7.4.1.5");
        assertThat(last.get("description").asText()).contains("回收下线后发现仍可解析");
        assertThat(reclaimable().get(id).get("findings")).hasSize(2);
    }

    // ---- helpers

    /** A time relative to now on the engine's clock, as a discovery tool writes it, in minutes. */
    static String at(int minutes) {
        return EngineTime.now().plusMinutes(minutes).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    JsonNode importCsv(String content) throws IOException {
        HttpResponse<String> response = upload.upload("operator", write("scan-" + System.nanoTime() + ".csv", content), "资产测绘工具 A");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    Map<Long, JsonNode> reclaimable() {
        HttpResponse<String> response = http.get("auditor", "/api/assets/reclamation");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<Long, JsonNode> items = new java.util.HashMap<>();
        Http.json(response).forEach(item -> items.put(item.get("asset").get("id").asLong(), item));
        return items;
    }

    void retire(long id) {
        HttpResponse<String> response = http.postJson("operator", "/api/assets/" + id + "/transitions",
                Http.toJson(Map.of("to", "下线回收", "reason", "系统已下线")));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    long create(Map<String, Object> body) {
        HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    static String reason(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Http.json(response).get("fields").get(0).get("reason").asText();
    }

    static List<String> identifiers(JsonNode assets) {
        List<String> identifiers = new ArrayList<>();
        assets.forEach(asset -> identifiers.add(asset.get("identifier").asText()));
        return identifiers;
    }

}
