package org.secflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.secflow.crypto.KeyRing;
import org.secflow.crypto.Sm3;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The signed export of the audit trail: whoever may read the trail downloads it, it verifies, tampering shows. */
@IntegrationTest
class AuditExportTest {

    static final String PERIOD = "/api/audit/export?from=2000-01-01&to=2099-12-31";

    @Autowired ProcessEngine engine;
    @Autowired KeyRing keys;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;

    @Test
    void anExportVerifiesWithTheKeyFileAloneIsAuditedAndAnyTamperingIsDetected() throws Exception {
        ProcessDriver driver = new ProcessDriver(engine);
        ProcessInstance pi = driver.startRequest("operator", "boundarySecurity");
        driver.complete(pi, "userTask_confirmRequirement", "engineer",
                Map.of("protectionScope", "出口", "protectedObjects", "防火墙", "accessRules", "最小开放"));
        Http http = new Http(port);

        assertThat(http.getBytes("operator", PERIOD).statusCode()).as("staff may not read the trail").isEqualTo(403);
        assertThat(http.get("auditor", "/api/audit/export?from=2026-03-01&to=2026-01-01").statusCode()).isEqualTo(400);

        long exportsBefore = count("audit.exported");
        HttpResponse<byte[]> response = http.getBytes("auditor", PERIOD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("secflow-audit-2000-01-01_2099-12-31.zip");
        byte[] zip = response.body();

        // with the key file alone (as after a restore on another machine)
        KeyRing fromFile = KeyRing.load(Path.of(System.getProperty("secflow.crypto.key-file")));
        AuditExportVerifier.Result result = AuditExportVerifier.verify(zip, fromFile);
        assertThat(result.valid()).as(result.toString()).isTrue();
        assertThat(result.entries()).isPositive().isLessThanOrEqualTo(
                jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE chain_seq IS NOT NULL", Long.class));
        Map<String, byte[]> files = unzip(zip);
        assertThat(new String(files.get("entries.jsonl"), StandardCharsets.UTF_8)).contains("\"task.complete\"")
                .contains(pi.getId());
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        assertThat(manifest.get("entries").asLong()).isEqualTo(result.entries());
        assertThat(manifest.get("exportedBy").asText()).isEqualTo("auditor");

        // the export is in the audit trail, with what was exported
        assertThat(count("audit.exported")).isEqualTo(exportsBefore + 1);
        Map<String, Object> exported = jdbc.queryForMap("SELECT actor, content FROM audit_entry "
                + "WHERE event_type = 'audit.exported' ORDER BY id DESC LIMIT 1");
        assertThat(exported.get("actor")).isEqualTo("auditor");
        assertThat((String) exported.get("content")).contains(manifest.get("entriesSm3").asText());

        // the endpoint says the same
        JsonNode checked = Http.json(http.upload("auditor", "/api/audit/export/verify", "file", "export.zip", zip, Map.of()));
        assertThat(checked.get("valid").asBoolean()).as(checked.toString()).isTrue();

        // an edited entry: the entries' SM3 no longer matches the signed manifest
        String entries = new String(files.get("entries.jsonl"), StandardCharsets.UTF_8);
        String edited = entries.replaceFirst("\"engineer\"", "\"manager\"");
        assertThat(edited).isNotEqualTo(entries);
        AuditExportVerifier.Result tampered = AuditExportVerifier.verify(rezip(files, "entries.jsonl",
                edited.getBytes(StandardCharsets.UTF_8)), fromFile);
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.reason()).contains("SM3");

        // ... and a manifest fixed up to match, without the key: the signature fails
        Map<String, byte[]> forged = new LinkedHashMap<>(files);
        forged.put("entries.jsonl", edited.getBytes(StandardCharsets.UTF_8));
        forged.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace(manifest.get("entriesSm3").asText(), Sm3.digestHex(edited.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8));
        AuditExportVerifier.Result resigned = AuditExportVerifier.verify(zip(forged), fromFile);
        assertThat(resigned.valid()).isFalse();
        assertThat(resigned.reason()).contains("签名");
        JsonNode refused = Http.json(http.upload("auditor", "/api/audit/export/verify", "file", "export.zip", zip(forged), Map.of()));
        assertThat(refused.get("valid").asBoolean()).isFalse();

        // a dropped line, and something that is not an export at all
        String dropped = entries.substring(entries.indexOf('\n') + 1);
        assertThat(AuditExportVerifier.verify(rezip(files, "entries.jsonl", dropped.getBytes(StandardCharsets.UTF_8)), fromFile)
                .valid()).isFalse();
        assertThat(AuditExportVerifier.verify("not a zip".getBytes(StandardCharsets.UTF_8), fromFile).valid()).isFalse();
        assertThat(Http.json(http.get("auditor", "/api/audit/verify")).get("valid").asBoolean()).isTrue();
    }

    private long count(String eventType) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event_type = ?", Long.class, eventType);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static byte[] rezip(Map<String, byte[]> files, String name, byte[] content) throws IOException {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(name, content);
        return zip(copy);
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
