package org.secflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.crypto.KeyRing;
import org.secflow.crypto.Sm3;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain is keyed (HMAC-SM3, key outside the database): somebody who can write the tables but
 * has no key cannot recompute it, an old SHA-256 chain is verified and re-sealed with the key, a stalled
 * sealer raises the alarm, and history clean-up leaves the trail alone.
 */
@IntegrationTest
class AuditKeyedChainTest {

    @Autowired ProcessEngine engine;
    @Autowired AuditChain chain;
    @Autowired AuditMapper mapper;
    @Autowired org.apache.ibatis.session.SqlSessionFactory sessions;
    @Autowired KeyRing keys;
    @Autowired ObjectMapper json;
    @Autowired PlatformTransactionManager transactions;
    @Autowired AuditSealerHealth sealerHealth;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProcessDriver(engine);
        ProcessInstance pi = driver.startRequest("operator", "boundarySecurity");
        driver.complete(pi, "userTask_confirmRequirement", "engineer",
                Map.of("protectionScope", "出口", "protectedObjects", "防火墙", "accessRules", "最小开放"));
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void everyEntryIsAnHmacSm3UnderAKeyFromTheKeyFileNotFromTheDatabase() throws Exception {
        Map<String, Object> entry = jdbc.queryForMap("SELECT * FROM audit_entry WHERE chain_seq = "
                + "(SELECT MAX(chain_seq) FROM audit_entry)");
        assertThat(entry.get("algorithm")).isEqualTo("HMAC-SM3");
        assertThat(entry.get("key_id")).isEqualTo(keys.currentHmacKeyId());
        byte[] key = keys.hmacKey(keys.currentHmacKeyId());
        assertThat(entry.get("content_hash")).isEqualTo(Sm3.hmacHex(key, (String) entry.get("content")));
        String keyFile = Files.readString(Path.of(System.getProperty("secflow.crypto.key-file")), StandardCharsets.ISO_8859_1);
        assertThat(keyFile).contains("audit.hmac." + keys.currentHmacKeyId() + "=");
        for (String column : List.of("content", "content_hash", "entry_hash", "key_id", "algorithm")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE " + column + " LIKE ?", Long.class,
                    "%" + keyFile.lines().filter(l -> l.startsWith("audit.hmac." + keys.currentHmacKeyId() + "="))
                            .findFirst().orElseThrow().split("=", 2)[1].substring(0, 16) + "%"))
                    .as("key material in column %s", column).isZero();
        }
    }

    @Test
    void aChainRecomputedWithPlainSm3WithoutTheKeyIsDetected() {
        Map<String, Object> victim = lastEntry();
        // a database administrator edits the content and recomputes every hash with plain SM3 (no key)
        rewriteChain((seq, content, previous) -> {
            String contentHash = Sm3.digestHex(content.getBytes(StandardCharsets.UTF_8));
            return new String[] {"HMAC-SM3", contentHash, Sm3.digestHex((seq + "|" + previous + "|" + contentHash + "|"
                    + keys.currentHmacKeyId()).getBytes(StandardCharsets.UTF_8))};
        }, ((Number) victim.get("id")).longValue(), "engineer", "manager");
        AuditChain.Verification forged = chain.verify();
        assertThat(forged.valid()).isFalse();
        assertThat(forged.brokenSeq()).isEqualTo(1L);
        assertThat(forged.reason()).contains("HMAC");
        Http http = new Http(port);
        JsonNode answer = Http.json(http.get("auditor", "/api/audit/verify"));
        assertThat(answer.get("valid").asBoolean()).isFalse();
        restoreKeyedChain();
    }

    @Test
    void aChainRecomputedAsPlainSha256IsDetectedAndAGenuineOldChainIsReKeyedAtStart() {
        // the chain as version 0.1 left it: plain SHA-256, no key
        rewriteChain((seq, content, previous) -> {
            String contentHash = AuditChain.sha256(content);
            return new String[] {"SHA-256", contentHash, AuditChain.legacyEntryHash(seq, previous, contentHash)};
        }, null, null, null);
        AuditChain.Verification legacy = chain.verify();
        assertThat(legacy.valid()).as("a chain without the key never verifies").isFalse();
        assertThat(legacy.reason()).contains("SHA-256");

        // a node started on such a database re-seals the (intact) old chain with the key, once
        AuditChain restarted = new AuditChain(mapper, sessions, jdbc, keys, json, transactions, Duration.ofMinutes(2), Duration.ofHours(1),
                Duration.ZERO);
        try {
            restarted.seal();
            AuditChain.Verification rekeyed = restarted.verify();
            assertThat(rekeyed.valid()).as(rekeyed.toString()).isTrue();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE algorithm <> 'HMAC-SM3'", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE legacy_entry_hash IS NOT NULL", Long.class))
                    .isPositive();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event_type = 'audit.rekeyed'", Long.class))
                    .isOne();
        } finally {
            restarted.stopSealer();
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aStalledSealerTurnsHealthDownUntilTheEntriesAreSealed() {
        assertThat(sealerHealth.health().getStatus()).isEqualTo(Status.UP);
        // an entry committed ten minutes ago and never sealed (as when the sealer hangs on the head's lock)
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO audit_entry (event_type, actor, occurred_at, content, content_hash, algorithm, key_id) "
                            + "VALUES ('test.stalled', 'nobody', ?, '{}', ?, 'HMAC-SM3', ?)",
                    LocalDateTime.now().minusMinutes(10), Sm3.hmacHex(keys.hmacKey(keys.currentHmacKeyId()), "{}"),
                    keys.currentHmacKeyId());
        });
        assertThat(sealerHealth.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(sealerHealth.health().getDetails().get("oldestUnsealedSeconds")).isInstanceOf(Long.class);
        chain.seal();
        assertThat(sealerHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void historyCleanUpLeavesTheAuditTrailAndNoStatementOfOursDeletesFromIt() throws Exception {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class);
        HistoryService history = engine.getHistoryService();
        String job = history.cleanUpHistoryAsync(true).getId();
        engine.getManagementService().executeJob(job);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class)).isGreaterThanOrEqualTo(before);
        try (var files = Files.walk(Path.of("src/main/resources/org/secflow"))) {
            for (Path mapperXml : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                String text = Files.readString(mapperXml).toLowerCase();
                assertThat(text).as(mapperXml.toString()).doesNotContainPattern("delete\\s+from\\s+audit_")
                        .doesNotContainPattern("truncate\\s+(table\\s+)?audit_");
            }
        }
        assertThat(chain.verify().valid()).isTrue();
    }

    private Map<String, Object> lastEntry() {
        return jdbc.queryForMap("SELECT id, content FROM audit_entry WHERE chain_seq = (SELECT MAX(chain_seq) FROM audit_entry)");
    }

    interface Hasher {
        String[] hash(long seq, String content, String previous);
    }

    /** Rewrites the whole chain under the head's lock as an attacker with database access would. */
    private void rewriteChain(Hasher hasher, Long editId, String from, String to) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.queryForMap("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
            if (editId != null) {
                jdbc.update("UPDATE audit_entry SET content = REPLACE(content, ?, ?) WHERE id = ?", from, to, editId);
            }
            String previous = AuditChain.GENESIS;
            long last = 0;
            for (Map<String, Object> row : jdbc.queryForList("SELECT id, chain_seq, content FROM audit_entry "
                    + "WHERE chain_seq IS NOT NULL ORDER BY chain_seq")) {
                long seq = ((Number) row.get("chain_seq")).longValue();
                String[] h = hasher.hash(seq, (String) row.get("content"), previous);
                jdbc.update("UPDATE audit_entry SET algorithm = ?, content_hash = ?, prev_hash = ?, entry_hash = ?, "
                        + "legacy_entry_hash = NULL WHERE id = ?", h[0], h[1], previous, h[2], row.get("id"));
                previous = h[2];
                last = seq;
            }
            jdbc.update("UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, head_mac = NULL WHERE id = 1", last, previous);
        });
    }

    /** Puts the keyed chain back (as the key holder would after the incident), so that other tests see it valid. */
    private void restoreKeyedChain() {
        byte[] key = keys.hmacKey(keys.currentHmacKeyId());
        String keyId = keys.currentHmacKeyId();
        jdbc.update("UPDATE audit_entry SET content = REPLACE(content, 'manager', 'engineer') WHERE event_type = 'task.complete' "
                + "AND chain_seq = (SELECT MAX(chain_seq) FROM audit_entry)");
        rewriteChain((seq, content, previous) -> {
            String contentHash = Sm3.hmacHex(key, content);
            return new String[] {"HMAC-SM3", contentHash, AuditChain.entryHash(key, seq, previous, contentHash, keyId)};
        }, null, null, null);
        jdbc.update("UPDATE audit_chain_head SET head_mac = ? WHERE id = 1", keyId + ":" + Sm3.hmacHex(key, "head|"
                + jdbc.queryForObject("SELECT last_seq FROM audit_chain_head", Long.class) + "|"
                + jdbc.queryForObject("SELECT last_hash FROM audit_chain_head", String.class)));
        assertThat(chain.verify().valid()).isTrue();
    }
}
