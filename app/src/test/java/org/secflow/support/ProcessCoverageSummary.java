package org.secflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * After the whole test run: one table of how much of every model the tests walked (flow nodes and
 * sequence flows reached by any test), from the per-class reports of camunda-process-test-coverage,
 * written to {@code target/process-test-coverage/summary.md}. Models under 90% are named on the console.
 */
public class ProcessCoverageSummary implements LauncherSessionListener {

    private static final Path REPORTS = Path.of("target", "process-test-coverage");

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (!Files.isDirectory(REPORTS)) {
            return;
        }
        Map<String, Integer> totals = new TreeMap<>();
        Map<String, Set<String>> reached = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> reports = Files.list(REPORTS)) {
            for (Path report : reports.map(dir -> dir.resolve("report.json")).filter(Files::exists).toList()) {
                JsonNode root = json.readTree(report.toFile());
                root.path("models").forEach(model -> totals.put(model.get("key").asText(),
                        model.get("totalElementCount").asInt()));
                root.path("suites").forEach(suite -> suite.path("runs").forEach(run -> run.path("events").forEach(
                        event -> reached.computeIfAbsent(event.get("modelKey").asText(), k -> new HashSet<>())
                                .add(event.get("definitionKey").asText()))));
            }
            StringBuilder table = new StringBuilder("| process | elements reached | coverage |\n|---|---|---|\n");
            totals.forEach((key, total) -> {
                int hit = Math.min(total, reached.getOrDefault(key, Set.of()).size());
                table.append("| `").append(key).append("` | ").append(hit).append('/').append(total).append(" | ")
                        .append(Math.round(100.0 * hit / total)).append("% |\n");
                if (hit < 0.9 * total) {
                    System.out.println("[process coverage] " + key + " below 90%: " + hit + "/" + total);
                }
            });
            Files.writeString(REPORTS.resolve("summary.md"), table, StandardCharsets.UTF_8);
            System.out.println("[process coverage] " + totals.size() + " models, table in " + REPORTS.resolve("summary.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
