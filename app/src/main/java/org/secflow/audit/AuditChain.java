package org.secflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.secflow.crypto.KeyRing;
import org.secflow.crypto.Sm3;
import org.secflow.process.EngineTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident audit trail. Entries are appended in the engine's own transaction without any
 * lock (so concurrent task completions never wait for each other or lose an entry); after each
 * commit, the sealer thread (a lock on the chain's head) gives the new entries their sequence
 * number, the previous entry's hash and their own hash. Verification recomputes the chain.
 *
 * <p>Every hash is an HMAC-SM3 with a key from the key file ({@link KeyRing}), never from the
 * database: somebody who can write the tables but has no key cannot recompute a valid chain. Each
 * entry names its key id, so old keys keep verifying after a rotation. A watchdog logs at ERROR
 * (and {@link AuditSealerHealth} turns DOWN) when committed entries stay unsealed too long.
 */
@Service
public class AuditChain {

    static final String GENESIS = "0".repeat(64);
    static final String HMAC_SM3 = "HMAC-SM3";
    static final String LEGACY_SHA256 = "SHA-256";
    private static final int BATCH = 500;
    private static final int INSERT_CHUNK = 100;
    private static final int SEAL_CHUNK = 100;
    /** An entry's columns as inserted: typed, so that a null goes to the driver without asking it for the type. */
    private static final int[] ROW_TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};
    private static final Object SEAL_AFTER_COMMIT = new Object();
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

    private final AuditMapper mapper;
    /** The sealer's own statements (head lock, reads, re-keyed entries), sent as JDBC batches. */
    private final AuditMapper sealing;
    /** The trail's two busiest statements, multi-row (see {@link #insertRows}). */
    private final JdbcTemplate jdbc;
    private final KeyRing keys;
    private final ObjectMapper json;
    private final Duration alarmAfter;
    private final Duration sealDelay;
    private volatile boolean legacyChecked;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "audit-seal-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final TransactionTemplate newTransaction;
    private final ScheduledExecutorService sealer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "audit-sealer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean sealPending = new AtomicBoolean();

    AuditChain(AuditMapper mapper, SqlSessionFactory sessions, JdbcTemplate jdbc, KeyRing keys, ObjectMapper json,
               PlatformTransactionManager transactions,
               @Value("${secflow.audit.seal-alarm-after:PT2M}") Duration alarmAfter,
               @Value("${secflow.audit.watchdog-interval:PT30S}") Duration watchdogInterval,
               @Value("${secflow.audit.seal-delay:PT0.5S}") Duration sealDelay) {
        this.mapper = mapper;
        this.sealing = new SqlSessionTemplate(sessions, ExecutorType.BATCH).getMapper(AuditMapper.class);
        this.jdbc = jdbc;
        this.keys = keys;
        this.json = json;
        this.alarmAfter = alarmAfter;
        this.sealDelay = sealDelay;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        long every = Math.max(1, watchdogInterval.toSeconds());
        watchdog.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.SECONDS);
    }

    /** Appends an entry in the current transaction; it is sealed after that transaction commits. */
    public void append(String eventType, String processInstanceId, String actor, Map<String, Object> content) {
        AuditEntry entry = entry(eventType, processInstanceId, actor, content);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            mapper.insert(entry);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(SEAL_AFTER_COMMIT);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(SEAL_AFTER_COMMIT, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.written) {
            mapper.insert(entry); // appended by another synchronization after ours wrote the transaction's entries
        } else {
            pending.entries.add(entry);
        }
    }

    private AuditEntry entry(String eventType, String processInstanceId, String actor, Map<String, Object> content) {
        AuditEntry entry = new AuditEntry();
        entry.setEventType(eventType);
        entry.setProcessInstanceId(processInstanceId);
        entry.setActor(actor);
        entry.setOccurredAt(EngineTime.now());
        try {
            entry.setContent(json.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry cannot be written", e);
        }
        entry.setAlgorithm(HMAC_SM3);
        entry.setKeyId(keys.currentHmacKeyId());
        entry.setContentHash(Sm3.hmacHex(keys.hmacKey(entry.getKeyId()), entry.getContent()));
        return entry;
    }

    /**
     * The entries of one transaction: written together just before it commits (one multi-row insert per
     * {@link #INSERT_CHUNK} entries instead of one round trip per history event), in the order they were
     * appended, so their ids (and the chain's order) follow the events; sealed after the commit.
     */
    private final class Pending implements TransactionSynchronization {
        private final List<AuditEntry> entries = new ArrayList<>();
        private boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            for (int from = 0; from < entries.size(); from += INSERT_CHUNK) {
                insertRows(entries.subList(from, Math.min(entries.size(), from + INSERT_CHUNK)));
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(SEAL_AFTER_COMMIT);
            if (status == STATUS_COMMITTED) {
                sealSoon();
            }
        }
    }

    /**
     * Records an event of the platform itself (an export, a display of personal data …) in a
     * transaction of its own, sealed right after. What it records must already be masked.
     */
    public void record(String eventType, String actor, Map<String, Object> content) {
        newTransaction.executeWithoutResult(status -> append(eventType, null, actor, content));
    }

    /**
     * Seals on the sealer thread, {@code secflow.audit.seal-delay} after the first commit that needs it. Sealing right
     * here would take a second pool connection while the committed transaction still holds its own (Spring releases
     * it after afterCompletion): a burst of commits (timers firing after a restart, many requests) then holds every
     * connection of the pool and waits for one more, until the pool's timeout. One seal pending is enough: it seals
     * everything committed before it starts, so the delay lets one seal (a lock of the head, a read, an update, a
     * commit) take the entries of many transactions instead of one each. Whatever reads the chain (verify, export)
     * seals first.
     */
    private void sealSoon() {
        if (sealPending.compareAndSet(false, true)) {
            try {
                sealer.schedule(() -> {
                    sealPending.set(false);
                    try {
                        seal();
                    } catch (RuntimeException e) {
                        // the entries stay unsealed and are sealed by the next seal (or by verify)
                        log.warn("audit entries not sealed yet: {}", e.toString());
                    }
                }, sealDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                sealPending.set(false);
            }
        }
    }

    @PreDestroy
    void stopSealer() {
        watchdog.shutdownNow();
        sealer.shutdown();
    }

    /** Seals what an earlier run left unsealed (a crash between commit and seal) and re-keys a legacy chain. */
    @EventListener(ApplicationReadyEvent.class)
    void sealAtStart() {
        sealSoon();
    }

    /** How long the oldest committed but unsealed entry has waited (zero when none). */
    Duration unsealedAge() {
        LocalDateTime oldest = mapper.oldestUnsealed();
        if (oldest == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(oldest, EngineTime.now());
        return age.isNegative() ? Duration.ZERO : age;
    }

    Duration alarmAfter() {
        return alarmAfter;
    }

    /** The watchdog: an alarm when entries wait longer than the limit, then another attempt to seal. */
    private void watch() {
        try {
            Duration age = unsealedAge();
            if (age.compareTo(alarmAfter) > 0) {
                log.error("审计记录封存停滞：最早的未封存记录已等待 {} 秒（上限 {} 秒），共 {} 条", age.toSeconds(),
                        alarmAfter.toSeconds(), mapper.countUnsealed());
                sealSoon();
            }
        } catch (RuntimeException e) {
            log.error("审计记录封存检查失败: {}", e.toString());
        }
    }

    /** Seals every committed entry not yet in the chain, in one transaction of its own. */
    public void seal() {
        newTransaction.executeWithoutResult(status -> {
            AuditMapper.ChainHead head = sealing.lockHead();
            if (!legacyChecked) {
                head = migrateLegacy(head);
                legacyChecked = true;
            }
            long seq = head.lastSeq();
            String previous = head.lastHash();
            List<AuditEntry> batch;
            do {
                batch = sealing.findUnsealed(BATCH);
                List<AuditEntry> asWritten = new ArrayList<>(batch.size());
                for (AuditEntry entry : batch) {
                    boolean rekeyed = !HMAC_SM3.equals(entry.getAlgorithm()) || keys.hmacKey(entry.getKeyId()) == null;
                    if (rekeyed) {
                        // appended before the upgrade (plain SHA-256): keyed now, before it enters the chain
                        entry.setAlgorithm(HMAC_SM3);
                        entry.setKeyId(keys.currentHmacKeyId());
                        entry.setContentHash(Sm3.hmacHex(keys.hmacKey(entry.getKeyId()), entry.getContent()));
                    }
                    seq++;
                    entry.setChainSeq(seq);
                    entry.setPrevHash(previous);
                    entry.setEntryHash(entryHash(keys.hmacKey(entry.getKeyId()), seq, previous, entry.getContentHash(),
                            entry.getKeyId()));
                    if (rekeyed) {
                        sealing.seal(entry);
                    } else {
                        asWritten.add(entry);
                    }
                    previous = entry.getEntryHash();
                }
                // one statement per chunk instead of one per entry
                for (int from = 0; from < asWritten.size(); from += SEAL_CHUNK) {
                    sealRows(asWritten.subList(from, Math.min(asWritten.size(), from + SEAL_CHUNK)));
                }
                // a short batch was the last: entries committed meanwhile have scheduled the next seal themselves
            } while (batch.size() == BATCH);
            if (seq != head.lastSeq()) {
                sealing.updateHead(seq, previous, mac(headText(seq, previous)));
            }
        });
    }

    /**
     * Appends entries in one statement, in list order. This and {@link #sealRows} are built here rather than as a
     * MyBatis {@code <foreach>}, which rewrites its SQL with a regular expression per item on every call: two thirds of
     * the sealer's CPU in a profile of the lifecycle benchmark.
     */
    private void insertRows(List<AuditEntry> entries) {
        String sql = "INSERT INTO audit_entry (event_type, process_instance_id, actor, occurred_at, content, content_hash, "
                + "algorithm, key_id) VALUES " + String.join(", ", Collections.nCopies(entries.size(), "(?, ?, ?, ?, ?, ?, ?, ?)"));
        List<Object> values = new ArrayList<>(entries.size() * ROW_TYPES.length);
        int[] types = new int[entries.size() * ROW_TYPES.length];
        for (AuditEntry e : entries) {
            System.arraycopy(ROW_TYPES, 0, types, values.size(), ROW_TYPES.length);
            values.addAll(Arrays.asList(e.getEventType(), e.getProcessInstanceId(), e.getActor(), e.getOccurredAt(),
                    e.getContent(), e.getContentHash(), e.getAlgorithm(), e.getKeyId()));
        }
        jdbc.update(sql, values.toArray(), types);
    }

    /** Seals entries whose key and content MAC stay as written: their place and hashes, in one statement. */
    private void sealRows(List<AuditEntry> entries) {
        String byId = " WHEN ? THEN ?".repeat(entries.size());
        String sql = "UPDATE audit_entry SET chain_seq = CASE id" + byId + " END, prev_hash = CASE id" + byId
                + " END, entry_hash = CASE id" + byId + " END WHERE chain_seq IS NULL AND id IN ("
                + "?, ".repeat(entries.size() - 1) + "?)";
        List<Object> values = new ArrayList<>(entries.size() * 7);
        for (Function<AuditEntry, Object> column : List.<Function<AuditEntry, Object>>of(AuditEntry::getChainSeq,
                AuditEntry::getPrevHash, AuditEntry::getEntryHash)) {
            entries.forEach(e -> values.addAll(List.of(e.getId(), column.apply(e))));
        }
        entries.forEach(e -> values.add(e.getId()));
        int sealed = jdbc.update(sql, values.toArray());
        if (sealed != entries.size()) { // only under the head's lock, so nobody else seals them meanwhile
            throw new IllegalStateException("sealed " + sealed + " of " + entries.size() + " audit entries");
        }
    }

    /** Seals what is pending, then recomputes the whole chain and names the first broken entry. */
    public Verification verify() {
        return verify(false, null);
    }

    /**
     * Seals what is pending, then recomputes the chain — from its first entry, or, when {@code incremental}, from the
     * newest checkpoint on (the checkpoint's MAC and its entry checked again; entries before it are not read). A
     * chain found whole gets a new checkpoint at its end, naming who verified it.
     */
    public Verification verify(boolean incremental, String verifiedBy) {
        seal();
        AuditMapper.ChainHead head = newTransaction.execute(status -> mapper.lockHead());
        AuditMapper.Checkpoint checkpoint = incremental ? mapper.newestCheckpoint() : null;
        long expected = 1;
        String previous = GENESIS;
        if (checkpoint != null) {
            if (!macValid(checkpoint.mac(), checkpointText(checkpoint))) {
                return new Verification(false, 0, checkpoint.chainSeq(), null, null,
                        "检查点（audit_checkpoint " + checkpoint.id() + "）的 HMAC 不符（检查点被改动）；请做完整校验");
            }
            List<AuditEntry> anchor = mapper.findSealedFrom(checkpoint.chainSeq(), 1);
            AuditEntry entry = anchor.isEmpty() ? null : anchor.get(0);
            String problem = entry == null || entry.getChainSeq() != checkpoint.chainSeq()
                    ? "检查点所指序号 " + checkpoint.chainSeq() + " 的记录缺失（已被删除）"
                    : !checkpoint.entryHash().equals(entry.getEntryHash()) ? "检查点所指记录的哈希已变（记录被改动）"
                    : problem(entry, checkpoint.chainSeq(), entry.getPrevHash());
            if (problem != null) {
                return new Verification(false, 0, checkpoint.chainSeq(), entry == null ? null : entry.getId(),
                        checkpoint.chainSeq(), problem);
            }
            expected = checkpoint.chainSeq() + 1;
            previous = checkpoint.entryHash();
        }
        long from = expected;
        List<AuditEntry> page;
        while (!(page = mapper.findSealedFrom(expected, BATCH)).isEmpty()) {
            for (AuditEntry entry : page) {
                String problem = entry.getChainSeq() != expected
                        ? "序号 " + expected + (entry.getChainSeq() - expected > 1 ? " 至 " + (entry.getChainSeq() - 1) : "")
                                + " 的记录缺失（已被删除）"
                        : problem(entry, expected, previous);
                if (problem != null) {
                    return new Verification(false, expected - from, expected, entry.getId(), from, problem);
                }
                previous = entry.getEntryHash();
                expected++;
            }
        }
        long verified = expected - 1;
        if (verified != head.lastSeq() || !previous.equals(head.lastHash())) {
            return new Verification(false, verified + 1 - from, verified + 1, null, from,
                    "链尾应为序号 " + head.lastSeq() + "，实际为 " + verified + "（末尾记录被删除或修改）");
        }
        if (head.lastSeq() > 0 && !macValid(head.headMac(), headText(head.lastSeq(), head.lastHash()))) {
            return new Verification(false, verified + 1 - from, null, null, from,
                    "链尾记录（audit_chain_head）的 HMAC 不符（链尾被改动）");
        }
        if (verified >= from) { // a run that found nothing new leaves no further checkpoint
            AuditMapper.Checkpoint reached = new AuditMapper.Checkpoint(null, verified, previous,
                    EngineTime.now().withNano(0), verifiedBy, from == 1, null);
            mapper.insertCheckpoint(reached.withMac(mac(checkpointText(reached))));
        }
        return new Verification(true, verified + 1 - from, null, null, from, null);
    }

    /** What is wrong with a sealed entry at its place after {@code previous}, or null. */
    private String problem(AuditEntry entry, long seq, String previous) {
        byte[] key = keys.hmacKey(entry.getKeyId());
        if (!HMAC_SM3.equals(entry.getAlgorithm())) {
            return "记录未以密钥（HMAC-SM3）封存，算法为 " + entry.getAlgorithm()
                    + "（旧 SHA-256 链未能迁移，或链被无密钥者重算）";
        } else if (key == null) {
            return "记录的密钥 " + entry.getKeyId() + " 不在密钥文件中（密钥丢失，或记录被伪造）";
        } else if (!Sm3.same(Sm3.hmacHex(key, entry.getContent()), entry.getContentHash())) {
            return "记录内容与其 HMAC 不符（内容被修改）";
        } else if (!previous.equals(entry.getPrevHash())) {
            return "前一记录哈希不符（链被改动）";
        } else if (!Sm3.same(entryHash(key, seq, previous, entry.getContentHash(), entry.getKeyId()), entry.getEntryHash())) {
            return "记录 HMAC 不符（记录被修改，或链被无密钥者重算）";
        }
        return null;
    }

    /**
     * Result of a verification: from which sequence number (1 for the whole chain, after the checkpoint for an
     * incremental one), how many entries were verified and, if broken, where and why.
     */
    public record Verification(boolean valid, long verifiedEntries, Long brokenSeq, Long brokenEntryId, Long fromSeq,
                               String reason) {
    }

    /** The entry's MAC: its place, its predecessor, its content's MAC and its key id, under its key. */
    static String entryHash(byte[] key, long seq, String previous, String contentHash, String keyId) {
        return Sm3.hmacHex(key, seq + "|" + previous + "|" + contentHash + "|" + keyId);
    }

    private static String headText(long lastSeq, String lastHash) {
        return "head|" + lastSeq + "|" + lastHash;
    }

    private static String checkpointText(AuditMapper.Checkpoint checkpoint) {
        return "checkpoint|" + checkpoint.chainSeq() + "|" + checkpoint.entryHash() + "|" + checkpoint.verifiedAt();
    }

    /**
     * A MAC under the current key, "<key id>:<HMAC-SM3>": the chain's end and its checkpoints carry one, so that
     * cutting off the chain's end or moving a checkpoint needs the key too.
     */
    private String mac(String text) {
        return keys.currentHmacKeyId() + ":" + Sm3.hmacHex(keys.hmacKey(keys.currentHmacKeyId()), text);
    }

    private boolean macValid(String stored, String text) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        byte[] key = colon < 0 ? null : keys.hmacKey(stored.substring(0, colon));
        return key != null && Sm3.same(stored.substring(colon + 1), Sm3.hmacHex(key, text));
    }

    /**
     * Entries sealed before the chain was keyed (plain SHA-256): verified as the old chain was, then
     * re-sealed with HMAC-SM3 from the first entry on, each keeping its old hash in legacy_entry_hash,
     * and an entry "audit.rekeyed" records how many and the old chain's end. A broken old chain is
     * left as it is (and reported at ERROR and by every verification), not laundered into a keyed one.
     * Runs under the head's lock.
     */
    private AuditMapper.ChainHead migrateLegacy(AuditMapper.ChainHead head) {
        long legacy = sealing.countLegacySealed();
        if (legacy == 0) {
            return head;
        }
        long expected = 1;
        String previous = GENESIS;
        String problem = null;
        List<AuditEntry> page;
        outer:
        while (!(page = sealing.findSealedFrom(expected, BATCH)).isEmpty()) {
            for (AuditEntry entry : page) {
                if (!LEGACY_SHA256.equals(entry.getAlgorithm())) {
                    problem = "序号 " + expected + " 起已有其他算法的记录";
                } else if (entry.getChainSeq() != expected) {
                    problem = "序号 " + expected + " 的记录缺失";
                } else if (!sha256(entry.getContent()).equals(entry.getContentHash())
                        || !previous.equals(entry.getPrevHash())
                        || !legacyEntryHash(expected, previous, entry.getContentHash()).equals(entry.getEntryHash())) {
                    problem = "序号 " + expected + " 的记录与其 SHA-256 哈希不符";
                }
                if (problem != null) {
                    break outer;
                }
                previous = entry.getEntryHash();
                expected++;
            }
        }
        long verified = expected - 1;
        if (problem == null && (verified != head.lastSeq() || !previous.equals(head.lastHash()))) {
            problem = "链尾应为序号 " + head.lastSeq() + "，实际为 " + verified;
        }
        if (problem != null) {
            log.error("旧审计链（SHA-256）校验失败，未迁移为 HMAC-SM3: {}", problem);
            return head;
        }
        String legacyEnd = previous;
        String keyId = keys.currentHmacKeyId();
        byte[] key = keys.hmacKey(keyId);
        long seq = 0;
        String keyed = GENESIS;
        while (!(page = sealing.findSealedFrom(seq + 1, BATCH)).isEmpty()) {
            for (AuditEntry entry : page) {
                seq = entry.getChainSeq();
                entry.setLegacyEntryHash(entry.getEntryHash());
                entry.setAlgorithm(HMAC_SM3);
                entry.setKeyId(keyId);
                entry.setContentHash(Sm3.hmacHex(key, entry.getContent()));
                entry.setPrevHash(keyed);
                entry.setEntryHash(entryHash(key, seq, keyed, entry.getContentHash(), keyId));
                sealing.rekey(entry);
                keyed = entry.getEntryHash();
            }
        }
        sealing.updateHead(seq, keyed, mac(headText(seq, keyed)));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("legacyEntries", verified);
        content.put("legacyLastHash", legacyEnd);
        content.put("algorithm", HMAC_SM3);
        content.put("keyId", keyId);
        sealing.insert(entry("audit.rekeyed", null, null, content)); // the sealer's own session: sealed right below
        log.warn("旧审计链（SHA-256，{} 条）校验无误，已以 HMAC-SM3 密钥 {} 重新封存", verified, keyId);
        return new AuditMapper.ChainHead(seq, keyed, null);
    }

    static String legacyEntryHash(long seq, String previous, String contentHash) {
        return sha256(seq + "|" + previous + "|" + contentHash);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
