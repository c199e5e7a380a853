package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secflow.support.Http;

/**
 * Notifications across separate JVMs on MySQL: two nodes with both senders and job executors on send each notice
 * once, and a missed respond deadline reaches the management robot within 5 s of the deadline, fired by the job
 * executor; a node killed while a robot holds its request sends nothing again itself, and the node started after it
 * delivers the notice, the second copy carrying the same id (header and body) for the receiver to drop.
 */
class NotificationDeliveryIT {

    static final int SLA_SECONDS = 20;
    static final int INCIDENTS = 8;
    /** The sender of the nodes: quick rounds, a short claim lease so that a dead node's claim runs out soon. */
    static final String[] SENDER = {
            "--secflow.notifications.poll-interval=PT0.5S",
            "--secflow.notifications.initial-backoff=PT1S",
            "--secflow.notifications.claim-lease=PT15S",
            "--secflow.notifications.http-timeout=PT60S"};

    @TempDir Path work;

    @Test
    void twoNodesSendEachNoticeOnceAndTheMissedDeadlineWithinFiveSeconds() throws Exception {
        Path rules = SlaRules.withResponseDeadline(work, SLA_SECONDS);
        try (TestDatabase db = new TestDatabase("secflow_rel_notify_cluster");
             Receiver robot = new Receiver();
             AppNode a = AppNode.start("notify-a", db, TestDatabase.PORT, rules, SENDER);
             AppNode b = AppNode.start("notify-b", db, TestDatabase.PORT, rules, SENDER)) {
            addRobot(a.port, robot.url("/management"), "INCIDENT_GRADED", "SLA_BREACHED");

            AtomicInteger turn = new AtomicInteger();
            List<IncidentLoad.Intake> intakes = new IncidentLoad(() -> turn.getAndIncrement() % 2 == 0 ? a.port : b.port, true)
                    .send(INCIDENTS);
            assertThat(intakes).hasSize(INCIDENTS).allMatch(IncidentLoad.Intake::analysed);

            // each incident: INCIDENT_GRADED at intake, SLA_BREACHED for the respond and the first-report deadline
            Waiting.until(Duration.ofSeconds(150), () -> robot.count("SLA_BREACHED") >= INCIDENTS * 2
                    && robot.count("INCIDENT_GRADED") >= INCIDENTS);
            Thread.sleep(3_000);
            Map<String, Long> perId = robot.received.stream()
                    .collect(Collectors.groupingBy(Received::id, Collectors.counting()));
            assertThat(perId).as("every notice once").allSatisfy((id, n) -> assertThat(n).as("notice %s", id).isOne());
            assertThat(robot.count("INCIDENT_GRADED")).isEqualTo(INCIDENTS);
            assertThat(robot.count("SLA_BREACHED")).isEqualTo(INCIDENTS * 2);
            assertThat(db.count("SELECT COUNT(*) FROM notification_delivery WHERE channel = 'WEBHOOK' AND "
                    + "(status <> 'SENT' OR attempts <> 1)")).as("all sent at the first attempt").isZero();

            long slowest = 0;
            for (Received breach : robot.received.stream().filter(r -> r.event().equals("SLA_BREACHED")).toList()) {
                long deadline = OffsetDateTime.parse(breach.json().get("deadline").asText()).toInstant().toEpochMilli();
                slowest = Math.max(slowest, breach.atMillis() - deadline);
            }
            Map<String, Long> sentBy = db.jdbc.queryForList("SELECT HOSTNAME_ AS node, COUNT(*) AS n FROM ACT_HI_JOB_LOG "
                            + "WHERE JOB_DEF_TYPE_ = 'timer-transition' AND JOB_STATE_ = 2 GROUP BY HOSTNAME_").stream()
                    .collect(Collectors.toMap(row -> (String) row.get("node"), row -> ((Number) row.get("n")).longValue()));
            System.out.printf("notifications: %d notices once each over two nodes; missed deadlines at the robot at most "
                    + "%d ms after the deadline; SLA timers fired per node %s%n", perId.size(), slowest, sentBy);
            assertThat(slowest).as("ms from a missed deadline to the management robot").isLessThanOrEqualTo(5_000);
        }
    }

