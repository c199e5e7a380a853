package org.secflow.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A copy of the rules with a test SLA table of seconds, as version 1 of the rule set that an administrator
 * seeds from a directory (secflow.rules.location): the response and first-report deadlines are a few
 * seconds, the others an hour. The grading rules stay as they are.
 */
final class SlaRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlaRules() {
    }

    static Path withResponseDeadline(Path workDir, int seconds) throws IOException {
        Path source = Path.of(System.getProperty("secflow.reliability.rules", "../rules"));
        Path target = Files.createDirectories(workDir.resolve("rules"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        JsonNode tables = JSON.readTree(Files.readString(source.resolve("decision-tables.json"), StandardCharsets.UTF_8));
        String short_ = "PT" + seconds + "S";
        for (JsonNode row : tables.get("sla")) {
            ObjectNode sla = (ObjectNode) row;
            sla.put("respondWithin", short_);
            sla.put("onSiteWithin", "PT1H");
            sla.put("resolveWithin", "PT1H");
            sla.put("reportWithin", "PT1H");
        }
        for (JsonNode row : tables.get("reportingDuty")) {
            if (row.get("mustReport").asBoolean()) {
                ((ObjectNode) row).put("summaryReportWithin", "P30D");
                ObjectNode first = (ObjectNode) row.get("firstReportWithin");
                java.util.List<String> reporters = new java.util.ArrayList<>();
                first.fieldNames().forEachRemaining(reporters::add);
                reporters.forEach(reporter -> first.put(reporter, short_));
            }
        }
        Files.writeString(target.resolve("decision-tables.json"), JSON.writeValueAsString(tables), StandardCharsets.UTF_8);
        return target;
    }
}
