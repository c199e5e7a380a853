package org.secflow.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * Threat and vulnerability intelligence over real HTTP: feeds imported once, indicators that mark the alert groups
 * naming them (7.2.7.5, 7.4.4), vulnerabilities matched to the asset ledger with a 漏洞预警 draft (7.4.5.2 a).
 */
@IntegrationTest
class IntelApiTest {

    static final String IMPORTS = "/api/intel/imports";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    String tag;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        // values of their own per test: the database lives as long as the test context
        tag = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void stixIndicatorNamedByALaterAlertMarksItsGroupWithTheSourceAndReimportAddsNothing() {
        String ip = randomIp();
        String expiredIp = randomIp();
        String bundle = stixBundle(ip, expiredIp);

        HttpResponse<String> first = upload("engineer", "bundle.json", bundle, Map.of());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode imported = Http.json(first);
        assertThat(imported.get("format").asText()).isEqualTo("STIX");
        assertThat(imported.get("source").asText()).isEqualTo("广东省网络安全威胁情报中心");
        assertThat(imported.get("newCount").asInt()).as("two indicators and one vulnerability").isEqualTo(3);
        assertThat(imported.get("skippedCount").asInt()).as("identity and relationship objects").isEqualTo(1);
        long items = itemCount();

        // the same file again: its first import, nothing added
        HttpResponse<String> again = upload("engineer", "bundle.json", bundle, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(Http.json(again).get("id").asLong()).isEqualTo(imported.get("id").asLong());
        // the same objects in another file (as a feed sends them again): known, nothing added
        HttpResponse<String> resent = upload("operator", "bundle-resent.json", bundle.replace("\n", "\r\n  "), Map.of());
        assertThat(resent.statusCode()).isEqualTo(201);
        assertThat(Http.json(resent).get("newCount").asInt()).isZero();
        assertThat(Http.json(resent).get("knownCount").asInt()).isEqualTo(3);
        assertThat(itemCount()).isEqualTo(items);

        JsonNode item = Http.json(http.get("auditor", "/api/intel/items?type=ip&q=" + ip)).get("items").get(0);
        assertThat(item.get("source").asText()).isEqualTo("广东省网络安全威胁情报中心");
        assertThat(item.get("confidence").asInt()).isEqualTo(85);
        assertThat(item.get("validUntil").asText()).startsWith("2037-");
        assertThat(item.get("createdAt").asText()).endsWith("+08:00");

        // later, an alert names the IP in its detail
        long group = alert("dst=" + ip + " 外联可疑地址");
        JsonNode details = Http.json(http.get("engineer", "/api/alerts/groups/" + group));
        assertThat(details.get("marks")).extracting(JsonNode::asText).containsExactly("命中威胁情报");
        JsonNode hit = details.get("intelHits").get(0);
        assertThat(hit.get("indicator").asText()).isEqualTo(ip);
        assertThat(hit.get("indicatorType").asText()).isEqualTo("ip");
        assertThat(hit.get("source").asText()).isEqualTo("广东省网络安全威胁情报中心");
        assertThat(hit.get("confidence").asInt()).isEqualTo(85);
        assertThat(details.get("intelHits")).hasSize(1);

        // an expired indicator matches nothing
        long quiet = alert("dst=" + expiredIp);
        JsonNode unmarked = Http.json(http.get("engineer", "/api/alerts/groups/" + quiet));
        assertThat(unmarked.get("marks")).isEmpty();
        assertThat(unmarked.get("intelHits")).isEmpty();
    }

    @Test
    void kevEntryForAProductOfARegisteredAssetYieldsAVulnerabilityWarningDraftNamingTheAsset() {
        String product = "Connect Secure " + tag;
        long asset = asset("SSL VPN 网关 " + tag, "Ivanti|" + product + "|22.7R2.3");
        long other = asset("办公系统 " + tag, "Ivanti|Policy Secure " + tag + "|22.7");
        String cve = randomCve();
        String kev = """
                {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2026.12.01",
                 "dateReleased": "2026-12-01T12:00:00.000Z", "count": 1, "vulnerabilities": [
                  {"cveID": "%s", "vendorProject": "Ivanti", "product": "%s",
                   "vulnerabilityName": "Ivanti Connect Secure Stack-Based Buffer Overflow", "dateAdded": "2026-11-30",
                   "shortDescription": "A stack-based buffer overflow allows remote code execution.",
                   "requiredAction": "Apply mitigations per vendor instructions.", "dueDate": "2026-12-21",
                   "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": ["CWE-121"]}]}
                """.formatted(cve, product);

        HttpResponse<String> response = upload("engineer", "known_exploited_vulnerabilities.json", kev, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode imported = Http.json(response);
        assertThat(imported.get("format").asText()).isEqualTo("KEV");
        assertThat(imported.get("source").asText()).isEqualTo("CISA KEV");
        assertThat(imported.get("assetMatchCount").asInt()).isEqualTo(1);
        assertThat(imported.get("draftCount").asInt()).isEqualTo(1);

        JsonNode matches = Http.json(http.get("auditor", "/api/intel/asset-matches?assetId=" + asset)).get("items");
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).get("cveId").asText()).isEqualTo(cve);
        assertThat(matches.get(0).get("knownExploited").asBoolean()).isTrue();
        assertThat(Http.json(http.get("auditor", "/api/intel/asset-matches?assetId=" + other)).get("total").asInt())
                .as("another product of the vendor").isZero();

        JsonNode notice = Http.json(http.get("manager", "/api/notices/" + matches.get(0).get("noticeId").asLong()));
        assertThat(notice.get("kind").asText()).isEqualTo("漏洞预警");
        assertThat(notice.get("status").asText()).as("a draft: a person publishes it").isEqualTo("草稿");
        assertThat(notice.get("cveId").asText()).isEqualTo(cve);
        assertThat(notice.get("vulnLevel").asText()).isEqualTo("高危");
        assertThat(notice.get("affectedScope").asText()).contains("SSL VPN 网关 " + tag, "广州市某委办局")
                .doesNotContain("办公系统 " + tag);
        assertThat(notice.get("content").asText()).contains("在野利用", "CISA KEV");
        assertThat(notice.get("title").asText()).startsWith("漏洞预警：" + cve);
    }

