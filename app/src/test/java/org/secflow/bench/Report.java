package org.secflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/** The figures of both databases side by side, with the targets of issue #6. */
final class Report {

    private record Target(String text, DoublePredicate met) {
    }

    private Report() {
    }

    private static Target target(String metric) {
        if (metric.startsWith("lifecycle.ratioBareEngine")) {
            return new Target(">= 0.6", v -> v >= 0.6);
        }
        if (metric.startsWith("lifecycle.ratio")) {
            return new Target(">= 0.7", v -> v >= 0.7);
        }
        return switch (metric) {
            case "startup.ready" -> new Target("<= 25 s", v -> v <= 25);
            case "decision.drools.p99" -> new Target("< 1000 µs", v -> v < 1000);
            case "rest.claimComplete.p95" -> new Target("< 150 ms", v -> v < 150);
            case "conformance.summary" -> new Target("< 5 s", v -> v < 5);
            default -> null;
        };
    }

    static void print(Path dir) throws IOException {
        List<Results.Row> rows = new ArrayList<>();
        rows.addAll(Results.read(dir.resolve("h2.csv")));
        rows.addAll(Results.read(dir.resolve("mysql.csv")));
        rows.addAll(Results.read(dir.resolve("h2-bare.csv")));
        rows.addAll(Results.read(dir.resolve("mysql-bare.csv")));
        rows.addAll(againstBareEngine(rows));
        Map<String, Map<String, Results.Row>> table = Results.byMetric(rows);
        List<String> csv = new ArrayList<>();
        csv.add("metric,unit,H2,MySQL,target,H2 met,MySQL met,note");
        String format = "%-28s %-5s %10s %10s  %-10s %-9s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "metric", "unit", "H2", "MySQL", "target", "met", "note"));
        out.append("-".repeat(110)).append('\n');
        table.forEach((metric, byDatabase) -> {
            Results.Row h2 = byDatabase.get("H2");
            Results.Row mysql = byDatabase.get("MySQL");
            Results.Row any = h2 != null ? h2 : mysql;
            Target target = target(metric);
            String h2Met = met(target, h2);
            String mysqlMet = met(target, mysql);
            String met = target == null ? "" : h2Met + "/" + mysqlMet;
            out.append(String.format(format, metric, any.unit(), value(h2), value(mysql),
                    target == null ? "" : target.text(), met, any.note()));
            csv.add(String.join(",", metric, Results.csv(any.unit()), value(h2), value(mysql),
                    target == null ? "" : Results.csv(target.text()), h2Met, mysqlMet, Results.csv(any.note())));
        });
        comparison(table, out);
        System.out.println();
        System.out.print(out);
        Files.createDirectories(dir);
        Files.write(dir.resolve("bench.csv"), csv, StandardCharsets.UTF_8);
        System.out.println("written: " + dir.resolve("bench.csv").toAbsolutePath());
    }

    /**
     * Ours, and the bare model on our engine, against the bare engine of the other JVM (issue #17), per database:
     * lifecycle.ratioBareEngine.t1 …, lifecycle.ratioBareEngineCpu.t1 …, lifecycle.platformBareEngine.t1 ….
     */
    private static List<Results.Row> againstBareEngine(List<Results.Row> rows) {
        Map<String, Map<String, Results.Row>> table = Results.byMetric(rows);
        List<Results.Row> ratios = new ArrayList<>();
        for (String database : List.of("H2", "MySQL")) {
            for (int threads : new int[] {1, 2, 8}) {
                ratio(table, database, "lifecycle.ours.t" + threads, "lifecycle.bareEngine.t" + threads,
                        "lifecycle.ratioBareEngine.t" + threads, "ours (audit trail, authorization, form guard on) / bare "
                                + "Camunda in its own JVM, " + threads + " threads").ifPresent(ratios::add);
                // the same comparison in CPU per lifecycle: the bare engine's cost over ours (1 = as cheap as bare)
                ratio(table, database, "lifecycle.bareEngine.cpu.t" + threads, "lifecycle.ours.cpu.t" + threads,
                        "lifecycle.ratioBareEngineCpu.t" + threads, "bare Camunda's CPU per lifecycle / ours (JVM, and "
                                + "the database server on MySQL), " + threads + " threads").ifPresent(ratios::add);
                // the platform's own cost: the same bare model on our engine (audit trail, authorization, form guard,
                // every plugin) against bare Camunda, without the incident process's own work
                ratio(table, database, "lifecycle.bare.t" + threads, "lifecycle.bareEngine.t" + threads,
                        "lifecycle.platformBareEngine.t" + threads, "bare model on our engine / bare Camunda in its "
                                + "own JVM: the platform's own cost, " + threads + " threads").ifPresent(ratios::add);
            }
        }
        return ratios;
    }

    private static java.util.Optional<Results.Row> ratio(Map<String, Map<String, Results.Row>> table, String database,
                                                         String numerator, String denominator, String metric, String note) {
        Double top = number(table, numerator, database);
        Double bottom = number(table, denominator, database);
        return top == null || bottom == null || bottom <= 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new Results.Row(database, metric,
                        String.format(java.util.Locale.ROOT, "%.2f", top / bottom), "", note));
    }

    /** Drools against both DMN evaluations: "faster than DMN" per database. */
    private static void comparison(Map<String, Map<String, Results.Row>> table, StringBuilder out) {
        for (String database : List.of("H2", "MySQL")) {
            Double drools = number(table, "decision.drools.p50", database);
            Double inMemory = number(table, "decision.dmnInMemory.p50", database);
            Double service = number(table, "decision.dmnService.p50", database);
            if (drools != null && inMemory != null && service != null) {
                out.append(String.format("%s: Drools p50 is %.1fx faster than the DMN engine in memory and %.0fx faster than"
                        + " the engine's DecisionService (history) — target: faster than DMN: %s%n", database,
                        inMemory / drools, service / drools, drools < inMemory && drools < service ? "yes" : "NO"));
            }
        }
    }

    private static Double number(Map<String, Map<String, Results.Row>> table, String metric, String database) {
        Results.Row row = table.getOrDefault(metric, Map.of()).get(database);
        return row == null ? null : Double.valueOf(row.value());
    }

    private static String value(Results.Row row) {
        return row == null ? "-" : row.value();
    }

    private static String met(Target target, Results.Row row) {
        if (target == null || row == null) {
            return "-";
        }
        try {
            return target.met().test(Double.parseDouble(row.value())) ? "yes" : "NO";
        } catch (NumberFormatException e) {
            return "-";
        }
    }
}