    @Test
    void aNodeKilledDuringADeliveryLeavesItToTheNextNodeAndTheCopyCarriesTheSameId() throws Exception {
        try (TestDatabase db = new TestDatabase("secflow_rel_notify_crash");
             Receiver robot = new Receiver()) {
            robot.holdFirst();
            AppNode a = AppNode.start("notify-crash-a", db, TestDatabase.PORT, null, SENDER);
            try {
                addRobot(a.port, robot.url("/management"), "INCIDENT_GRADED");
                HttpResponse<String> created = IncidentLoad.send(a.port, "operator", "POST", "/api/incidents",
                        Http.toJson(org.secflow.support.IncidentBodies.defacedPortal()));
                assertThat(created.statusCode()).isEqualTo(201);

                assertThat(robot.held.await(30, TimeUnit.SECONDS)).as("the node is sending, the robot holds the request").isTrue();
                long killMillis = a.kill();
                robot.release();
                assertThat(db.count("SELECT COUNT(*) FROM notification_delivery WHERE status = 'PENDING' AND claimed_by IS NOT NULL"))
                        .as("the killed node's claim is left").isOne();

                try (AppNode b = AppNode.start("notify-crash-b", db, TestDatabase.PORT, null, SENDER)) {
                    Waiting.until(Duration.ofSeconds(90), () -> robot.received.size() >= 2);
                    Thread.sleep(2_000);
                    assertThat(robot.received).hasSize(2);
                    Received first = robot.received.get(0);
                    Received second = robot.received.get(1);
                    assertThat(second.id()).as("the copy's id, header").isEqualTo(first.id());
                    assertThat(second.json().get("id").asText()).as("and body").isEqualTo(first.id());
                    assertThat(second.json().get("title").asText()).isEqualTo(first.json().get("title").asText());
                    assertThat(db.count("SELECT COUNT(*) FROM notification_delivery WHERE status = 'SENT' AND channel = 'WEBHOOK'"))
                            .isOne();
                    System.out.printf("notifications: node killed in %d ms holding a delivery; node b started in %.1f s and "
                            + "delivered it %d ms after the first attempt; the receiver got 2 copies of notice %s%n", killMillis,
                            b.startSeconds, second.atMillis() - first.atMillis(), first.id());
                }
            } finally {
                a.close();
            }
        }
    }

    /** As an administrator does it: a generic webhook robot for management. */
    private static void addRobot(int port, String url, String... events) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", "management");
        body.put("kind", "GENERIC");
        body.put("name", "管理群机器人");
        body.put("url", url);
        body.put("events", List.of(events));
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/notifications/settings/robots"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + AppNode.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(body), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    record Received(String id, String event, JsonNode json, long atMillis) {
    }

    /** A robot: keeps every request; optionally holds the first one unanswered until released. */
    static final class Receiver implements AutoCloseable {

        private static final ObjectMapper JSON = new ObjectMapper();
        final List<Received> received = new CopyOnWriteArrayList<>();
        final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean holdFirst;
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                JsonNode json = JSON.readTree(body);
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-SecFlow-Notification-Id"),
                        json.path("event").asText(), json, System.currentTimeMillis()));
                if (holdFirst) {
                    holdFirst = false;
                    held.countDown();
                    try {
                        released.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] answer = "{\"errcode\":0}".getBytes(StandardCharsets.UTF_8);
                try {
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                } catch (IOException senderGone) {
                    // the killed node's connection
                }
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void holdFirst() {
            holdFirst = true;
        }

        void release() {
            released.countDown();
        }

        long count(String event) {
            return received.stream().filter(r -> r.event().equals(event)).count();
        }

        @Override
        public void close() {
            release();
            server.stop(0);
        }
    }
}