    @Test
    void nvdCveMatchesOnlyTheAssetsWhoseVersionIsInTheAffectedRange() {
        String product = "pan-os-" + tag;
        long affected = asset("防火墙 A " + tag, "Palo Alto Networks|" + product + "|10.2.5");
        long fixed = asset("防火墙 B " + tag, "paloaltonetworks|" + product + "|10.2.10");
        String cve = randomCve();
        String nvd = """
                {"resultsPerPage": 1, "startIndex": 0, "totalResults": 1, "format": "NVD_CVE", "version": "2.0",
                 "timestamp": "2026-12-01T08:00:00.000", "vulnerabilities": [{"cve": {
                  "id": "%s", "sourceIdentifier": "psirt@paloaltonetworks.com", "published": "2026-11-12T08:15:06.230",
                  "lastModified": "2026-11-13T01:00:00.000", "vulnStatus": "Analyzed",
                  "descriptions": [{"lang": "en", "value": "A command injection in GlobalProtect allows RCE as root."}],
                  "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {"version": "3.1",
                    "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "baseScore": 10.0, "baseSeverity": "CRITICAL"}}]},
                  "configurations": [{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": [
                    {"vulnerable": true, "criteria": "cpe:2.3:o:paloaltonetworks:%s:*:*:*:*:*:*:*:*",
                     "versionStartIncluding": "10.2.0", "versionEndExcluding": "10.2.9", "matchCriteriaId": "X"}]}]}],
                  "references": []}}]}
                """.formatted(cve, product.replace("-", "_"));

        JsonNode imported = Http.json(upload("engineer", "nvdcve-2.0.json", nvd, Map.of()));

        assertThat(imported.get("format").asText()).isEqualTo("NVD");
        assertThat(imported.get("assetMatchCount").asInt()).isEqualTo(1);
        JsonNode matches = Http.json(http.get("engineer", "/api/intel/asset-matches?assetId=" + affected)).get("items");
        assertThat(matches.get(0).get("severity").asText()).isEqualTo("超危");
        assertThat(Http.json(http.get("engineer", "/api/intel/asset-matches?assetId=" + fixed)).get("total").asInt()).isZero();
        JsonNode item = Http.json(http.get("auditor", "/api/intel/items/" + matches.get(0).get("itemId").asLong()));
        assertThat(item.get("item").get("confidence").asInt()).isEqualTo(90);
        assertThat(item.get("affectedProducts").get(0).asText()).contains("≥10.2.0", "<10.2.9");
        assertThat(Http.json(http.get("manager", "/api/notices/" + matches.get(0).get("noticeId").asLong()))
                .get("vulnLevel").asText()).isEqualTo("超危");
    }

