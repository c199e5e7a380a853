package org.secflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figures of one benchmark run: one row per metric, written as CSV and printed as a table. */
final class Results {

    record Row(String database, String metric, String value, String unit, String note) {
    }

    private final String database;
    private final List<Row> rows = new ArrayList<>();

    Results(String database) {
        this.database = database;
    }

    String database() {
        return database;
    }

    void add(String metric, double value, String unit, String note) {
        add(metric, String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value), unit, note);
    }

    void add(String metric, String value, String unit, String note) {
        Row row = new Row(database, metric, value, unit, note == null ? "" : note);
        rows.add(row);
        System.out.printf("[bench %s] %-34s %10s %-8s %s%n", database, metric, value, unit, row.note());
    }

    void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("database,metric,value,unit,note");
        rows.forEach(row -> lines.add(String.join(",", csv(row.database()), csv(row.metric()), csv(row.value()),
                csv(row.unit()), csv(row.note()))));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).map(Results::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row parse(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        while (cells.size() < 5) {
            cells.add("");
        }
        return new Row(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4));
    }

    static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Metric → database → row, in the order metrics first appear. */
    static Map<String, Map<String, Row>> byMetric(List<Row> rows) {
        Map<String, Map<String, Row>> table = new LinkedHashMap<>();
        rows.forEach(row -> table.computeIfAbsent(row.metric(), m -> new LinkedHashMap<>()).put(row.database(), row));
        return table;
    }
}
