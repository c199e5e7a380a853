package org.secflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal data at rest is SM4 ciphertext (8.1.4.8), answers show it masked, and only holders of READ on
 * PersonalData see it in full, each time recorded in the audit trail (8.1.4.11).
 */
@IntegrationTest
class PersonalDataProtectionTest {

    static final String PHONE = "13812348000";
    static final String MAIL = "zhang.san@example.com";

    @Autowired JdbcTemplate jdbc;
    @Autowired PersonalDataEncryption encryption;
    @LocalServerPort int port;

    @Test
    void aTicketsContactIsCiphertextInTheDatabaseMaskedInListsAndRevealedOnlyWithThePermissionAudited() {
        Http http = new Http(port);
        HttpResponse<String> created = http.postJson("operator", "/api/tickets", Http.toJson(ticket()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).get("id").asLong();
        assertThat(created.body()).doesNotContain(PHONE).doesNotContain(MAIL);

        // straight from the database: ciphertext, no trace of the clear values
        Map<String, Object> row = jdbc.queryForMap("SELECT contact_person, contact_info FROM ticket WHERE id = ?", id);
        assertThat((String) row.get("contact_info")).startsWith("SM4:").doesNotContain(PHONE).doesNotContain("zhang");
        assertThat((String) row.get("contact_person")).startsWith("SM4:").doesNotContain("张");

        // lists and records: masked
        JsonNode list = Http.json(http.get("engineer", "/api/tickets?size=200"));
        JsonNode listed = find(list.get("items"), id);
        assertThat(listed.get("contactInfo").asText()).isEqualTo("手机 138****8000，邮箱 z***@example.com");
        assertThat(listed.get("contactPerson").asText()).isEqualTo("张**");
        assertThat(http.get("auditor", "/api/tickets/" + id).body()).doesNotContain(PHONE);

        // reveal without the permission: 403 and nothing recorded
        long reveals = reveals();
        assertThat(http.get("engineer", "/api/tickets?reveal=true").statusCode()).isEqualTo(403);
        HttpResponse<String> refused = http.get("auditor", "/api/tickets/" + id + "?reveal=true");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(PHONE);
        assertThat(reveals()).isEqualTo(reveals);

        // with READ on PersonalData (service desk): in full, and the showing is in the audit trail
        JsonNode revealed = Http.json(http.get("operator", "/api/tickets/" + id + "?reveal=true"));
        assertThat(revealed.get("contactInfo").asText()).isEqualTo("手机 " + PHONE + "，邮箱 " + MAIL);
        assertThat(revealed.get("contactPerson").asText()).isEqualTo("张三丰");
        assertThat(reveals()).isEqualTo(reveals + 1);
        Map<String, Object> entry = jdbc.queryForMap("SELECT actor, content, chain_seq FROM audit_entry "
                + "WHERE event_type = 'personalData.revealed' ORDER BY id DESC LIMIT 1");
        assertThat(entry.get("actor")).isEqualTo("operator");
        assertThat((String) entry.get("content")).contains("\"Ticket\"").contains("\"ids\":[" + id + "]")
                .contains("contactInfo").doesNotContain(PHONE);
        JsonNode verify = Http.json(http.get("auditor", "/api/audit/verify"));
        assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();

        JsonNode revealedList = Http.json(http.get("manager", "/api/tickets?size=200&reveal=true"));
        assertThat(find(revealedList.get("items"), id).get("contactInfo").asText()).contains(PHONE);
        assertThat(reveals()).isEqualTo(reveals + 2);
    }

    @Test
    void clearValuesWrittenBeforeTheUpgradeAreEncryptedAtStartAndTheProcessVariablesAuditedMasked() {
        Http http = new Http(port);
        long id = Http.json(http.postJson("operator", "/api/tickets", Http.toJson(ticket()))).get("id").asLong();
        jdbc.update("UPDATE ticket SET contact_info = ? WHERE id = ?", "旧数据 13900001111", id);
        encryption.encryptClearValues();
        String stored = jdbc.queryForObject("SELECT contact_info FROM ticket WHERE id = ?", String.class, id);
        assertThat(stored).startsWith("SM4:").doesNotContain("13900001111");
        assertThat(Http.json(http.get("operator", "/api/tickets/" + id + "?reveal=true")).get("contactInfo").asText())
                .isEqualTo("旧数据 13900001111");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE content LIKE ?", Long.class, "%" + PHONE + "%"))
                .as("no clear phone number in the audit trail").isZero();
    }

    private long reveals() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event_type = 'personalData.revealed'", Long.class);
    }

    private static JsonNode find(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("ticket " + id + " not in " + items);
    }

    private static Map<String, Object> ticket() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "咨询");
        body.put("channel", "热线");
        body.put("priority", "中");
        body.put("title", "等级保护测评准备-" + System.nanoTime());
        body.put("description", "三级系统首次测评，需要准备哪些材料？");
        body.put("requestingUnit", "广州市某委办局");
        body.put("contactPerson", "张三丰");
        body.put("contactInfo", "手机 " + PHONE + "，邮箱 " + MAIL);
        return body;
    }
}
