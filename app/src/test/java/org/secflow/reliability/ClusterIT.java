package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one database, both with the job executor on: each SLA timer fires once (one breach row
 * and one escalation task per incident and timer, whichever node took it), and when one node is
 * stopped the other finishes the timers of the incidents the stopped node took in.
 */
class ClusterIT {

    static final int SLA_SECONDS = 20;
    static final int PER_BATCH = 16;

    @TempDir Path work;

    @Test
    void twoNodesFireEachTimerOnceAndOneFinishesWhenTheOtherStops() throws Exception {
        Path rules = SlaRules.withResponseDeadline(work, SLA_SECONDS);
        try (TestDatabase db = new TestDatabase("secflow_rel_cluster");
             AppNode a = AppNode.start("node-a", db, TestDatabase.PORT, rules);
             AppNode b = AppNode.start("node-b", db, TestDatabase.PORT, rules)) {

            // batch 1: intakes and analyses alternate between the nodes; both fire timers
            AtomicInteger turn = new AtomicInteger();
            IncidentLoad both = new IncidentLoad(() -> turn.getAndIncrement() % 2 == 0 ? a.port : b.port, true);
            List<IncidentLoad.Intake> first = both.send(PER_BATCH);
            assertThat(first).hasSize(PER_BATCH).allMatch(IncidentLoad.Intake::analysed);
            long started = System.currentTimeMillis();
            awaitBreaches(db, first);
            System.out.printf("cluster: batch 1, %d incidents over both nodes, %d timers fired once each within %.1f s; "
                    + "timer jobs per node %s%n", first.size(), first.size() * 2,
                    (System.currentTimeMillis() - started) / 1000.0, timerJobsPerNode(db, first));

            // batch 2: taken in by node B, which is stopped before any of its timers is due
            IncidentLoad onB = new IncidentLoad(() -> b.port, true);
            List<IncidentLoad.Intake> second = onB.send(PER_BATCH / 2);
            assertThat(second).hasSize(PER_BATCH / 2).allMatch(IncidentLoad.Intake::analysed);
            long stopMillis = b.stop();
            assertThat(db.count("SELECT COUNT(*) FROM sla_breach WHERE process_instance_id IN ("
                    + in(second) + ")")).as("no timer of batch 2 due before node B stopped").isZero();
            started = System.currentTimeMillis();
            awaitBreaches(db, second);
            Map<String, Long> jobsOfSecond = timerJobsPerNode(db, second);
            System.out.printf("cluster: batch 2, %d incidents taken in by node-b, node-b stopped in %d ms, node-a fired "
                    + "all %d timers once within %.1f s; timer jobs per node %s%n", second.size(), stopMillis,
                    second.size() * 2, (System.currentTimeMillis() - started) / 1000.0, jobsOfSecond);
            assertThat(jobsOfSecond).containsOnlyKeys("node-a");

            // exactly once over everything
            assertThat(db.count("SELECT COUNT(*) FROM (SELECT process_instance_id, activity_id FROM sla_breach "
                    + "GROUP BY process_instance_id, activity_id HAVING COUNT(*) > 1) doubled")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_DEF_TYPE_ = 'timer-transition' "
                    + "AND JOB_EXCEPTION_MSG_ IS NOT NULL")).as("failed timer executions").isZero();
            assertThat(a.healthy()).isTrue();
        }
    }

    private static void awaitBreaches(TestDatabase db, List<IncidentLoad.Intake> intakes) throws InterruptedException {
        Waiting.until(Duration.ofSeconds(120), () -> db.count("SELECT COUNT(*) FROM sla_breach WHERE process_instance_id IN ("
                + in(intakes) + ")") >= intakes.size() * 2L);
        Map<String, Long> perTimer = db.jdbc.queryForList("SELECT process_instance_id, activity_id, COUNT(*) AS n "
                        + "FROM sla_breach WHERE process_instance_id IN (" + in(intakes) + ") GROUP BY process_instance_id, activity_id")
                .stream().collect(Collectors.toMap(row -> row.get("process_instance_id") + "/" + row.get("activity_id"),
                        row -> ((Number) row.get("n")).longValue()));
        for (IncidentLoad.Intake intake : intakes) {
            for (String escalation : CrashRecoveryIT.ESCALATIONS) {
                assertThat(perTimer.get(intake.processInstanceId() + "/" + escalation))
                        .as("breaches of %s at %s", intake.processInstanceId(), escalation).isEqualTo(1L);
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ? AND TASK_DEF_KEY_ = ?",
                        intake.processInstanceId(), escalation)).isOne();
            }
        }
    }

    /** Successful timer executions of these incidents, by the node that ran them (engine job log). */
    private static Map<String, Long> timerJobsPerNode(TestDatabase db, List<IncidentLoad.Intake> intakes) {
        return db.jdbc.queryForList("SELECT HOSTNAME_ AS node, COUNT(*) AS n FROM ACT_HI_JOB_LOG WHERE JOB_DEF_TYPE_ LIKE 'timer%' "
                        + "AND JOB_STATE_ = 2 AND PROCESS_INSTANCE_ID_ IN (" + in(intakes) + ") GROUP BY HOSTNAME_")
                .stream().collect(Collectors.toMap(row -> (String) row.get("node"), row -> ((Number) row.get("n")).longValue()));
    }

    private static String in(List<IncidentLoad.Intake> intakes) {
        return intakes.stream().map(intake -> "'" + intake.processInstanceId() + "'").collect(Collectors.joining(","));
    }
}
