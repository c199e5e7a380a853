package org.secflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.secflow.process.EngineTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident audit trail. Entries are appended in the engine's own transaction without any
 * lock (so concurrent task completions never wait for each other or lose an entry); after each
 * commit, one sealer at a time (a lock on the chain's head) gives the new entries their sequence
 * number, the previous entry's hash and their own hash. Verification recomputes the chain.
 * The sealer runs on a thread of its own: sealing in the committing thread needed a second pooled
 * connection while the first was still held (20 concurrent REST users starved a pool of 10) and
 * made every commit queue for the head's lock; now many commits are sealed in one go.
 */
@Service
public class AuditChain {

    static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 500;
    private static final Object SEAL_AFTER_COMMIT = new Object();
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

    private final AuditMapper mapper;
    private final ObjectMapper json;
    private final TransactionTemplate newTransaction;
    private final ExecutorService sealer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-sealer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean sealRequested = new AtomicBoolean();

    AuditChain(AuditMapper mapper, ObjectMapper json, PlatformTransactionManager transactions) {
        this.mapper = mapper;
        this.json = json;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Appends an entry in the current transaction; it is sealed after that transaction commits. */
    void append(String eventType, String processInstanceId, String actor, Map<String, Object> content) {
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
        entry.setContentHash(sha256(entry.getContent()));
        mapper.insert(entry);
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(SEAL_AFTER_COMMIT)) {
            TransactionSynchronizationManager.bindResource(SEAL_AFTER_COMMIT, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SEAL_AFTER_COMMIT);
                    if (status == STATUS_COMMITTED) {
                        requestSeal();
                    }
                }
            });
        }
    }

    /** Seals soon on the sealer thread; requests made while it waits are served by the same run. */
    private void requestSeal() {
        if (sealRequested.compareAndSet(false, true)) {
            sealer.execute(() -> {
                sealRequested.set(false);
                try {
                    seal();
                } catch (RuntimeException e) {
                    // the entries stay unsealed until the next seal or verification
                    log.warn("audit entries not sealed yet: {}", e.toString());
                }
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void stopSealer() throws InterruptedException {
        sealer.shutdown();
        sealer.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Seals every committed entry not yet in the chain, in one transaction of its own. */
    public void seal() {
        newTransaction.executeWithoutResult(status -> {
            AuditMapper.ChainHead head = mapper.lockHead();
            long seq = head.lastSeq();
            String previous = head.lastHash();
            List<AuditEntry> batch;
            while (!(batch = mapper.findUnsealed(BATCH)).isEmpty()) {
                for (AuditEntry entry : batch) {
                    seq++;
                    entry.setChainSeq(seq);
                    entry.setPrevHash(previous);
                    entry.setEntryHash(entryHash(seq, previous, entry.getContentHash()));
                    mapper.seal(entry);
                    previous = entry.getEntryHash();
                }
            }
            if (seq != head.lastSeq()) {
                mapper.updateHead(seq, previous);
            }
        });
    }

    /** Seals what is pending, then recomputes the whole chain and names the first broken entry. */
    public Verification verify() {
        seal();
        AuditMapper.ChainHead head = newTransaction.execute(status -> mapper.lockHead());
        long expected = 1;
        String previous = GENESIS;
        List<AuditEntry> page;
        while (!(page = mapper.findSealedFrom(expected, BATCH)).isEmpty()) {
            for (AuditEntry entry : page) {
                String problem = null;
                if (entry.getChainSeq() != expected) {
                    problem = "序号 " + expected + (entry.getChainSeq() - expected > 1 ? " 至 " + (entry.getChainSeq() - 1) : "")
                            + " 的记录缺失（已被删除）";
                } else if (!sha256(entry.getContent()).equals(entry.getContentHash())) {
                    problem = "记录内容与其哈希不符（内容被修改）";
                } else if (!previous.equals(entry.getPrevHash())) {
                    problem = "前一记录哈希不符（链被改动）";
                } else if (!entryHash(expected, previous, entry.getContentHash()).equals(entry.getEntryHash())) {
                    problem = "记录哈希不符（记录被修改）";
                }
                if (problem != null) {
                    return new Verification(false, expected - 1, expected, entry.getId(), problem);
                }
                previous = entry.getEntryHash();
                expected++;
            }
        }
        long verified = expected - 1;
        if (verified != head.lastSeq() || !previous.equals(head.lastHash())) {
            return new Verification(false, verified, verified + 1, null,
                    "链尾应为序号 " + head.lastSeq() + "，实际为 " + verified + "（末尾记录被删除或修改）");
        }
        return new Verification(true, verified, null, null, null);
    }

    /** Result of a verification: how many entries were verified and, if broken, where and why. */
    public record Verification(boolean valid, long verifiedEntries, Long brokenSeq, Long brokenEntryId, String reason) {
    }

    static String entryHash(long seq, String previous, String contentHash) {
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
