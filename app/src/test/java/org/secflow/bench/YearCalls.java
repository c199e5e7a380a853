package org.secflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.secflow.support.Http;
import org.secflow.support.Staff;

/**
 * The calls people and the Tasklist make, timed on the year of data: each read call {@code samples} times in a row
 * (p50/p95), and an open-loop load in which staff actions arrive at a fixed rate whatever the answers' speed.
 */
final class YearCalls {

    record Timing(String name, long count, long errors, double p50, double p95, double p99, String note) {
    }

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    YearCalls(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + Staff.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + credentials).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode json(String user, String path) throws Exception {
        HttpResponse<String> response = send(user, "GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Http.json(response);
    }

    /** One call {@code samples} times after one untimed warm-up; every answer must be {@code status}. */
    Timing time(String name, int samples, String user, String method, String path, String body, int status,
                String note) throws Exception {
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        send(user, method, path, body);
        long errors = 0;
        for (int i = 0; i < samples; i++) {
            long before = System.nanoTime();
            HttpResponse<String> response = send(user, method, path, body);
            histogram.recordValue(System.nanoTime() - before);
            if (response.statusCode() != status) {
                errors++;
                System.out.println("[bench year] " + path + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }
        return timing(name, histogram, errors, note + "; " + method + " " + path);
    }

    private static Timing timing(String name, Histogram histogram, long errors, String note) {
        return new Timing(name, histogram.getTotalCount(), errors, histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(95) / 1e6, histogram.getValueAtPercentile(99) / 1e6, note);
    }

    /** Engineers of the load (group technical), created by the benchmark. */
    static final int STAFF = 40;

    static String staff(int i) {
        return String.format("benchStaff%02d", i + 1);
    }

    /** The Tasklist's four saved filters: name → id, as the given user sees them. */
    Map<String, String> filters(String user) throws Exception {
        Map<String, String> filters = new LinkedHashMap<>();
        for (JsonNode filter : json(user, "/engine-rest/filter?resourceType=Task")) {
            filters.put(filter.get("name").asText(), filter.get("id").asText());
        }
        return filters;
    }

    /** What the Tasklist posts for a filter's first page (its sorting, 15 cards). */
    static final String FIRST_PAGE = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";

    /**
     * Open-loop staff actions at {@code perSecond} for {@code seconds}: in turn claim (an open 确认需求 task of
     * 边界安全), complete (a task claimed before, with its form's values), list (a saved filter's first page) and
     * open form (the task's deployed form and its variables), each sent at its scheduled time by a pool large
     * enough that no action waits for an earlier one; latency from the scheduled time (no coordinated omission).
     */
    Map<String, Timing> openLoop(double perSecond, int seconds, List<String> tasks, String filterId, String completion)
            throws Exception {
        String[] kinds = {"claim", "complete", "list", "openForm"};
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, AtomicInteger> errors = new LinkedHashMap<>();
        for (String kind : kinds) {
            histograms.put(kind, new Histogram(3_600_000_000_000L, 3));
            errors.put(kind, new AtomicInteger());
        }
        ConcurrentLinkedQueue<String> unclaimed = new ConcurrentLinkedQueue<>(tasks);
        ConcurrentLinkedQueue<String[]> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        int total = (int) Math.round(perSecond * seconds);
        long intervalNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime() + 200_000_000L;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            String kind = kinds[i % kinds.length];
            while (System.nanoTime() < scheduled) {
                long wait = scheduled - System.nanoTime();
                if (wait > 1_000_000) {
                    TimeUnit.NANOSECONDS.sleep(wait - 500_000);
                }
            }
            pool.execute(() -> {
                String user = staff(ThreadLocalRandom.current().nextInt(STAFF));
                boolean ok;
                try {
                    ok = switch (kind) {
                        case "claim" -> {
                            String task = unclaimed.poll();
                            String who = staff(ThreadLocalRandom.current().nextInt(STAFF));
                            boolean done = task != null && send(who, "POST", "/engine-rest/task/" + task + "/claim",
                                    "{\"userId\":\"" + who + "\"}").statusCode() == 204;
                            if (done) {
                                claimed.add(new String[] {task, who});
                            }
                            yield done;
                        }
                        case "complete" -> {
                            String[] task = claimed.poll();
                            yield task != null && send(task[1], "POST", "/engine-rest/task/" + task[0] + "/complete",
                                    completion).statusCode() == 204;
                        }
                        case "list" -> send(user, "POST", "/engine-rest/filter/" + filterId
                                + "/list?firstResult=0&maxResults=15", FIRST_PAGE).statusCode() == 200;
                        default -> {
                            String task = tasks.get(ThreadLocalRandom.current().nextInt(tasks.size()));
                            yield send(user, "GET", "/engine-rest/task/" + task + "/deployed-form", null).statusCode() < 500
                                    && send(user, "GET", "/engine-rest/task/" + task + "/form-variables", null)
                                    .statusCode() < 500;
                        }
                    };
                } catch (Exception e) {
                    ok = false;
                }
                long latency = System.nanoTime() - scheduled;
                Histogram histogram = histograms.get(kind);
                synchronized (histogram) {
                    histogram.recordValue(latency);
                }
                if (!ok) {
                    errors.get(kind).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (String kind : kinds) {
            timings.put(kind, timing(kind, histograms.get(kind), errors.get(kind).get(), perSecond + " actions/s"));
        }
        return timings;
    }

    static List<String> column(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }
}
