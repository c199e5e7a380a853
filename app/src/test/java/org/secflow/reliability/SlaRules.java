package org.secflow.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the rules with a test SLA table of seconds, as an administrator changes rules without a
 * rebuild (secflow.rules.location): the response and first-report deadlines are a few seconds, the
 * others an hour. The grading rules stay as they are.
 */
final class SlaRules {

    private static final Pattern DEADLINE = Pattern.compile("set(\\w+)Within\\(Duration\\.parse\\(\"[^\"]+\"\\)\\)");

    private SlaRules() {
    }

    static Path withResponseDeadline(Path workDir, int seconds) throws IOException {
        Path source = Path.of(System.getProperty("secflow.reliability.rules", "../rules"));
        Path target = Files.createDirectories(workDir.resolve("rules"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                String drl = Files.readString(file, StandardCharsets.UTF_8);
                Matcher deadline = DEADLINE.matcher(drl);
                StringBuilder changed = new StringBuilder();
                while (deadline.find()) {
                    String which = deadline.group(1);
                    String duration = switch (which) {
                        case "Respond", "FirstReport" -> "PT" + seconds + "S";
                        case "SummaryReport" -> "P30D";
                        default -> "PT1H";
                    };
                    deadline.appendReplacement(changed, Matcher.quoteReplacement(
                            "set" + which + "Within(Duration.parse(\"" + duration + "\"))"));
                }
                deadline.appendTail(changed);
                Files.writeString(target.resolve(file.getFileName()), changed.toString(), StandardCharsets.UTF_8);
            }
        }
        return target;
    }
}
