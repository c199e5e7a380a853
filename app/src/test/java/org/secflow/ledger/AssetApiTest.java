package org.secflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

/** The asset ledger API (5.1.2 a, 7.4.1) over real HTTP, as the staff and the auditor use it. */
@IntegrationTest
class AssetApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired ProcessEngine engine;
    @Autowired JdbcTemplate jdbc;
    Http http;
    AssetHttp assetHttp;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        assetHttp = new AssetHttp(port);
    }

    @Test
    void operatorRegistersAWebsiteWhichIsInUseAndHasItsRegistrationInItsHistory() {
        Map<String, Object> body = Samples.website("广州市教育局");
        body.put("identifier", "HTTPS://Jyj-" + Samples.unique("p") + ".GZ.gov.cn/zs/");
        body.put("description", "招生报名系统\n含学生个人信息");

        HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(body));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode asset = Http.json(response);
        long id = asset.get("id").asLong();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/assets/" + id);
        assertThat(asset.get("state").asText()).isEqualTo("在用");
        assertThat(asset.get("identifier").asText()).as("host in lower case, path kept").startsWith("https://jyj-")
                .endsWith(".gz.gov.cn/zs/");
        assertThat(texts(asset.get("allowedTransitions"))).containsExactly("变更", "下线回收");
        assertThat(asset.get("createdBy").asText()).isEqualTo("operator");
        assertThat(asset.get("createdAt").asText()).endsWith("+08:00");

        JsonNode fetched = Http.json(http.get("auditor", "/api/assets/" + id));
        assertThat(fetched.get("icpFilingNumber").asText()).isEqualTo("粤ICP备12345678号-1");
        assertThat(fetched.get("gradingLevel").asText()).isEqualTo("第二级");
        assertThat(fetched.get("description").asText()).isEqualTo("招生报名系统\n含学生个人信息");

        JsonNode history = Http.json(http.get("auditor", "/api/assets/" + id + "/history"));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("clause").asText()).isEqualTo("7.4.1.3");
        assertThat(history.get(0).get("recordedBy").asText()).isEqualTo("operator");
        assertThat(history.get(0).get("description").asText()).contains("登记资产", "广州市教育局", "互联网");
    }

    @Test
    void aChangeKeepsEveryChangedFieldWithItsValueBeforeAndAfterWhoAndWhy() {
        long id = create(Samples.website(Samples.unique("区卫健委")));

        HttpResponse<String> response = assetHttp.patchJson("engineer", "/api/assets/" + id, Http.toJson(Map.of(
                "gradingLevel", "第三级", "gradingFiling", "未备案", "name", "门户网站", "reason", "系统升级后重新定级")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("gradingLevel").asText()).isEqualTo("第三级");
        JsonNode history = Http.json(http.get("manager", "/api/assets/" + id + "/history"));
        List<JsonNode> changes = new ArrayList<>();
        history.forEach(changes::add);
        assertThat(changes).extracting(line -> line.get("field").asText(null), line -> line.get("valueBefore").asText(null),
                line -> line.get("valueAfter").asText(null), line -> line.get("recordedBy").asText())
                .containsExactly(tuple(null, null, null, "operator"),
                        tuple("gradingLevel", "第二级", "第三级", "engineer"),
                        tuple("gradingFiling", "已备案", "未备案", "engineer"));
        assertThat(changes.get(1).get("fieldLabel").asText()).isEqualTo("定级");
        assertThat(changes.get(1).get("clause").asText()).isEqualTo("7.4.1.6");
        assertThat(changes.get(1).get("description").asText()).isEqualTo("定级：第二级 → 第三级；原因：系统升级后重新定级");
        assertThat(changes.get(1).get("processInstanceId").isNull()).as("a change over the API has no process").isTrue();
    }

    @Test
    void lifecycleGoesFromInUseToChangeAndBackThenToReclamationAndNoFurther() {
        long id = create(Samples.asset("IP", Samples.ip(), Samples.unique("市政数局"), "政务外网"));

        assertThat(transition("operator", id, "变更").statusCode()).isEqualTo(200);
        HttpResponse<String> back = transition("operator", id, "在用");
        assertThat(Http.json(back).get("state").asText()).isEqualTo("在用");
        HttpResponse<String> retired = transition("operator", id, "下线回收");
        assertThat(Http.json(retired).get("state").asText()).isEqualTo("下线回收");
        assertThat(Http.json(retired).get("retiredAt").asText()).endsWith("+08:00");
        assertThat(Http.json(retired).get("allowedTransitions")).isEmpty();

        HttpResponse<String> again = transition("operator", id, "在用");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).get("message").asText()).contains("下线回收", "在用");

        JsonNode history = Http.json(http.get("auditor", "/api/assets/" + id + "/history"));
        List<String> states = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        history.forEach(line -> {
            if ("state".equals(line.get("field").asText(null))) {
                states.add(line.get("valueBefore").asText() + "→" + line.get("valueAfter").asText());
                clauses.add(line.get("clause").asText());
            }
        });
        assertThat(states).containsExactly("在用→变更", "变更→在用", "在用→下线回收");
        assertThat(clauses).containsExactly("7.4.1.6", "7.4.1.6", "7.4.1.5");
    }

    @Test
    void aTransitionTheStateDoesNotAllowIsAConflictNamingBothStates() {
        long id = create(Samples.asset("域名", Samples.domain(), Samples.unique("市政数局"), "互联网"));

        HttpResponse<String> response = transition("operator", id, "在用");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Http.json(response).get("message").asText()).contains("当前状态为「在用」", "不能变更为「在用」", "变更、下线回收");
    }

    @Test
    void listIsPagedAndFilteredByKindStateOwnerExposureAndText() {
        String owner = Samples.unique("番禺区政务服务数据管理局");
        long site = create(Samples.website(owner));
        long ip = create(Samples.asset("IP", Samples.ip(), owner, "政务外网"));
        long domain = create(Samples.asset("域名", Samples.domain(), owner, "互联网"));
        transition("operator", domain, "下线回收");

        JsonNode all = Http.json(http.get("auditor", "/api/assets?ownerUnit=" + enc(owner) + "&size=2"));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("size").asInt()).isEqualTo(2);
        assertThat(ids(all)).containsExactly(site, ip);
        assertThat(ids(Http.json(http.get("auditor", "/api/assets?ownerUnit=" + enc(owner) + "&size=2&page=1"))))
                .containsExactly(domain);

        assertThat(ids(Http.json(http.get("auditor", "/api/assets?ownerUnit=" + enc(owner) + "&kind=IP")))).containsExactly(ip);
        assertThat(ids(Http.json(http.get("auditor", "/api/assets?ownerUnit=" + enc(owner) + "&state=" + enc("下线回收")))))
                .containsExactly(domain);
        assertThat(ids(Http.json(http.get("auditor", "/api/assets?ownerUnit=" + enc(owner) + "&exposure=" + enc("互联网")))))
                .containsExactly(site, domain);
        assertThat(ids(Http.json(http.get("auditor", "/api/assets?q=" + enc(owner.substring(3)))))).containsExactly(site, ip, domain);
        assertThat(Http.json(http.get("auditor", "/api/assets?q=" + enc(owner + "%"))).get("total").asLong())
                .as("a % in the search text is taken literally").isZero();
    }

    @Test
    void theRecordStepOfAProcessShowsInTheHistoryOfTheAssetItNamesWithProcessAndClause() {
        String domain = Samples.domain();
        long id = create(Samples.asset("域名", domain, Samples.unique("市教育局"), "互联网"));
        ProcessDriver driver = new ProcessDriver(engine);

        ProcessInstance pi = driver.startRequest("operator", "assetManagement");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("assetScope", "互联网暴露面", "assetTypes", "域名"));
        driver.complete(pi, "userTask_onboardAssets", "operator", Map.of("networkAssets", "无", "exposedAssets", "域名 1 个",
                "filingGuidance", "已下发报备模板"));
        driver.complete(pi, "userTask_establishLedger", "operator", Map.of("ledgerLocation", "安全运营平台-资产台账",
                "ledgerAssetCount", 1, "recordFilingUpdates", "无"));
        driver.complete(pi, "userTask_checkFilings", "operator", Map.of("filingCheckResult", "一致", "filingsAccurate", true,
                "inaccurateFilings", ""));
        driver.complete(pi, "userTask_updatePlatformAssets", "operator", Map.of("platformIpUpdates", "无",
                "platformDomainUpdates", "更新 1 个域名", "platformAppUpdates", "无"));
        driver.recordService(pi, "完成", domain + " 招生域名|ICP 备案已核对\n不在台账中的资产|无关");

        JsonNode history = Http.json(http.get("auditor", "/api/assets/" + id + "/history"));
        JsonNode fromProcess = history.get(history.size() - 1);
        assertThat(history).hasSize(2);
        assertThat(fromProcess.get("asset").asText()).as("as the record step named it").isEqualTo(domain + " 招生域名");
        assertThat(fromProcess.get("description").asText()).isEqualTo("ICP 备案已核对");
        assertThat(fromProcess.get("processInstanceId").asText()).isEqualTo(pi.getId());
        assertThat(fromProcess.get("processDefinitionKey").asText()).isEqualTo("assetManagement");
        assertThat(fromProcess.get("clause").asText()).isEqualTo("7.4.1.7");
        assertThat(fromProcess.get("recordedBy").asText()).isEqualTo("operator");
    }

    @Nested
    class BadInput {

        @Test
        void everyMissingOrWrongFieldIsNamedInChineseAndNothingIsWritten() {
            String identifier = "not-an-ip-" + Samples.unique("x");
            Map<String, Object> body = Samples.asset("IP", identifier, null, "外网");
            body.put("kind", "IP");
            body.put("gradingLevel", "三级");
            body.put("icpFilingNumber", "12345");
            body.put("colour", "红");
            body.put("name", "门户\n网站");
            long ledgerLines = jdbc.queryForObject("SELECT COUNT(*) FROM asset_ledger_line", Long.class);

            HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(body));

            assertThat(response.statusCode()).isEqualTo(400);
            Map<String, String> fields = fields(Http.json(response));
            assertThat(fields).containsOnlyKeys("name", "identifier", "ownerUnit", "exposure", "gradingLevel", "icpFilingNumber",
                    "colour");
            assertThat(fields.get("name")).isEqualTo("资产名称：不得含换行等控制字符");
            assertThat(fields.get("identifier")).startsWith("资产标识：格式不正确").contains("IP 地址");
            assertThat(fields.get("ownerUnit")).isEqualTo("使用方：必填");
            assertThat(fields.get("exposure")).contains("暴露面", "「外网」", "互联网、政务外网");
            assertThat(fields.get("gradingLevel")).contains("第三级");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM asset WHERE identifier = ?", Long.class, identifier)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM asset_ledger_line", Long.class)).isEqualTo(ledgerLines);
        }

        @Test
        void anIdentifierAlreadyRegisteredForTheKindIsAConflictButAnotherKindMayShareIt() {
            String ip = Samples.ip();
            create(Samples.asset("IP", ip, "市政数局", "政务外网"));

            HttpResponse<String> twice = http.postJson("operator", "/api/assets", Http.toJson(Samples.asset("IP", ip, "市政数局", "政务外网")));
            HttpResponse<String> host = http.postJson("operator", "/api/assets", Http.toJson(Samples.asset("主机", ip, "市政数局", "政务外网")));

            assertThat(twice.statusCode()).isEqualTo(409);
            assertThat(Http.json(twice).get("message").asText()).contains("IP", ip);
            assertThat(host.statusCode()).isEqualTo(201);
        }

        @Test
        void aChangeOfKindStateOrToABadValueIsRefusedWithEveryFieldAndChangesNothing() {
            long id = create(Samples.website(Samples.unique("市卫健委")));

            HttpResponse<String> response = assetHttp.patchJson("operator", "/api/assets/" + id, Http.toJson(Map.of(
                    "kind", "APP", "state", "下线回收", "ownerUnit", " ", "ipFiling", "已经备案", "gradingLevel", "第三级")));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(fields(Http.json(response))).containsOnlyKeys("kind", "state", "ownerUnit", "ipFiling");
            JsonNode asset = Http.json(http.get("operator", "/api/assets/" + id));
            assertThat(asset.get("gradingLevel").asText()).as("nothing half-changed").isEqualTo("第二级");
            assertThat(Http.json(http.get("operator", "/api/assets/" + id + "/history"))).hasSize(1);
        }

        @Test
        void anEmptyChangeAndAnUnknownTransitionAreBadRequests() {
            long id = create(Samples.website(Samples.unique("市卫健委")));

            assertThat(assetHttp.patchJson("operator", "/api/assets/" + id, "{}").statusCode()).isEqualTo(400);
            HttpResponse<String> transition = transition("operator", id, "报废");
            assertThat(transition.statusCode()).isEqualTo(400);
            assertThat(fields(Http.json(transition)).get("to")).contains("「报废」", "在用、变更、下线回收");
        }

        @Test
        void aParentThatDoesNotExistOrIsTheAssetItselfIsRefused() {
            long id = create(Samples.website(Samples.unique("市卫健委")));
            Map<String, Object> child = Samples.asset("子域名", Samples.domain(), "市卫健委", "互联网");
            child.put("parentId", 987_654_321);

            assertThat(fields(Http.json(http.postJson("operator", "/api/assets", Http.toJson(child)))).get("parentId"))
                    .contains("不存在");
            assertThat(fields(Http.json(assetHttp.patchJson("operator", "/api/assets/" + id, Http.toJson(Map.of("parentId", id)))))
                    .get("parentId")).contains("自身");
        }

        @Test
        void filtersAndPagesOutsideTheVocabularyAreBadRequests() {
            HttpResponse<String> response = http.get("auditor", "/api/assets?kind=" + enc("服务器") + "&state=gone&size=500");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(fields(Http.json(response))).containsOnlyKeys("size");
            HttpResponse<String> filters = http.get("auditor", "/api/assets?kind=" + enc("服务器") + "&state=gone");
            assertThat(fields(Http.json(filters))).containsOnlyKeys("kind", "state");
        }

        @Test
        void unknownAssetsAreNotFound() {
            assertThat(http.get("auditor", "/api/assets/987654321").statusCode()).isEqualTo(404);
            assertThat(http.get("auditor", "/api/assets/987654321/history").statusCode()).isEqualTo(404);
            assertThat(assetHttp.patchJson("operator", "/api/assets/987654321", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
            HttpResponse<String> transition = transition("operator", 987654321L, "变更");
            assertThat(transition.statusCode()).isEqualTo(404);
            assertThat(Http.json(transition).get("message").asText()).isEqualTo("资产 987654321 不存在");
            assertThat(http.get("auditor", "/api/assets/abc").statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class Access {

        @Test
        void theAuditorReadsEverythingButWritesNothing() {
            long id = create(Samples.website(Samples.unique("市卫健委")));

            assertThat(http.get("auditor", "/api/assets/" + id).statusCode()).isEqualTo(200);
            assertThat(http.get("auditor", "/api/assets").statusCode()).isEqualTo(200);
            assertThat(http.get("auditor", "/api/assets/" + id + "/history").statusCode()).isEqualTo(200);
            assertThat(http.get("auditor", "/api/assets/reclamation").statusCode()).isEqualTo(200);

            HttpResponse<String> create = http.postJson("auditor", "/api/assets", Http.toJson(Samples.website("市卫健委")));
            assertThat(create.statusCode()).isEqualTo(403);
            assertThat(Http.json(create).get("message").asText()).isEqualTo("无权执行此操作");
            assertThat(assetHttp.patchJson("auditor", "/api/assets/" + id, "{\"name\":\"改名\"}").statusCode()).isEqualTo(403);
            assertThat(transition("auditor", id, "变更").statusCode()).isEqualTo(403);
            assertThat(assetHttp.upload("auditor", "found.csv", "kind,identifier\nIP,10.1.1.1\n", null).statusCode())
                    .isEqualTo(403);
            assertThat(Http.json(http.get("auditor", "/api/assets/" + id)).get("name").asText()).isEqualTo("门户网站");
        }

        @Test
        void withoutOrWithWrongCredentialsNothingIsAnswered() {
            assertThat(http.get(null, "/api/assets").statusCode()).isEqualTo(401);
            assertThat(http.postJson(null, "/api/assets", Http.toJson(Samples.website("x"))).statusCode()).isEqualTo(401);
            assertThat(assetHttp.upload(null, "found.csv", "kind,identifier\nIP,10.1.1.1\n", null).statusCode()).isEqualTo(401);
            // a user of its own: Camunda delays the next login of a user after a failed one
            if (identityService.createUserQuery().userId("mistypingAssetClerk").count() == 0) {
                org.camunda.bpm.engine.identity.User user = identityService.newUser("mistypingAssetClerk");
                user.setPassword(Staff.PASSWORD);
                org.secflow.support.Staff.save(identityService, user);
                identityService.createMembership("mistypingAssetClerk", "operations");
            }
            assertThat(new Http(port, "wrong").get("mistypingAssetClerk", "/api/assets").statusCode()).isEqualTo(401);
            assertThat(http.get("noSuchUser", "/api/assets").statusCode()).isEqualTo(401);
        }
    }

    // ---- helpers

    long create(Map<String, Object> body) {
        HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    HttpResponse<String> transition(String user, long id, String to) {
        return http.postJson(user, "/api/assets/" + id + "/transitions", Http.toJson(Map.of("to", to, "reason", "测试")));
    }

    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static Map<String, String> fields(JsonNode error) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        error.get("fields").forEach(field -> fields.put(field.get("field").asText(), field.get("reason").asText()));
        return fields;
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
