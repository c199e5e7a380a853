package org.secflow.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.secflow.crypto.KeyRing;
import org.secflow.crypto.Sm3;
import org.secflow.process.EngineTime;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The audit trail of a period as a signed archive (GB/T 22239—2019 8.1.4.3, 8.1.4.7): a zip with
 * {@code entries.jsonl} (one sealed entry per line with its chain fields), {@code manifest.json}
 * (period, count, first and last sequence number, SM3 of the entries file, key id) and
 * {@code manifest.sig} (HMAC-SM3 of the manifest under the audit key). {@link AuditExportVerifier}
 * checks one, also on another machine after a restore. Every export is itself an audit entry.
 */
@Service
public class AuditExport {

    static final String FORMAT = "secflow-audit-export/1";
    static final String ENTRIES = "entries.jsonl";
    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "manifest.sig";
    private static final int PAGE = 500;

    private final AuditChain chain;
    private final AuditMapper mapper;
    private final KeyRing keys;
    private final ObjectMapper json;

    AuditExport(AuditChain chain, AuditMapper mapper, KeyRing keys, ObjectMapper json) {
        this.chain = chain;
        this.mapper = mapper;
        this.keys = keys;
        this.json = json;
    }

    /** The entries that occurred from {@code from} to {@code to}, both days included. */
    public byte[] export(LocalDate from, LocalDate to, String actor) {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "必填，格式 yyyy-MM-dd");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "不能早于开始日期 from");
        }
        chain.seal();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        long count = 0;
        Long firstSeq = null;
        long lastSeq = 0;
        long fromSeq = 1;
        List<AuditEntry> page;
        try {
            while (!(page = mapper.findSealedBetween(from.atStartOfDay(), to.plusDays(1).atStartOfDay(), fromSeq, PAGE)).isEmpty()) {
                for (AuditEntry entry : page) {
                    entries.write(json.writeValueAsBytes(line(entry)));
                    entries.write('\n');
                    count++;
                    firstSeq = firstSeq == null ? entry.getChainSeq() : firstSeq;
                    lastSeq = entry.getChainSeq();
                }
                fromSeq = lastSeq + 1;
            }
            byte[] entryBytes = entries.toByteArray();
            String keyId = keys.currentHmacKeyId();
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("from", from.toString());
            manifest.put("to", to.toString());
            manifest.put("exportedAt", OffsetDateTime.now(EngineTime.DISPLAY_ZONE).withNano(0).toString());
            manifest.put("exportedBy", actor);
            manifest.put("entries", count);
            manifest.put("firstSeq", firstSeq);
            manifest.put("lastSeq", count == 0 ? null : lastSeq);
            manifest.put("entriesSm3", Sm3.digestHex(entryBytes));
            manifest.put("signature", "HMAC-SM3");
            manifest.put("keyId", keyId);
            byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            String signature = "HMAC-SM3 " + keyId + " " + Sm3.hexOf(Sm3.hmac(keys.hmacKey(keyId), manifestBytes)) + "\n";

            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8)) {
                put(out, MANIFEST, manifestBytes);
                put(out, ENTRIES, entryBytes);
                put(out, SIGNATURE, signature.getBytes(StandardCharsets.US_ASCII));
            }
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("from", from.toString());
            audit.put("to", to.toString());
            audit.put("entries", count);
            audit.put("firstSeq", firstSeq);
            audit.put("lastSeq", count == 0 ? null : lastSeq);
            audit.put("entriesSm3", manifest.get("entriesSm3"));
            audit.put("signature", signature.strip());
            chain.record("audit.exported", actor, audit);
            return zip.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("audit export failed", e);
        }
    }

    static Map<String, Object> line(AuditEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", entry.getChainSeq());
        line.put("id", entry.getId());
        line.put("occurredAt", entry.getOccurredAt().toString());
        line.put("eventType", entry.getEventType());
        line.put("processInstanceId", entry.getProcessInstanceId());
        line.put("actor", entry.getActor());
        line.put("content", entry.getContent());
        line.put("contentHash", entry.getContentHash());
        line.put("prevHash", entry.getPrevHash());
        line.put("entryHash", entry.getEntryHash());
        line.put("algorithm", entry.getAlgorithm());
        line.put("keyId", entry.getKeyId());
        return line;
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    static String fileName(LocalDate from, LocalDate to) {
        return "secflow-audit-" + from + "_" + to + ".zip";
    }
}
