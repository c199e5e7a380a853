package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL under load, then a restart on the same database: every intake that got a 201 is there once,
 * finished or waiting at a task, and the SLA timers that fell due while the application was down fire
 * after the restart, once each.
 */
class CrashRecoveryIT {

    static final int SLA_SECONDS = 25;
    static final List<String> ESCALATIONS = List.of("userTask_escalateFirstReport", "userTask_escalateRespond");

    @TempDir Path work;

    @Test
    void killedUnderLoadAndRestarted() throws Exception {
        Path rules = SlaRules.withResponseDeadline(work, SLA_SECONDS);
        try (TestDatabase db = new TestDatabase("secflow_rel_crash")) {
            AppNode first = AppNode.start("crash-before", db, TestDatabase.PORT, rules);
            IncidentLoad load;
            long killMillis;
            try (first) {
                load = new IncidentLoad(() -> first.port, true).start(4);
                Thread.sleep(12_000);
                killMillis = first.kill();
                load.stop();
            }
            long killedAt = System.currentTimeMillis();
            List<IncidentLoad.Intake> accepted = List.copyOf(load.accepted);
            long answered = load.answers.size();
            System.out.printf("crash: %d intakes got 201 in %.1f s (%d answers), %d analysed; SIGKILL took %d ms%n",
                    accepted.size(), (killedAt - load.startedAt) / 1000.0, answered,
                    accepted.stream().filter(IncidentLoad.Intake::analysed).count(), killMillis);
            assertThat(accepted).as("intakes accepted before the kill").hasSizeGreaterThan(10);

            // stay down until the first deadlines have passed, so that timers are overdue at the restart
            Thread.sleep(Math.max(0, load.startedAt + SLA_SECONDS * 1000L + 5_000 - System.currentTimeMillis()));
            try (AppNode second = AppNode.start("crash-after", db, TestDatabase.PORT, rules)) {
                double downSeconds = (System.currentTimeMillis() - killedAt) / 1000.0;
                for (IncidentLoad.Intake intake : accepted) {
                    // exactly one record per intake, nothing lost and nothing doubled
                    assertThat(db.count("SELECT COUNT(*) FROM incident WHERE title = ?", intake.title()))
                            .as("incident %s", intake.title()).isOne();
                    assertThat(db.count("SELECT COUNT(*) FROM incident WHERE process_instance_id = ?",
                            intake.processInstanceId())).isOne();
                    assertThat(db.count("SELECT COUNT(*) FROM incident_grading WHERE incident_id = ?", intake.id())).isOne();
                    // finished, or waiting at a task
                    long openTasks = db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", intake.processInstanceId());
                    long ended = db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_INST_ID_ = ? AND END_TIME_ IS NOT NULL",
                            intake.processInstanceId());
                    assertThat(openTasks + ended).as("process %s waits at a task or has ended", intake.processInstanceId())
                            .isPositive();
                }
                // the analyses that were committed before the kill (also those whose answer was lost)
                List<String> analysed = db.jdbc.queryForList("SELECT i.process_instance_id FROM incident i "
                        + "JOIN ACT_HI_TASKINST t ON t.PROC_INST_ID_ = i.process_instance_id "
                        + "WHERE t.TASK_DEF_KEY_ = 'userTask_analyseIncident' AND t.END_TIME_ IS NOT NULL", String.class);
                assertThat(analysed).as("analysed incidents").isNotEmpty();
                assertThat(analysed).containsAll(accepted.stream().filter(IncidentLoad.Intake::analysed)
                        .map(IncidentLoad.Intake::processInstanceId).toList());

                long expected = (long) analysed.size() * ESCALATIONS.size();
                long waitStart = System.currentTimeMillis();
                Waiting.until(Duration.ofSeconds(120), () -> db.count("SELECT COUNT(*) FROM sla_breach") >= expected);
                double firedAfterStart = (System.currentTimeMillis() - waitStart) / 1000.0;

                Map<String, Long> perTimer = db.jdbc.queryForList(
                        "SELECT process_instance_id, activity_id, COUNT(*) AS n FROM sla_breach GROUP BY process_instance_id, activity_id")
                        .stream().collect(Collectors.toMap(row -> row.get("process_instance_id") + "/" + row.get("activity_id"),
                                row -> ((Number) row.get("n")).longValue()));
                for (String pi : analysed) {
                    for (String escalation : ESCALATIONS) {
                        assertThat(perTimer.get(pi + "/" + escalation)).as("breaches of %s at %s", pi, escalation).isEqualTo(1L);
                        assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ? AND TASK_DEF_KEY_ = ?",
                                pi, escalation)).as("escalation task %s of %s", escalation, pi).isOne();
                    }
                }
                assertThat(db.count("SELECT COUNT(*) FROM sla_breach")).isEqualTo(expected);
                long late = db.count("SELECT COUNT(*) FROM sla_breach WHERE TIMESTAMPDIFF(SECOND, due_at, breached_at) > 2");
                long maxLate = db.count("SELECT MAX(TIMESTAMPDIFF(SECOND, due_at, breached_at)) FROM sla_breach");
                assertThat(late).as("timers that fell due while the application was down").isPositive();
                System.out.printf("crash: restart healthy %.1f s after the kill (start %.1f s); %d timers fired after "
                                + "restart, %d of them overdue by up to %d s, all within %.1f s of the restart; "
                                + "%d analyses committed (%d answered 204)%n",
                        downSeconds, second.startSeconds, expected, late, maxLate, firedAfterStart, analysed.size(),
                        accepted.stream().filter(IncidentLoad.Intake::analysed).count());
            }
        }
    }
}
