package org.secflow.reliability;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;

/**
 * Monitoring systems reporting incidents (POST /api/incidents as operator) from several threads, and
 * engineers finishing the first analysis over the engine REST API, so that the SLA timers start.
 * Every answer is kept: what got a 201 must be in the database afterwards.
 */
final class IncidentLoad {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** An intake that got its 201; analysed when the engineer's completion got its 204. */
    record Intake(long id, String processInstanceId, String title, int port, boolean analysed) {
        Intake withAnalysed() {
            return new Intake(id, processInstanceId, title, port, true);
        }
    }

    /** Any answer to an intake: status (0: no answer), message, when, and how long it took. */
    record Answer(int status, String body, long atMillis, long tookMillis) {
    }

    final ConcurrentLinkedQueue<Intake> accepted = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    final AtomicInteger analysisFailures = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> workers = new ArrayList<>();
    private final boolean analyse;
    private final IntSupplier port;
    final long startedAt = System.currentTimeMillis();

    /** @param port where each intake goes (a supplier, so that load can be spread over nodes) */
    IncidentLoad(IntSupplier port, boolean analyse) {
        this.port = port;
        this.analyse = analyse;
    }

    IncidentLoad start(int threads) {
        running.set(true);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    /** Stops the workers; requests under way end with an answer or an error. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
    }

    /** Sends n intakes (and their analyses) from the calling thread. */
    List<Intake> send(int n) {
        List<Intake> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Intake intake = once();
            if (intake != null) {
                sent.add(intake);
            }
        }
        return sent;
    }

    private void work() {
        while (running.get()) {
            once();
        }
    }

    private Intake once() {
        int target = port.getAsInt();
        Map<String, Object> body = IncidentBodies.defacedPortal();
        String title = (String) body.get("title");
        long start = System.currentTimeMillis();
        HttpResponse<String> response;
        try {
            response = send(target, "operator", "POST", "/api/incidents", Http.toJson(body));
        } catch (Exception e) {
            answers.add(new Answer(0, e.toString(), start, System.currentTimeMillis() - start));
            pause();
            return null;
        }
        answers.add(new Answer(response.statusCode(), response.body(), start, System.currentTimeMillis() - start));
        if (response.statusCode() != 201) {
            pause();
            return null;
        }
        JsonNode created = Http.json(response);
        Intake intake = new Intake(created.get("id").asLong(), created.get("processInstanceId").asText(), title, target, false);
        if (analyse) {
            try {
                if (completeAnalysis(target, intake.processInstanceId())) {
                    intake = intake.withAnalysed();
                } else {
                    analysisFailures.incrementAndGet();
                }
            } catch (Exception e) {
                analysisFailures.incrementAndGet();
            }
        }
        accepted.add(intake);
        return intake;
    }

    /** The engineer claims and completes the first analysis, as in the Tasklist. */
    static boolean completeAnalysis(int port, String processInstanceId) throws Exception {
        HttpResponse<String> tasks = send(port, "engineer", "GET", "/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=userTask_analyseIncident", null);
        JsonNode list = Http.json(tasks);
        if (tasks.statusCode() != 200 || list.isEmpty()) {
            return false;
        }
        String taskId = list.get(0).get("id").asText();
        if (send(port, "engineer", "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"engineer\"}")
                .statusCode() != 204) {
            return false;
        }
        String variables = "{\"variables\":{\"analysis\":{\"value\":\"负载测试研判\",\"type\":\"String\"},"
                + "\"regrade\":{\"value\":false,\"type\":\"Boolean\"}}}";
        return send(port, "engineer", "POST", "/engine-rest/task/" + taskId + "/complete", variables).statusCode() == 204;
    }

    static HttpResponse<String> send(int port, String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
