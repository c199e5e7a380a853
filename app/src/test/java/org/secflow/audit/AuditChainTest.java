package org.secflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The tamper-evident audit trail: complete, verified, and broken where somebody edits the database. */
@IntegrationTest
class AuditChainTest {

    @Autowired ProcessEngine engine;
    @Autowired AuditChain chain;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactions;
    @LocalServerPort int port;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProcessDriver(engine);
    }

    @Test
    void concurrentCompletionsAreAllInTheChainAndEditsAndDeletionsAreDetected() throws Exception {
        List<ProcessInstance> services = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            services.add(driver.startRequest("operator", "boundarySecurity"));
        }
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (ProcessInstance pi : services) {
            done.add(workers.submit(() -> driver.complete(pi, "userTask_confirmRequirement", "engineer",
                    Map.of("protectionScope", "出口", "protectedObjects", "防火墙", "accessRules", "最小开放"))));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        workers.shutdown();

        Http http = new Http(port);
        JsonNode verified = Http.json(http.get("auditor", "/api/audit/verify"));
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        for (ProcessInstance pi : services) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE process_instance_id = ? "
                    + "AND event_type = 'task.complete' AND actor = 'engineer' AND chain_seq IS NOT NULL",
                    Long.class, pi.getId())).as("completion of %s sealed once: %s", pi.getId(), jdbc.queryForList(
                    "SELECT event_type, content FROM audit_entry WHERE process_instance_id = ?", pi.getId())).isOne();
        }
        assertThat(http.get("operator", "/api/audit/verify").statusCode()).as("staff may not verify").isEqualTo(403);

        // an edit of an entry's content is named
        Map<String, Object> victim = jdbc.queryForMap("SELECT id, chain_seq, content FROM audit_entry "
                + "WHERE process_instance_id = ? AND event_type = 'task.complete'", services.get(3).getId());
        jdbc.update("UPDATE audit_entry SET content = REPLACE(content, 'engineer', 'manager') WHERE id = ?", victim.get("id"));
        AuditChain.Verification edited = chain.verify();
        assertThat(edited.valid()).isFalse();
        assertThat(edited.brokenEntryId()).isEqualTo(((Number) victim.get("id")).longValue());
        assertThat(edited.reason()).contains("内容");
        jdbc.update("UPDATE audit_entry SET content = ? WHERE id = ?", victim.get("content"), victim.get("id"));
        assertThat(chain.verify().valid()).isTrue();

        // a deleted entry leaves a gap in the sequence
        Map<String, Object> deleted = jdbc.queryForMap("SELECT * FROM audit_entry WHERE process_instance_id = ? "
                + "AND event_type = 'task.complete'", services.get(5).getId());
        jdbc.update("DELETE FROM audit_entry WHERE id = ?", deleted.get("id"));
        AuditChain.Verification gap = chain.verify();
        assertThat(gap.valid()).isFalse();
        assertThat(gap.brokenSeq()).isEqualTo(((Number) deleted.get("chain_seq")).longValue());
        assertThat(gap.reason()).contains("缺失");
        jdbc.update("INSERT INTO audit_entry (id, event_type, process_instance_id, actor, occurred_at, content, "
                        + "content_hash, chain_seq, prev_hash, entry_hash, algorithm, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deleted.get("id"), deleted.get("event_type"), deleted.get("process_instance_id"), deleted.get("actor"),
                deleted.get("occurred_at"), deleted.get("content"), deleted.get("content_hash"), deleted.get("chain_seq"),
                deleted.get("prev_hash"), deleted.get("entry_hash"), deleted.get("algorithm"), deleted.get("key_id"));
        assertThat(chain.verify().valid()).as("restored").isTrue();
    }

    @Test
    void aTransactionOfMoreEntriesThanOneSealBatchIsSealedWhole() {
        // more than two of the sealer's batches of 500, committed at once (a bulk import, a year's cleanup)
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (int i = 0; i < 1_201; i++) {
                chain.append("test.bulk", null, "auditor", Map.of("n", i));
            }
        });

        chain.seal();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event_type = 'test.bulk' AND chain_seq IS NULL",
                Long.class)).as("left unsealed").isZero();
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void theSealerSealsTheEntriesOfManyTransactionsOnItsOwnInTheOrderTheyWereWritten() throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (int t = 0; t < 20; t++) {
            int number = t;
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < 3; i++) {
                    chain.append("test.burst", null, "auditor", Map.of("transaction", number, "n", i));
                }
            });
        }

        // nobody calls seal(): the sealer, woken by the commits, seals them all within its delay
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE event_type = 'test.burst' AND chain_seq IS NULL",
                Long.class) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<Long> sequence = jdbc.queryForList("SELECT chain_seq FROM audit_entry WHERE event_type = 'test.burst' ORDER BY id",
                Long.class);
        assertThat(sequence).as("sealed without anybody asking").hasSize(60).doesNotContainNull();
        assertThat(sequence).as("in the order written").isSorted();
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void anIncrementalVerificationStartsAtTheNewestCheckpointAndStillNamesWhatChangedAfterIt() throws Exception {
        ProcessInstance before = driver.startRequest("operator", "boundarySecurity");
        driver.complete(before, "userTask_confirmRequirement", "engineer",
                Map.of("protectionScope", "出口", "protectedObjects", "防火墙", "accessRules", "最小开放"));
        Http http = new Http(port);
        JsonNode full = Http.json(http.get("auditor", "/api/audit/verify"));
        assertThat(full.get("valid").asBoolean()).as(full.toString()).isTrue();
        assertThat(full.get("fromSeq").asLong()).isOne();
        long checkpoint = jdbc.queryForObject("SELECT last_seq FROM audit_chain_head", Long.class);
        assertThat(jdbc.queryForObject("SELECT verified_by FROM audit_checkpoint WHERE chain_seq = ? ORDER BY id DESC LIMIT 1",
                String.class, checkpoint)).isEqualTo("auditor");

        ProcessInstance after = driver.startRequest("operator", "boundarySecurity");
        driver.complete(after, "userTask_confirmRequirement", "engineer",
                Map.of("protectionScope", "入口", "protectedObjects", "网闸", "accessRules", "白名单"));
        JsonNode incremental = Http.json(http.get("auditor", "/api/audit/verify?incremental=true"));
        long end = jdbc.queryForObject("SELECT last_seq FROM audit_chain_head", Long.class);
        assertThat(incremental.get("valid").asBoolean()).as(incremental.toString()).isTrue();
        assertThat(incremental.get("fromSeq").asLong()).as("starts after the checkpoint").isEqualTo(checkpoint + 1);
        assertThat(incremental.get("verifiedEntries").asLong()).as("reads only what came after it").isEqualTo(end - checkpoint);
        long checkpoints = jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Long.class);
        assertThat(Http.json(http.get("auditor", "/api/audit/verify?incremental=true")).get("verifiedEntries").asLong())
                .as("nothing sealed since").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Long.class))
                .as("a run that found nothing new leaves no checkpoint").isEqualTo(checkpoints);

        // an entry after the newest checkpoint (the one the incremental run just wrote) changed: named
        ProcessInstance third = driver.startRequest("operator", "boundarySecurity");
        Map<String, Object> victim = jdbc.queryForMap("SELECT id, content FROM audit_entry WHERE process_instance_id = ? "
                + "ORDER BY id DESC LIMIT 1", third.getId());
        chain.seal();
        jdbc.update("UPDATE audit_entry SET content = CONCAT(content, ' ') WHERE id = ?", victim.get("id"));
        JsonNode edited = Http.json(http.get("auditor", "/api/audit/verify?incremental=true"));
        assertThat(edited.get("valid").asBoolean()).isFalse();
        assertThat(edited.get("brokenEntryId").asLong()).isEqualTo(((Number) victim.get("id")).longValue());
        jdbc.update("UPDATE audit_entry SET content = ? WHERE id = ?", victim.get("content"), victim.get("id"));

        // the checkpoint's own entry is checked again; entries before it only by a full verification
        long anchor = jdbc.queryForObject("SELECT MAX(chain_seq) FROM audit_checkpoint", Long.class);
        String anchorContent = jdbc.queryForObject("SELECT content FROM audit_entry WHERE chain_seq = ?", String.class, anchor);
        jdbc.update("UPDATE audit_entry SET content = CONCAT(content, ' ') WHERE chain_seq = ?", anchor);
        AuditChain.Verification anchorEdited = chain.verify(true, "auditor");
        assertThat(anchorEdited.valid()).isFalse();
        assertThat(anchorEdited.brokenSeq()).isEqualTo(anchor);
        jdbc.update("UPDATE audit_entry SET content = ? WHERE chain_seq = ?", anchorContent, anchor);
        String early = jdbc.queryForObject("SELECT content FROM audit_entry WHERE chain_seq = ?", String.class, checkpoint);
        jdbc.update("UPDATE audit_entry SET content = CONCAT(content, ' ') WHERE chain_seq = ?", checkpoint);
        assertThat(chain.verify(false, "auditor").brokenSeq()).as("full verification").isEqualTo(checkpoint);
        jdbc.update("UPDATE audit_entry SET content = ? WHERE chain_seq = ?", early, checkpoint);

        // a checkpoint moved by somebody without the key is refused, not trusted
        jdbc.update("UPDATE audit_checkpoint SET chain_seq = chain_seq + 1 WHERE chain_seq = ?", anchor);
        AuditChain.Verification moved = chain.verify(true, "auditor");
        assertThat(moved.valid()).isFalse();
        assertThat(moved.reason()).contains("检查点");
        jdbc.update("UPDATE audit_checkpoint SET chain_seq = chain_seq - 1 WHERE chain_seq = ?", anchor + 1);
        assertThat(chain.verify(true, "auditor").valid()).isTrue();

        HttpResponse<String> wrong = http.get("auditor", "/api/audit/verify?incremental=maybe");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("incremental");
    }
}
