package org.secflow.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The knowledge base over real HTTP: Chinese search by sub-phrase, ranking, snippets, answers kept from tickets. */
@IntegrationTest
class KnowledgeApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    Http http;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @Test
    void chineseTextIsFoundByASubPhraseWithASnippetAroundIt() {
        long id = create("勒索病毒应急处置指南", "发现主机感染勒索病毒后，应立即断开网络连接，保留加密文件样本，并上报安全管理员。");

        JsonNode hit = hit(search("断开网络"), id);

        assertThat(hit).as("a phrase from the middle of the text, no spaces around it").isNotNull();
        assertThat(hit.get("title").asText()).isEqualTo("勒索病毒应急处置指南");
        assertThat(hit.get("snippet").asText()).contains("立即断开网络连接");
        assertThat(hit(search("防火墙策略"), id)).as("a phrase it does not have").isNull();
    }

    @Test
    void theBetterMatchRanksFirst() {
        long weak = create("终端安全基线", "终端应安装防病毒软件并定期更新，防范勒索病毒等恶意程序。");
        long strong = create("勒索病毒处置流程", "勒索病毒处置：隔离感染主机，排查勒索病毒传播途径，恢复备份，复盘勒索病毒处置过程。");
        long unrelated = create("防火墙策略配置规范", "防火墙策略按最小授权原则配置，定期清理失效策略。");

        List<Long> ranked = ids(search("勒索病毒处置"));

        assertThat(ranked).contains(strong, weak).doesNotContain(unrelated);
        assertThat(ranked.indexOf(strong)).isLessThan(ranked.indexOf(weak));
    }

    @Test
    void asciiWordsAndIdentifiersAreFoundCaseInsensitively() {
        long id = create("PAN-OS 命令注入漏洞 CVE-2024-3400", "GlobalProtect 网关存在命令注入，升级到修复版本。");
        assertThat(ids(search("globalprotect 网关"))).contains(id);
        assertThat(ids(search("CVE-2024-3400"))).contains(id);
    }

    @Test
    void expertAnswerToATicketIsKeptAsAnArticleAndFound() {
        long ticket = Http.json(http.postJson("operator", "/api/tickets",
                Http.toJson(TicketApiTest.consulting("平台", "中")))).get("id").asLong();

        HttpResponse<String> response = http.postJson("engineer", "/api/tickets/" + ticket + "/knowledge", Http.toJson(Map.of(
                "title", "数据出境安全评估申报要点", "content", "数据出境前须完成安全评估申报，准备自评估报告和数据处理协议。",
                "category", "数据安全")));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode article = Http.json(response);
        assertThat(article.get("sourceTicketId").asLong()).isEqualTo(ticket);
        assertThat(article.get("createdBy").asText()).isEqualTo("engineer");
        JsonNode hit = hit(search("自评估报告"), article.get("id").asLong());
        assertThat(hit.get("sourceTicketId").asLong()).isEqualTo(ticket);

        JsonNode direct = Http.json(http.postJson("engineer", "/api/knowledge", Http.toJson(Map.of(
                "title", "重复提问的答复", "content", "同上", "sourceTicketId", ticket))));
        assertThat(direct.get("sourceTicketId").asLong()).isEqualTo(ticket);
    }

    @Test
    void changedTextIsSearchedByItsNewWordsAndARetiredArticleIsNoLongerFound() {
        long id = create("口令策略", "口令长度不少于八位。");

        HttpResponse<String> updated = http.putJson("operator", "/api/knowledge/" + id,
                Http.toJson(Map.of("title", "口令策略", "content", "口令长度不少于十二位，启用双因素认证。")));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(ids(search("双因素认证"))).contains(id);
        assertThat(ids(search("八位"))).as("words no longer in the text").doesNotContain(id);

        assertThat(Http.json(http.postJson("operator", "/api/knowledge/" + id + "/retire", "")).get("status").asText())
                .isEqualTo("已废止");
        assertThat(ids(search("双因素认证"))).doesNotContain(id);
        assertThat(http.get("auditor", "/api/knowledge/" + id).statusCode()).isEqualTo(200);
        assertThat(http.postJson("operator", "/api/knowledge/" + id + "/retire", "").statusCode()).isEqualTo(409);
        assertThat(http.putJson("operator", "/api/knowledge/" + id, Http.toJson(Map.of("title", "x", "content", "y"))).statusCode())
                .isEqualTo(409);
    }

    @Test
    void withoutAQueryTheNewestArticlesArePaged() {
        create("值班交接规范", "交接班时核对告警与工单。");
        JsonNode page = Http.json(http.get("auditor", "/api/knowledge?size=2"));
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("size").asInt()).isEqualTo(2);
    }

    @Nested
    class Refused {

        @Test
        void missingFieldsAndAnUnknownTicketAreNamed() {
            HttpResponse<String> response = http.postJson("operator", "/api/knowledge",
                    Http.toJson(Map.of("content", " ", "sourceTicketId", 987654321)));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("title", "content", "sourceTicketId");
            assertThat(http.postJson("engineer", "/api/tickets/987654321/knowledge",
                    Http.toJson(Map.of("title", "t", "content", "c"))).statusCode()).isEqualTo(404);
        }

        @Test
        void auditorSearchesButMayNotWrite() {
            long id = create("日志留存", "日志至少留存六个月。");
            assertThat(http.get("auditor", "/api/knowledge?q=" + enc("日志留存")).statusCode()).isEqualTo(200);
            assertThat(http.postJson("auditor", "/api/knowledge", Http.toJson(Map.of("title", "t", "content", "c")))
                    .statusCode()).isEqualTo(403);
            assertThat(http.postJson("auditor", "/api/knowledge/" + id + "/retire", "").statusCode()).isEqualTo(403);
        }

        @Test
        void withoutCredentialsItIsUnauthorized() {
            assertThat(http.get(null, "/api/knowledge?q=" + enc("勒索")).statusCode()).isEqualTo(401);
        }

        @Test
        void unknownArticleIsNotFound() {
            assertThat(http.get("operator", "/api/knowledge/987654321").statusCode()).isEqualTo(404);
            assertThat(http.postJson("operator", "/api/knowledge/987654321/retire", "").statusCode()).isEqualTo(404);
        }
    }

    private long create(String title, String content) {
        HttpResponse<String> response = http.postJson("operator", "/api/knowledge",
                Http.toJson(Map.of("title", title, "content", content)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    private JsonNode search(String q) {
        HttpResponse<String> response = http.get("operator", "/api/knowledge?size=200&q=" + enc(q));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("items");
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static JsonNode hit(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        return null;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
