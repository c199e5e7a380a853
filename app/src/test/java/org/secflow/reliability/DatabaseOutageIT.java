package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database becomes unreachable for 10 s under load (a TCP proxy between application and MariaDB
 * closes every connection and refuses new ones; the server keeps running). Requests meanwhile fail
 * fast with 503 and a Chinese message, the application recovers by itself when the database is back,
 * and every intake that got a 201 is in the database.
 */
class DatabaseOutageIT {

    static final long OUTAGE_MILLIS = 10_000;

    @Test
    void tenSecondsWithoutDatabaseUnderLoad() throws Exception {
        try (TestDatabase db = new TestDatabase("secflow_rel_outage");
             TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT);
             AppNode node = AppNode.start("outage", db, proxy.port, null)) {
            IncidentLoad load = new IncidentLoad(() -> node.port, false).start(4);
            Thread.sleep(5_000);

            long cutAt = System.currentTimeMillis();
            proxy.cut();
            // a request of our own well inside the outage (the load's requests may straddle its start)
            Thread.sleep(1_000);
            long probeAt = System.currentTimeMillis();
            java.net.http.HttpResponse<String> probe = IncidentLoad.send(node.port, "operator", "POST", "/api/incidents",
                    org.secflow.support.Http.toJson(org.secflow.support.IncidentBodies.defacedPortal()));
            long probeMillis = System.currentTimeMillis() - probeAt;
            Thread.sleep(Math.max(0, cutAt + OUTAGE_MILLIS - System.currentTimeMillis()));
            proxy.restore();
            long restoredAt = System.currentTimeMillis();

            // load goes on until intakes succeed again, and a little longer
            long recoveredAt = 0;
            while (System.currentTimeMillis() - restoredAt < 60_000) {
                recoveredAt = load.answers.stream().filter(answer -> answer.status() == 201 && answer.atMillis() >= restoredAt)
                        .mapToLong(answer -> answer.atMillis() + answer.tookMillis()).min().orElse(0);
                if (recoveredAt > 0 && System.currentTimeMillis() - recoveredAt > 5_000) {
                    break;
                }
                Thread.sleep(250);
            }
            load.stop();
            assertThat(recoveredAt).as("an intake succeeded after the database came back").isPositive();
            Waiting.until(java.time.Duration.ofSeconds(30), node::healthy);
            long healthyAt = System.currentTimeMillis();

            List<IncidentLoad.Answer> answers = List.copyOf(load.answers);
            answers.stream().sorted(java.util.Comparator.comparingLong(IncidentLoad.Answer::atMillis)).forEach(answer ->
                    System.out.printf("  %+6.1f s %5d ms %d %s%n", (answer.atMillis() - cutAt) / 1000.0, answer.tookMillis(),
                            answer.status(), answer.status() == 201 ? "" : answer.body()));
            List<IncidentLoad.Answer> refused = answers.stream().filter(answer -> answer.status() != 201).toList();
            List<IncidentLoad.Answer> duringOutage = answers.stream()
                    .filter(answer -> answer.atMillis() >= cutAt && answer.atMillis() + answer.tookMillis() <= restoredAt).toList();
            assertThat(refused).as("refused intakes").isNotEmpty();
            assertThat(refused).as("every refusal is a 503 with a clear message, no 500, no hang, no broken connection")
                    .allSatisfy(answer -> {
                        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                        assertThat(answer.body()).contains("数据库").doesNotContain("Exception");
                        assertThat(answer.tookMillis()).isLessThan(15_000);
                    });
            assertThat(duringOutage).as("requests sent and answered while the database was away")
                    .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
            assertThat(probe.statusCode()).as(probe.body()).isEqualTo(503);
            assertThat(org.secflow.support.Http.json(probe).get("message").asText()).contains("数据库");
            assertThat(probe.headers().firstValue("Retry-After")).isPresent();
            assertThat(probeMillis).as("answered while the database was still away").isLessThan(OUTAGE_MILLIS - 1_000);

            // nothing lost: every 201 is in the database, once
            List<IncidentLoad.Intake> accepted = List.copyOf(load.accepted);
            for (IncidentLoad.Intake intake : accepted) {
                assertThat(db.count("SELECT COUNT(*) FROM incident WHERE id = ? AND title = ?", intake.id(), intake.title()))
                        .as("incident %d", intake.id()).isOne();
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", intake.processInstanceId()))
                        .isOne();
            }
            long maxRefusalMillis = refused.stream().mapToLong(IncidentLoad.Answer::tookMillis).max().orElse(0);
            System.out.printf("outage: %d intake requests, %d got 201 (all in the database), %d got 503 (slowest %d ms), "
                            + "%d answered during the %d s outage (a request 1 s into it: 503 after %d ms); first 201 %.1f s after the database returned, "
                            + "health UP after %.1f s%n",
                    answers.size(), accepted.size(), refused.size(), maxRefusalMillis, duringOutage.size(),
                    OUTAGE_MILLIS / 1000, probeMillis, (recoveredAt - restoredAt) / 1000.0, (healthyAt - restoredAt) / 1000.0);
        }
    }
}
