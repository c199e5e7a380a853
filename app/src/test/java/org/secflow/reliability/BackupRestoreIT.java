package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secflow.support.Http;

/**
 * 数据备份恢复 (GB/T 22239—2019 8.1.4.9), as the README's "Backup and restore" describes it: while a node
 * works, {@code mariadb-dump --single-transaction} of its database and a copy of its key file; the dump
 * restored into a fresh database; a node started on it with the copied keys: the audit chain verifies,
 * encrypted personal data reads back, and a waiting task is completed.
 */
class BackupRestoreIT {

    static final String PHONE = "13812348000";

    @TempDir Path work;

    @Test
    void aHotBackupRestoredIntoAFreshDatabaseVerifiesAndTheProcessesGoOn() throws Exception {
        Path keys = work.resolve("live/secflow-keys.properties");
        Path backup = Files.createDirectories(work.resolve("backup"));
        try (TestDatabase source = new TestDatabase("secflow_rel_backup");
             TestDatabase restored = new TestDatabase("secflow_rel_restore")) {
            List<IncidentLoad.Intake> intakes;
            long ticketId;
            long entriesAtBackup;
            try (AppNode node = AppNode.start("backup-source", source, TestDatabase.PORT, null, keys)) {
                intakes = new IncidentLoad(() -> node.port, false).send(2);
                assertThat(intakes).hasSize(2);
                assertThat(IncidentLoad.completeAnalysis(node.port, intakes.get(0).processInstanceId())).isTrue();
                HttpResponse<String> ticket = IncidentLoad.send(node.port, "operator", "POST", "/api/tickets", Http.toJson(ticket()));
                assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
                ticketId = Http.json(ticket).get("id").asLong();
                JsonNode verified = Http.json(IncidentLoad.send(node.port, "auditor", "GET", "/api/audit/verify", null));
                assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
                entriesAtBackup = verified.get("verifiedEntries").asLong();

                // the backup, taken while the node runs: one consistent snapshot of the database, and the keys
                dump(source.name, backup.resolve("secflow.sql"));
                Files.copy(keys, backup.resolve("secflow-keys.properties"));
                node.stop();
            }
            assertThat(Files.readString(backup.resolve("secflow.sql"))).contains("audit_entry").doesNotContain(PHONE);

            // restore into a database that did not exist before, and start with the backed-up keys
            load(restored.name, backup.resolve("secflow.sql"));
            try (AppNode node = AppNode.start("backup-restored", restored, TestDatabase.PORT, null,
                    backup.resolve("secflow-keys.properties"))) {
                JsonNode verified = Http.json(IncidentLoad.send(node.port, "auditor", "GET", "/api/audit/verify", null));
                assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
                assertThat(verified.get("verifiedEntries").asLong()).isGreaterThanOrEqualTo(entriesAtBackup);

                assertThat(restored.jdbc.queryForObject("SELECT contact_info FROM ticket WHERE id = ?", String.class, ticketId))
                        .startsWith("SM4:").doesNotContain(PHONE);
                JsonNode ticket = Http.json(IncidentLoad.send(node.port, "operator", "GET",
                        "/api/tickets/" + ticketId + "?reveal=true", null));
                assertThat(ticket.get("contactInfo").asText()).isEqualTo(PHONE);

                // the second incident waited at its analysis in the backup: it is completed on the restored node
                String waiting = intakes.get(1).processInstanceId();
                assertThat(IncidentLoad.completeAnalysis(node.port, waiting)).isTrue();
                assertThat(restored.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = ? "
                        + "AND TASK_DEF_KEY_ = 'userTask_analyseIncident' AND END_TIME_ IS NOT NULL", waiting)).isOne();
                JsonNode after = Http.json(IncidentLoad.send(node.port, "auditor", "GET", "/api/audit/verify", null));
                assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
                assertThat(after.get("verifiedEntries").asLong()).isGreaterThan(verified.get("verifiedEntries").asLong());
                System.out.printf("backup/restore: %d audit entries at the backup, %d after a task on the restored node%n",
                        entriesAtBackup, after.get("verifiedEntries").asLong());
            }
        }
    }

    private static Map<String, Object> ticket() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "服务申请");
        body.put("channel", "热线");
        body.put("priority", "中");
        body.put("title", "备份恢复测试工单");
        body.put("description", "恢复后仍可解密联系方式");
        body.put("requestingUnit", "广州市某委办局");
        body.put("contactPerson", "张三丰");
        body.put("contactInfo", PHONE);
        return body;
    }

    /** mariadb-dump (or mysqldump) --single-transaction: a consistent snapshot without locking the running node. */
    private static void dump(String database, Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool("mariadb-dump", "mysqldump"), "--single-transaction",
                "--no-tablespaces", "--routines", "--triggers", "--hex-blob", "--default-character-set=utf8mb4"));
        command.addAll(connection());
        command.add(database);
        run(new ProcessBuilder(command).redirectOutput(file.toFile()));
    }

    private static void load(String database, Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool("mariadb", "mysql"), "--default-character-set=utf8mb4"));
        command.addAll(connection());
        command.add(database);
        run(new ProcessBuilder(command).redirectInput(file.toFile()));
    }

    private static List<String> connection() {
        return List.of("--protocol=tcp", "-h", TestDatabase.HOST, "-P", String.valueOf(TestDatabase.PORT), "-u", TestDatabase.USER);
    }

    private static void run(ProcessBuilder builder) throws Exception {
        // the password through the environment, never on the command line
        builder.environment().put("MYSQL_PWD", TestDatabase.PASSWORD);
        File errors = Files.createTempFile("backup", ".err").toFile();
        Process process = builder.redirectError(errors).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", builder.command()) + ": " + Files.readString(errors.toPath()))
                .isZero();
    }

    private static String tool(String preferred, String fallback) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, preferred))) {
                return Path.of(dir, preferred).toString();
            }
        }
        return fallback;
    }
}
