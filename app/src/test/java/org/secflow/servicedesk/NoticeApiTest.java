package org.secflow.servicedesk;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
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

/** Security notices over real HTTP: GB/T 43557 elements, publication to users and groups, inbox and read receipts. */
@IntegrationTest
class NoticeApiTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProcessEngine engine;
    Http http;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void vulnerabilityNoticeCarriesItsElementsANumberAndOnPublicationItsSubmissionTime() {
        HttpResponse<String> response = http.postJson("engineer", "/api/notices", Http.toJson(vulnerability(List.of("auditor"), List.of())));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode draft = Http.json(response);
        assertThat(draft.get("noticeNo").asText()).matches("TG-\\d{8}-\\d{5,}");
        assertThat(draft.get("status").asText()).isEqualTo("草稿");
        assertThat(draft.get("reporter").asText()).as("报送人员 defaults to the author, masked").isEqualTo("e****");
        assertThat(Http.json(http.get("manager", "/api/notices/" + draft.get("id").asLong() + "?reveal=true"))
                .get("reporter").asText()).as("shown in full to PersonalData readers").isEqualTo("engineer");
        assertThat(draft.get("cveId").asText()).isEqualTo("CVE-2024-3400");
        assertThat(draft.get("discoveredAt").asText()).isEqualTo("2026-11-28T09:30:00+08:00");
        assertThat(draft.get("submittedAt").isNull()).isTrue();
        assertThat(draft.get("recipients").findValuesAsText("id")).containsExactly("auditor");

        JsonNode published = Http.json(http.postJson("manager", "/api/notices/" + draft.get("id").asLong() + "/publish", ""));

        assertThat(published.get("status").asText()).isEqualTo("已发布");
        assertThat(published.get("submittedAt").asText()).as("报送时间 to the second")
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00");
        HttpResponse<String> again = http.postJson("manager", "/api/notices/" + draft.get("id").asLong() + "/publish", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Http.json(again).get("message").asText()).contains("已发布");
    }

    @Test
    void recipientsReadTheirMessagesUnreadFirstWithReceiptsKeptOnce() {
        Date start = new Date((System.currentTimeMillis() / 1000) * 1000);
        ClockUtil.setCurrentTime(start);
        long first = publish(situation(List.of("auditor"), List.of("technical")));
        ClockUtil.setCurrentTime(new Date(start.getTime() + 60_000));
        long second = publish(situation(List.of("engineer"), List.of()));

        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(5).toMillis()));
        JsonNode receipt = Http.json(http.postJson("engineer", "/api/notices/" + first + "/read", ""));
        assertThat(receipt.get("read").asBoolean()).isTrue();
        String readAt = receipt.get("readAt").asText();
        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(9).toMillis()));
        assertThat(Http.json(http.postJson("engineer", "/api/notices/" + first + "/read", "")).get("readAt").asText())
                .as("reading again keeps the first receipt").isEqualTo(readAt);

        JsonNode inbox = Http.json(http.get("engineer", "/api/notices/inbox?size=200")).get("items");
        List<Long> order = new ArrayList<>();
        List<Boolean> read = new ArrayList<>();
        inbox.forEach(m -> {
            order.add(m.get("noticeId").asLong());
            read.add(m.get("read").asBoolean());
        });
        assertThat(order).contains(first, second);
        assertThat(order.indexOf(second)).as("unread before read").isLessThan(order.indexOf(first));
        assertThat(read.lastIndexOf(false)).as("all unread come first").isLessThan(Math.max(read.indexOf(true), read.size()));
        if (read.contains(true)) {
            assertThat(read.subList(read.indexOf(true), read.size())).containsOnly(true);
        }

        JsonNode receipts = Http.json(http.get("auditor", "/api/notices/" + first + "/receipts"));
        assertThat(receipts.get("read").findValuesAsText("userId")).containsExactly("engineer");
        assertThat(receipts.get("read").get(0).get("readAt").asText()).isEqualTo(readAt);
        assertThat(receipts.get("unread").findValuesAsText("userId")).contains("auditor").doesNotContain("engineer");

        // the auditor, a recipient, may confirm reading although it may not write notices
        assertThat(http.postJson("auditor", "/api/notices/" + first + "/read", "").statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("manager", "/api/notices/" + first + "/receipts")).get("read")
                .findValuesAsText("userId")).contains("engineer", "auditor");
    }

    @Test
    void aDraftIsInNoInboxAndListsArePaged() {
        JsonNode draft = Http.json(http.postJson("operator", "/api/notices", Http.toJson(situation(List.of("manager"), List.of()))));
        long id = draft.get("id").asLong();
        assertThat(http.postJson("manager", "/api/notices/" + id + "/read", "").statusCode()).isEqualTo(404);
        assertThat(Http.json(http.get("auditor", "/api/notices/" + id + "/receipts")).get("recipients").asInt()).isZero();
        JsonNode drafts = Http.json(http.get("auditor", "/api/notices?status=草稿&size=1"));
        assertThat(drafts.get("items")).hasSize(1);
        assertThat(drafts.get("items").get(0).get("status").asText()).isEqualTo("草稿");
        assertThat(Http.json(http.get("auditor", "/api/notices/" + id)).get("title").asText()).isEqualTo(draft.get("title").asText());
    }

    @Nested
    class Refused {

        @Test
        void vulnerabilityNoticeWithoutItsElementsIsRefusedWithEveryOneNamed() {
            long notices = jdbc.queryForObject("SELECT COUNT(*) FROM notice", Long.class);
            Map<String, Object> body = situation(List.of("engineer"), List.of());
            body.put("kind", "漏洞预警");

            HttpResponse<String> response = http.postJson("engineer", "/api/notices", Http.toJson(body));

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode answer = Http.json(response);
            assertThat(answer.get("fields").findValuesAsText("field")).containsExactlyInAnyOrder("discoveredAt", "vulnType",
                    "vulnLevel", "cveId", "affectedScope", "consequence", "relatedInfo");
            assertThat(answer.toString()).contains("发现时间：必填", "超危、高危、中危、低危", "CVE、CNVD、CNNVD");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notice", Long.class)).isEqualTo(notices);
        }

        @Test
        void badIdentifiersUnknownRecipientsAndMissingCommonElementsAreNamed() {
            Map<String, Object> body = vulnerability(List.of("nobody-x"), List.of("no-such-group"));
            body.put("cnvdId", "CNVD-24-1");
            body.remove("reportingUnit");
            body.remove("title");

            HttpResponse<String> response = http.postJson("engineer", "/api/notices", Http.toJson(body));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("cnvdId", "users[0]", "groups[0]", "reportingUnit", "title");
            Map<String, Object> nobody = situation(List.of(), List.of());
            assertThat(Http.json(http.postJson("engineer", "/api/notices", Http.toJson(nobody))).get("fields")
                    .findValuesAsText("field")).containsExactly("users");
        }

        @Test
        void auditorReadsButMayNotWriteOrPublish() {
            long id = Http.json(http.postJson("engineer", "/api/notices", Http.toJson(situation(List.of("auditor"), List.of()))))
                    .get("id").asLong();
            assertThat(http.get("auditor", "/api/notices/" + id).statusCode()).isEqualTo(200);
            assertThat(http.postJson("auditor", "/api/notices", Http.toJson(situation(List.of("auditor"), List.of())))
                    .statusCode()).isEqualTo(403);
            assertThat(http.postJson("auditor", "/api/notices/" + id + "/publish", "").statusCode()).isEqualTo(403);
        }

        @Test
        void withoutCredentialsItIsUnauthorized() {
            assertThat(http.get(null, "/api/notices/inbox").statusCode()).isEqualTo(401);
            assertThat(http.postJson(null, "/api/notices/1/read", "").statusCode()).isEqualTo(401);
        }

        @Test
        void unknownNoticeIsNotFound() {
            assertThat(http.get("operator", "/api/notices/987654321").statusCode()).isEqualTo(404);
            assertThat(http.postJson("operator", "/api/notices/987654321/publish", "").statusCode()).isEqualTo(404);
            assertThat(http.postJson("operator", "/api/notices/987654321/read", "").statusCode()).isEqualTo(404);
            assertThat(http.get("operator", "/api/notices/987654321/receipts").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void publishedVulnerabilityNoticeDownloadsAsHtmlAndAsPdfWithItsNumberAndElementsInChinese() throws IOException {
        Map<String, Object> body = vulnerability(List.of("auditor"), List.of());
        long id = publish(body);
        JsonNode notice = Http.json(http.get("auditor", "/api/notices/" + id));
        String number = notice.get("noticeNo").asText();

        HttpResponse<String> html = http.get("auditor", "/api/notices/" + id + "/document");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("网络安全通告", number, (String) body.get("title"), "漏洞预警",
                notice.get("submittedAt").asText().substring(0, 10), "广州市政务外网安全运营中心", "engineer",
                "2026-11-28 09:30:00", "代码问题", "超危", "CVE-2024-3400", "CNNVD-202404-1234",
                "政务外网边界部署的 PAN-OS", "未经认证的远程命令执行", "PAN-SA-2024-0015", "GB/T 43557—2023")
                .doesNotContain("尚未报送");

        HttpResponse<byte[]> pdf = bytes("auditor", "/api/notices/" + id + "/document?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains(".pdf");
        assertThat(pdfText(pdf.body())).contains("网络安全通告", number, "报送时间", "报送单位", "广州市政务外网安全运营中心",
                "发现时间", "漏洞类型", "代码问题", "漏洞级别", "超危", "CVE-2024-3400", "影响范围", "危害后果", "关联信息",
                "未经认证的远程命令执行");
    }

    @Test
    void draftRendersMarkedAsNotSubmittedAndAnUnknownFormatIsBadInput() {
        HttpResponse<String> created = http.postJson("engineer", "/api/notices", Http.toJson(situation(List.of("auditor"), List.of())));
        long id = Http.json(created).get("id").asLong();

        assertThat(http.get("engineer", "/api/notices/" + id + "/document").body()).contains("草稿，尚未报送", "安全态势")
                .doesNotContain("漏洞级别");
        HttpResponse<String> bad = http.get("engineer", "/api/notices/" + id + "/document?format=docx");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("fields").get(0).get("field").asText()).isEqualTo("format");
        assertThat(http.get("engineer", "/api/notices/999999999/document").statusCode()).isEqualTo(404);
    }

    @Test
    void noticeOfASecurityNoticeProcessIsFiledWithThatProcessWhenPublished() {
        ProcessInstance process = new ProcessDriver(engine).startRequest("engineer", "securityNotice");
        Map<String, Object> body = vulnerability(List.of("auditor"), List.of());
        body.put("processInstanceId", process.getId());
        HttpResponse<String> created = http.postJson("engineer", "/api/notices", Http.toJson(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode draft = Http.json(created);
        assertThat(draft.get("processInstanceId").asText()).isEqualTo(process.getId());
        String documents = "/api/processes/" + process.getId() + "/documents";
        assertThat(Http.json(http.get("auditor", documents))).isEmpty();

        http.postJson("manager", "/api/notices/" + draft.get("id").asLong() + "/publish", "");

        String kind = "安全通告 " + draft.get("noticeNo").asText();
        assertThat(Http.json(http.get("auditor", documents)).findValuesAsText("kind")).containsExactly(kind);
        HttpResponse<String> filed = http.get("auditor", documents + "/" + URLEncoder.encode(kind, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(filed.statusCode()).isEqualTo(200);
        assertThat(filed.body()).contains("网络安全通告", draft.get("noticeNo").asText(), "CVE-2024-3400").doesNotContain("尚未报送");
    }

    @Test
    void processThatIsNotASecurityNoticeIsRefusedNamingTheField() {
        ProcessInstance other = new ProcessDriver(engine).startRequest("engineer", "accessControl");
        Map<String, Object> body = situation(List.of("auditor"), List.of());
        body.put("processInstanceId", other.getId());

        HttpResponse<String> response = http.postJson("engineer", "/api/notices", Http.toJson(body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("fields").findValuesAsText("field")).containsExactly("processInstanceId");
    }

    private HttpResponse<byte[]> bytes(String user, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + Staff.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pdfText(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the renderer breaks long lines: compare the words without line breaks
            return new PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", "");
        }
    }

    private long publish(Map<String, Object> body) {
        HttpResponse<String> created = http.postJson("engineer", "/api/notices", Http.toJson(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = Http.json(created).get("id").asLong();
        assertThat(http.postJson("manager", "/api/notices/" + id + "/publish", "").statusCode()).isEqualTo(200);
        return id;
    }

    static Map<String, Object> situation(List<String> users, List<String> groups) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "安全态势");
        body.put("title", "十一月安全态势通告-" + System.nanoTime());
        body.put("content", "本月高危漏洞 3 个，热点为勒索软件攻击。");
        body.put("reportingUnit", "广州市政务外网安全运营中心");
        body.put("users", users);
        body.put("groups", groups);
        return body;
    }

    static Map<String, Object> vulnerability(List<String> users, List<String> groups) {
        Map<String, Object> body = situation(users, groups);
        body.put("kind", "漏洞预警");
        body.put("title", "PAN-OS GlobalProtect 命令注入漏洞预警-" + System.nanoTime());
        body.put("discoveredAt", "2026-11-28T09:30:00+08:00");
        body.put("vulnType", "代码问题");
        body.put("vulnLevel", "超危");
        body.put("cveId", "CVE-2024-3400");
        body.put("cnnvdId", "CNNVD-202404-1234");
        body.put("affectedScope", "政务外网边界部署的 PAN-OS 10.2、11.0、11.1 设备");
        body.put("consequence", "未经认证的远程命令执行，可完全控制设备");
        body.put("relatedInfo", "厂商公告 PAN-SA-2024-0015");
        return body;
    }
}
