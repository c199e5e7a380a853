package org.secflow.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as its own JVM: the repackaged Spring Boot jar built by {@code package}, profile
 * {@code mysql}, job executor on, demo users, against a database of its own. Logs go to
 * target/reliability/&lt;name&gt;.log.
 */
final class AppNode implements AutoCloseable {

    static final String ADMIN_PASSWORD = "rel-admin-not-default-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Process process;
    private final long startedAt;

    private AppNode(String name, int port, Process process, long startedAt) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedAt = startedAt;
    }

    /**
     * Starts a node and waits until it answers healthy.
     *
     * @param dbPort the port the node connects to (MariaDB's, or a proxy's in front of it)
     * @param rules  a rules directory (secflow.rules.location), or null for the rules in the jar
     * @param options further command-line options of the application ({@code --name=value})
     */
    static AppNode start(String name, TestDatabase db, int dbPort, Path rules, String... options) throws Exception {
        Path logs = Path.of(System.getProperty("secflow.reliability.logs", "target/reliability"));
        return start(name, db, dbPort, rules, logs.resolve("keys").resolve(db.name + ".properties"), options);
    }

    /**
     * Starts a node with the given key file (SECFLOW_KEY_FILE; generated there when missing, as the nodes of
     * one database share their keys).
     */
    static AppNode start(String name, TestDatabase db, int dbPort, Path rules, Path keyFile, String... options)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar().toString(),
                "--spring.profiles.active=mysql",
                "--server.port=" + port,
                "--secflow.demo-users=true",
                // the nodes are tested for crashes and outages, not for the production login controls
                "--secflow.security.second-factor-required=false",
                "--secflow.security.require-tls=false",
                "--secflow.security.superuser=true",
                "--secflow.security.exempt-users=admin,manager,engineer,operator,auditor,sysadmin,secadmin,auditadmin",
                "--secflow.crypto.generate-if-missing=true",
                // the node's name in the engine's job log (ACT_HI_JOB_LOG.HOSTNAME_)
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                // look for due timers every 1-3 s instead of backing off to a minute when idle
                "--camunda.bpm.job-execution.wait-time-in-millis=1000",
                "--camunda.bpm.job-execution.max-wait=3000"));
        command.addAll(List.of(options));
        if (rules != null) {
            command.add("--secflow.rules.location=file:" + rules.toAbsolutePath() + "/");
        }
        Path logs = Path.of(System.getProperty("secflow.reliability.logs", "target/reliability"));
        Files.createDirectories(logs);
        File log = logs.resolve(name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Map<String, String> env = builder.environment();
        env.put("SECFLOW_DB_URL", db.jdbcUrl(dbPort));
        env.put("SECFLOW_DB_USER", TestDatabase.USER);
        env.put("SECFLOW_DB_PASSWORD", TestDatabase.PASSWORD);
        env.put("SECFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("SECFLOW_KEY_FILE", keyFile.toAbsolutePath().toString());
        long started = System.nanoTime();
        AppNode node = new AppNode(name, port, builder.start(), started);
        node.awaitHealthy(Duration.ofSeconds(180));
        return node;
    }

    /** Seconds from the start command to the first healthy answer. */
    double startSeconds;

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start, see its log");
            }
            if (healthy()) {
                startSeconds = (System.nanoTime() - startedAt) / 1e9;
                System.out.printf("[%s] healthy on port %d after %.1f s%n", name, port, startSeconds);
                return;
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not healthy within " + timeout);
    }

    boolean healthy() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as a power cut or the OOM killer: no shutdown hooks, nothing flushed. Milliseconds until gone. */
    long kill() throws InterruptedException {
        long start = System.nanoTime();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** SIGTERM: an orderly stop (Spring closes the context, the job executor stops). Milliseconds until gone. */
    long stop() throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static Path jar() throws IOException {
        Path target = Path.of(System.getProperty("secflow.reliability.jar.dir", "target"));
        try (var files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("secflow-app-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no application jar in " + target.toAbsolutePath()
                            + ": run with -Preliability verify (after package)"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