    @Test
    void cnvdExportAsCsvIsImportedWithItsLevelsAndTheGivenConfidence() {
        String id = "CNVD-2026-" + (10000 + ThreadLocalRandom.current().nextInt(89999));
        String csv = "CNVD编号,漏洞名称,危害级别,CVE编号,影响产品,发布时间\n"
                + id + ",某OA系统SQL注入漏洞,高,,某OA " + tag + " 9.x,2026-11-20\n";

        HttpResponse<String> response = upload("operator", "cnvd.csv", csv, Map.of("confidence", "70"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(Http.json(response).get("source").asText()).isEqualTo("CNVD");
        JsonNode item = Http.json(http.get("auditor", "/api/intel/items?kind=漏洞情报&q=" + id)).get("items").get(0);
        assertThat(item.get("cnvdId").asText()).isEqualTo(id);
        assertThat(item.get("severity").asText()).isEqualTo("高危");
        assertThat(item.get("confidence").asInt()).isEqualTo(70);
        assertThat(item.get("publishedAt").asText()).startsWith("2026-11-20");
    }


    @Test
    void hostileOrBrokenFilesAreRefusedNamingTheFileAndWriteNothing() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("xxe.xml", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>");
        files.put("deep.json", "[".repeat(5000) + "]".repeat(5000));
        files.put("broken.json", "{\"type\": \"bundle\", \"objects\": [");
        files.put("other.json", "{\"hello\": \"world\"}");
        files.put("formula.csv", "CNVD编号,漏洞名称,危害级别\nCNVD-2026-12345,\"=HYPERLINK(\"\"http://x\"\")\",高\n");
        files.put("badrow.csv", "CNVD编号,漏洞名称,危害级别\nCVE-2026-1,名称,高\n");
        files.put("badtime.json", stixBundle(randomIp(), randomIp()).replace("2037-12-31T00:00:00Z", "tomorrow"));
        files.put("empty.txt", "");
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM intel_item", Long.class)
                + jdbc.queryForObject("SELECT COUNT(*) FROM intel_import", Long.class);
        for (Map.Entry<String, String> file : files.entrySet()) {
            HttpResponse<String> response = upload("engineer", file.getKey(), file.getValue(), Map.of());
            assertThat(response.statusCode()).as(file.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").get(0).get("field").asText()).isEqualTo("file");
        }
        assertThat(upload("engineer", "formula.csv", files.get("formula.csv"), Map.of()).body()).contains("第 2 行", "公式");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intel_item", Long.class)
                + jdbc.queryForObject("SELECT COUNT(*) FROM intel_import", Long.class)).isEqualTo(before);
    }

    @Test
    void anAssetsProductsMustBeLinesOfVendorProductAndVersion() {
        HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(Map.of("kind", "应用系统",
                "name", "网关 " + tag, "identifier", "app-" + UUID.randomUUID(), "ownerUnit", "广州市某委办局",
                "exposure", "互联网", "products", "Ivanti|Connect Secure|22.7\nOpenSSL 3.0")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("fields").get(0).get("field").asText()).isEqualTo("products");
        assertThat(Http.json(response).get("fields").get(0).get("reason").asText()).contains("第 2 行", "厂商|产品|版本");
    }

    @Test
    void badParametersAreNamed() {
        HttpResponse<String> confidence = upload("engineer", "b.json", stixBundle(randomIp(), randomIp()),
                Map.of("confidence", "120"));
        assertThat(confidence.statusCode()).isEqualTo(400);
        assertThat(Http.json(confidence).get("fields").get(0).get("field").asText()).isEqualTo("confidence");

        HttpResponse<String> noFile = http.upload("engineer", IMPORTS, "file", null, null, Map.of("source", "x"));
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("file");

        HttpResponse<String> kind = http.get("engineer", "/api/intel/items?kind=病毒");
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(Http.json(kind).get("fields").get(0).get("field").asText()).isEqualTo("kind");
        assertThat(http.get("engineer", "/api/intel/items/987654321").statusCode()).isEqualTo(404);
    }


    @Test
    void auditorsReadButDoNotImportAndAdministratorsWithoutTheGrantReadNothing() {
        HttpResponse<String> refused = upload("auditor", "a.json", stixBundle(randomIp(), randomIp()), Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(http.get("auditor", "/api/intel/items").statusCode()).isEqualTo(200);
        assertThat(http.get("sysadmin", "/api/intel/items").statusCode()).isEqualTo(403);
        assertThat(http.get(null, "/api/intel/items").statusCode()).isEqualTo(401);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private HttpResponse<String> upload(String user, String fileName, String content, Map<String, String> fields) {
        return http.upload(user, IMPORTS, "file", fileName, content.getBytes(StandardCharsets.UTF_8), fields);
    }

    private long itemCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM intel_item", Long.class);
    }

    private long alert(String detail) {
        Map<String, Object> alert = Map.of("source", "IDS-" + tag, "alertType", "可疑外联", "asset", "pc-" + UUID.randomUUID(),
                "severity", "中", "title", "主机外联可疑地址 " + UUID.randomUUID(), "detail", detail);
        HttpResponse<String> response = http.postJson("operator", "/api/alerts", Http.toJson(alert));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get(0).get("groupId").asLong();
    }

    private long asset(String name, String products) {
        Map<String, Object> body = Map.of("kind", "应用系统", "name", name, "identifier", "app-" + UUID.randomUUID(),
                "ownerUnit", "广州市某委办局", "exposure", "互联网", "products", products);
        HttpResponse<String> response = http.postJson("operator", "/api/assets", Http.toJson(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("id").asLong();
    }

    static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    static String randomCve() {
        return "CVE-2026-" + (100000 + ThreadLocalRandom.current().nextInt(899999));
    }

    /** A provider's bundle: an identity, an indicator valid until 2037, one that expired, a vulnerability. */
    static String stixBundle(String ip, String expiredIp) {
        String identity = "identity--" + UUID.randomUUID();
        return """
                {"type": "bundle", "id": "bundle--%s", "objects": [
                  {"type": "identity", "spec_version": "2.1", "id": "%s", "created": "2026-11-01T00:00:00.000Z",
                   "modified": "2026-11-01T00:00:00.000Z", "name": "广东省网络安全威胁情报中心", "identity_class": "organization"},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created_by_ref": "%s",
                   "created": "2026-11-30T08:00:00.000Z", "modified": "2026-11-30T08:00:00.000Z", "name": "C2 服务器",
                   "indicator_types": ["malicious-activity"], "pattern": "[ipv4-addr:value = '%s']", "pattern_type": "stix",
                   "valid_from": "2026-11-30T08:00:00Z", "valid_until": "2037-12-31T00:00:00Z", "confidence": 85},
                  {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created_by_ref": "%s",
                   "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z", "name": "旧 C2",
                   "pattern": "[ipv4-addr:value = '%s']", "pattern_type": "stix",
                   "valid_from": "2020-01-01T00:00:00Z", "valid_until": "2020-06-30T00:00:00Z"},
                  {"type": "vulnerability", "spec_version": "2.1", "id": "vulnerability--%s", "created_by_ref": "%s",
                   "created": "2026-11-30T08:00:00.000Z", "modified": "2026-11-30T08:00:00.000Z", "name": "%s",
                   "external_references": [{"source_name": "cve", "external_id": "%s"}]}
                ]}
                """.formatted(UUID.randomUUID(), identity, UUID.randomUUID(), identity, ip, UUID.randomUUID(), identity,
                expiredIp, UUID.randomUUID(), identity, randomCve(), randomCve());
    }
}
