package org.secflow.reliability;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy (the Debian package, {@code /usr/sbin/haproxy}) in front of the nodes, started by the test with the
 * configuration of the README's deployment guide on free ports: round robin, no stickiness, health checks of
 * {@code /actuator/health/readiness}. Its access log (one line per request: node, status, method, path, browser) goes to
 * target/reliability/haproxy.log and is read by the test.
 */
final class Haproxy implements AutoCloseable {

    /** One logged request: the node that served it (or {@code <NOSRV>}), the status, method, path and user agent. */
    record Logged(String node, int status, String method, String path, String userAgent) {
        boolean fromBrowser() {
            return userAgent.contains("Chrome");
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^request node=(\\S+) status=(-?\\d+) method=(\\S+) path=(\\S+) ua=\\{(.*)}$");

    final int port;
    final Path config;
    final Path log;
    private final Process process;

    private Haproxy(int port, Path config, Path log, Process process) {
        this.port = port;
        this.config = config;
        this.log = log;
        this.process = process;
    }

    static Haproxy start(Path workDir, List<AppNode> nodes) throws Exception {
        int port = AppNode.freePort();
        StringBuilder servers = new StringBuilder();
        for (AppNode node : nodes) {
            servers.append("    server ").append(node.name).append(" 127.0.0.1:").append(node.port).append(" check\n");
        }
        String text = configuration(port, servers.toString());
        Path config = workDir.resolve("haproxy.cfg");
        Files.writeString(config, text, StandardCharsets.UTF_8);
        Path logs = Path.of(System.getProperty("secflow.reliability.logs", "target/reliability"));
        Files.createDirectories(logs);
        Path log = logs.resolve("haproxy.log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(executable(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(port, config, log, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                // health checks need a moment to mark both nodes up (rise 2 × inter 500 ms)
                Thread.sleep(1500);
                System.out.printf("[haproxy] listening on %d in front of %s%n", port,
                        nodes.stream().map(node -> node.name + ":" + node.port).toList());
                return haproxy;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("haproxy did not listen on " + port);
    }

    /**
     * The load balancer's configuration (the same as in the README, with the test's ports): no cookie, no
     * stickiness; a request whose connection to a node fails is sent to another node (redispatch); a GET whose node
     * died before answering is sent again (idempotent), a POST never (it may have been carried out).
     */
    static String configuration(int port, String servers) {
        return """
                global
                    log stdout format raw local0
                    maxconn 2000

                defaults
                    mode http
                    log global
                    option dontlognull
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout http-request 10s
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response
                    default-server inter 500ms fall 2 rise 2

                frontend secflow
                    bind 127.0.0.1:%d
                    option forwardfor
                    http-request capture req.hdr(User-Agent) len 60
                    log-format "request node=%%s status=%%ST method=%%HM path=%%HPO ua=%%hr"
                    default_backend secflow_nodes

                backend secflow_nodes
                    balance roundrobin
                    http-request disable-l7-retry if !METH_GET !METH_HEAD
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                %s""".formatted(port, servers);
    }

    List<Logged> requests() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new Logged(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4), m.group(5)))
                .toList();
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("haproxy not installed (Debian: apt-get install haproxy; .ci/run does it)");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
