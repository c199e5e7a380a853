package org.secflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.secflow.incident.IncidentService;
import org.secflow.support.Http;
import org.secflow.support.Staff;

/** The HTTP side: task claim + complete on /engine-rest by concurrent users, and the conformance summary. */
final class HttpLoad {

    record RoundTrips(long count, double p50Millis, double p95Millis, double p99Millis, double perSecond) {
    }

    private final ProcessEngine engine;
    private final IncidentService incidents;
    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    HttpLoad(ProcessEngine engine, IncidentService incidents, int port) {
        this.engine = engine;
        this.incidents = incidents;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /**
     * {@code users} engineers each claim and complete the first task (分析研判事件) of open incidents
     * over HTTP, all at once; a round trip is claim + complete. The first round is a warm-up.
     */
    RoundTrips taskRoundTrips(int users, int perUser) throws Exception {
        IdentityService identity = engine.getIdentityService();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            String id = String.format("benchEngineer%02d", i);
            names.add(id);
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setPassword(Staff.PASSWORD);
                org.secflow.support.Staff.save(identity, user);
                identity.createMembership(id, "technical");
            }
        }
        Queue<String> tasks = new ConcurrentLinkedQueue<>();
        Lifecycles.throughput(2, users * (perUser + 1), () -> {
            String pi = Staff.as(identity, "operator", () -> incidents.report(Lifecycles.incidentReport()))
                    .getProcessInstanceId();
            tasks.add(engine.getTaskService().createTaskQuery().processInstanceId(pi)
                    .taskDefinitionKey("userTask_analyseIncident").singleResult().getId());
        });
        String completion = Http.toJson(Map.of("variables", Map.of(
                "analysis", Map.of("value", "经分析为勒索软件", "type", "String"),
                "regrade", Map.of("value", false, "type", "Boolean"))));

        Histogram histogram = new Histogram(600_000_000_000L, 3);
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long[] window = new long[2];
        for (String user : names) {
            pool.execute(() -> {
                try {
                    go.await();
                    for (int round = 0; round <= perUser; round++) {
                        String taskId = tasks.poll();
                        if (taskId == null) {
                            return;
                        }
                        long before = System.nanoTime();
                        expect(204, post(user, "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + user + "\"}"));
                        expect(204, post(user, "/engine-rest/task/" + taskId + "/complete", completion));
                        if (round > 0) {
                            synchronized (histogram) {
                                histogram.recordValue(System.nanoTime() - before);
                            }
                        }
                    }
                } catch (Exception | AssertionError e) {
                    failure.compareAndSet(null, e.toString());
                }
            });
        }
        window[0] = System.nanoTime();
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        window[1] = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("a round trip failed: " + failure.get());
        }
        return new RoundTrips(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(95) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                users * (perUser + 1) / ((window[1] - window[0]) / 1e9));
    }

    /**
     * Finished service processes for the conformance summary: a one-step security notice (7.4.5)
     * deployed by the benchmark, each started (and so finished) in one transaction by one of
     * {@code threads} workers. Returns instances per second.
     */
    double finishedNotices(int count, int threads) throws InterruptedException {
        engine.getRepositoryService().createDeployment().name("benchmark conformance")
                .addClasspathResource("bench/bench-notice-record.bpmn").deploy();
        RuntimeService runtime = engine.getRuntimeService();
        IdentityService identity = engine.getIdentityService();
        return Lifecycles.throughput(threads, count, () -> Staff.as(identity, "operator",
                () -> runtime.startProcessInstanceByKey("benchNoticeRecord", Map.of("noticeName", "安全通告"))));
    }

    /** GET /api/compliance/summary?item=… as the auditor: seconds and the answer's instance count. */
    double[] summary(String item) throws Exception {
        long before = System.nanoTime();
        HttpResponse<String> response = client.send(request("auditor", "/api/compliance/summary?item=" + item).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - before) / 1e9;
        expect(200, response);
        return new double[] {seconds, Http.json(response).get("instances").asDouble()};
    }

    private HttpResponse<String> post(String user, String path, String body) throws Exception {
        return client.send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String user, String path) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + Staff.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + credentials);
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri().getPath() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }
}
