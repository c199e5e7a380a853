package org.secflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The mail server down for a while, the worst way: it accepts connections and never answers, so every attempt
 * hangs until the SMTP read timeout (10 s). Task completions meanwhile take as long as with a working server (p95
 * of a series of each); when a real SMTP server (GreenMail) is back on the same port, every mail arrives, once.
 */
@IntegrationTest
class MailOutageTest {

    static final String TASKLIST = "http://secflow.test/camunda/app/tasklist/default/#/?task=";
    static final int COMPLETIONS = 8;

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired JdbcTemplate jdbc;
    Http http;
    GreenMail smtp;
    BlackHole blackHole;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        smtp = new GreenMail(new ServerSetup(NotificationDeliveryTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @AfterEach
    void tearDown() {
        if (blackHole != null) {
            blackHole.close();
        }
        smtp.stop();
    }

    @Test
    void completionsKeepTheirPaceWhileTheMailServerHangsAndEveryMailArrivesOnceWhenItIsBack() throws Exception {
        http.get("engineer", "/engine-rest/task?maxResults=1");
        smtp.start();
        analyseIncidents(2); // warm-up
        List<Long> withServer = analyseIncidents(COMPLETIONS).times();
        awaitTrue(() -> jdbc.queryForObject("SELECT COUNT(*) FROM notification_delivery WHERE channel = 'EMAIL' "
                + "AND status = 'PENDING'", Integer.class) == 0, 15_000);
        smtp.stop();

        blackHole = new BlackHole(NotificationDeliveryTest.SMTP_PORT);
        Run outage = analyseIncidents(COMPLETIONS);
        long p95With = p95(withServer);
        long p95Without = p95(outage.times());
        assertThat(p95Without).as("p95 of completions with the mail server hanging (ms), %s ms with it, %s / %s",
                p95With, outage.times(), withServer).isLessThan(Math.max(3 * p95With, p95With + 2_000));
        awaitTrue(() -> blackHole.connections() > 0, 15_000);
        List<Task> managementTasks = new ArrayList<>();
        for (String pi : outage.processInstances()) {
            managementTasks.addAll(taskService.createTaskQuery().processInstanceId(pi).taskCandidateGroup("management").list());
        }
        assertThat(managementTasks).hasSizeGreaterThanOrEqualTo(COMPLETIONS);
        assertThat(mailsTo("manager@demo.secflow.local").stream().filter(m -> managementTasks.stream()
                .anyMatch(t -> body(m).contains(TASKLIST + t.getId())))).as("nothing while the server hangs").isEmpty();

        blackHole.close();
        smtp = smtpBackOnItsPort();

        awaitTrue(() -> managementTasks.stream().allMatch(t -> !mailsAbout("manager@demo.secflow.local",
                TASKLIST + t.getId()).isEmpty()), 30_000);
        Thread.sleep(1_500);
        for (Task task : managementTasks) {
            assertThat(mailsAbout("manager@demo.secflow.local", TASKLIST + task.getId())).as(task.getName()).hasSize(1);
        }
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            keys.add(m.getHeader("X-SecFlow-Notification-Id")[0] + " " + Arrays.toString(m.getRecipients(Message.RecipientType.TO)));
        }
        assertThat(keys).as("one mail per notification and address").doesNotHaveDuplicates();
    }

    /**
     * GreenMail on the port the black hole held. The port can take a moment to be bound again (the black hole's closed
     * connections); the mails wait in the outbox meanwhile, which is what this test is about.
     */
    private static GreenMail smtpBackOnItsPort() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            ServerSetup setup = new ServerSetup(NotificationDeliveryTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            setup.setServerStartupTimeout(5_000);
            GreenMail server = new GreenMail(setup);
            try {
                server.start();
                return server;
            } catch (IllegalStateException notYet) {
                server.stop();
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    record Run(List<String> processInstances, List<Long> times) {
    }

    /** Reports incidents and times the completion of each one's analysis (which opens management's tasks). */
    private Run analyseIncidents(int count) {
        List<String> pis = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String pi = Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())))
                    .get("processInstanceId").asText();
            Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("userTask_analyseIncident")
                    .singleResult();
            assertThat(http.postJson("engineer", "/engine-rest/task/" + task.getId() + "/claim",
                    "{\"userId\":\"engineer\"}").statusCode()).isEqualTo(204);
            long start = System.nanoTime();
            HttpResponse<String> completed = http.postJson("engineer", "/engine-rest/task/" + task.getId() + "/complete",
                    Http.toJson(Map.of("variables", Map.of(
                            "analysis", Map.of("value", "篡改来自后台弱口令", "type", "String"),
                            "regrade", Map.of("value", false, "type", "Boolean")))));
            times.add((System.nanoTime() - start) / 1_000_000);
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
            pis.add(pi);
        }
        return new Run(pis, times);
    }

    private static long p95(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private List<MimeMessage> mailsAbout(String address, String text) {
        return mailsTo(address).stream().filter(m -> body(m).contains(text)).toList();
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + timeoutMillis + " ms");
            }
            Thread.sleep(50);
        }
    }

    /** A mail server that hangs: accepts connections and never says a word. */
    static final class BlackHole implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        BlackHole(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "smtp-black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
