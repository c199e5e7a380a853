package org.secflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.secflow.dashboard.DashboardService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.secflow.SecFlowApplication;
import org.secflow.incident.IncidentService;
import org.secflow.process.EngineTime;
import org.secflow.servicedesk.KnowledgeService;
import org.secflow.support.Http;
import org.secflow.support.Staff;
import org.secflow.vulnerability.VulnerabilityImportService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A year of a provider's work on MySQL (issue #17, README "A year of data"): seeds it through the product
 * ({@link YearSeeder}) into its own database, or reuses that database when it holds a seed; then times the calls
 * people make on it, runs the open-loop staff load and, if asked, the engine's history cleanup of the first quarter.
 *
 * <pre>
 * ./mvnw -B -q -pl app test-compile exec:java -Dexec.mainClass=org.secflow.bench.YearBenchmark \
 *     -Dexec.classpathScope=test -Dbench.year.factor=0.02 -Dbench.year.reuse=true
 * </pre>
 * Properties: {@code bench.year.factor} (share of the year, 0.02), {@code bench.year.openTasks} (5000),
 * {@code bench.year.threads} (2), {@code bench.year.reuse} (keep and reuse the database {@code secflow_year}),
 * {@code bench.year.samples} (30), {@code bench.year.rates} (open-loop actions per second, "2,5,10,20"),
 * {@code bench.year.loadSeconds} (30), {@code bench.year.cleanup} (false: run the history cleanup last; it removes
 * the first quarter's history of the kept database), {@code bench.year.slowLog} (true: MariaDB's slow query log,
 * to a table, while measuring). Also a part of {@link Benchmark} ({@code -Dbench.parts=year}, MySQL only).
 */
public final class YearBenchmark {

    private static final String SERVER = System.getProperty("bench.mysql.server", "127.0.0.1:3306");
    static final String DATABASE = System.getProperty("bench.year.database", "secflow_year");
    private static final String PARAMS = System.getProperty("bench.mysql.params",
            "sendFractionalSeconds=false&nullDatabaseMeansCurrent=true");
    /** The quarter measured (Q1 of the seeded year; Q2 after a cleanup run removed Q1's history). */
    private static final String QUARTER = System.getProperty("bench.year.quarter", "from=2026-01-01&to=2026-03-31");

    private YearBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // the folder as a property: -Dexec.args would reach the build's npm executions too
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.dir", "target/bench"));
        int status = 0;
        try {
            Results results = new Results("MySQL year");
            String server = "jdbc:mysql://" + SERVER + "/?" + PARAMS;
            try (Connection connection = DriverManager.getConnection(server, "root", "");
                 Statement statement = connection.createStatement()) {
                if (!Boolean.getBoolean("bench.year.reuse")) {
                    statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
                }
                statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", "0");
            properties.put("camunda.bpm.job-execution.enabled", "false");
            properties.put("camunda.bpm.history-level", "full");
            properties.put("spring.main.banner-mode", "off");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.structured.format.console", "");
            properties.put("secflow.crypto.key-file", Path.of("target", "bench", "year-keys.properties").toAbsolutePath()
                    .toString());
            properties.put("secflow.crypto.generate-if-missing", "true");
            properties.put("spring.autoconfigure.exclude",
                    "org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration");
            properties.put("spring.profiles.active", "mysql");
            properties.put("spring.datasource.url", "jdbc:mysql://" + SERVER + "/" + DATABASE + "?" + PARAMS);
            properties.put("spring.datasource.username", "root");
            properties.put("spring.datasource.password", "");
            properties.put("secflow.admin-password", "bench-admin-password-1");
            // the mysql profile writes the administrators' one-time passwords: into the build directory, not the checkout
            properties.put("secflow.security.initial-credentials-file", "target/bench/initial-admin-passwords.txt");
            properties.put("secflow.security.second-factor-required", "false");
            properties.put("secflow.security.require-tls", "false");
            properties.put("secflow.security.superuser", "true");
            properties.forEach((key, value) -> System.setProperty(key, value.toString()));
            AtomicLong ready = new AtomicLong();
            long start = System.nanoTime();
            ConfigurableApplicationContext context = new SpringApplicationBuilder(SecFlowApplication.class)
                    .listeners((ApplicationListener<ApplicationReadyEvent>) event -> ready.set(System.nanoTime()))
                    .run();
            try {
                results.add("year.startup.ready", (ready.get() - start) / 1e9, "s", "start-up on the year's database");
                Staff.ensure(context.getBean(ProcessEngine.class).getIdentityService());
                run(results, context);
            } finally {
                context.close();
                results.write(dir.resolve("year.csv"));
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** The part {@code year} of {@link Benchmark}: seeds (or reuses) and measures in the running application. */
    static void run(Results results, ConfigurableApplicationContext context) throws Exception {
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        DataSource dataSource = context.getBean(DataSource.class);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        double factor = Double.parseDouble(System.getProperty("bench.year.factor", "0.02"));
        YearSeeder.Sizes sizes = YearSeeder.Sizes.of(factor, Benchmark.count("year.openTasks", 5_000));
        benchStaff(engine.getIdentityService());

        long incidents = count(dataSource, "SELECT COUNT(*) FROM incident");
        YearSeeder seeder = new YearSeeder(engine, context.getBean(IncidentService.class),
                context.getBean(VulnerabilityImportService.class), context.getBean(KnowledgeService.class), port,
                Benchmark.count("year.threads", 2));
        if (incidents >= sizes.incidents() && incidents > 0) {
            results.add("year.seed.reused", "yes", "", incidents + " incidents found in " + DATABASE
                    + ": the seed of an earlier run is reused");
            long open = count(dataSource, "SELECT COUNT(*) FROM ACT_RU_TASK");
            if (open < sizes.openTasks()) {
                long start = System.nanoTime();
                seeder.openTasks((int) (sizes.openTasks() - open));
                results.add("year.seed.openTasksAdded", sizes.openTasks() - open, "", "processes started now and left at "
                        + "their first task, " + Math.round((System.nanoTime() - start) / 1e9) + " s");
            }
        } else {
            long start = System.nanoTime();
            seeder.seed(sizes);
            double seconds = (System.nanoTime() - start) / 1e9;
            results.add("year.seed.factor", String.valueOf(factor), "", "share of the issue's year (3,000 incidents, 20,000 tickets, "
                    + "150,000 findings, 40,000 other processes)");
            results.add("year.seed.seconds", seconds, "s", "seeding through services, API and engine; "
                    + seeder.counts + "; seconds per kind " + seeder.seconds);
            results.add("year.seed.fullYearHours", seconds / factor / 3600 * (1 - share(seeder, "openTasks", seconds)),
                    "h", "the same rate for a whole year (without the open tasks)");
            results.add("year.seed.leftOpen", seeder.stuck().values().stream().mapToInt(Integer::intValue).sum(), "",
                    "processes the generic driver left before their end: " + seeder.stuck());
        }
        sizes(results, dataSource);
        boolean slowLog = !"false".equals(System.getProperty("bench.year.slowLog"));
        if (slowLog) {
            slowLog(dataSource, true);
        }
        try {
            measure(results, engine, new YearCalls(port), Benchmark.count("year.samples", 30));
            dashboardComputed(results, context, Math.max(3, Benchmark.count("year.samples", 30) / 6));
        } finally {
            if (slowLog) {
                slowQueries(results, dataSource);
                slowLog(dataSource, false);
            }
        }
        if (!"none".equals(System.getProperty("bench.year.rates"))) {
            openLoop(results, engine, new YearCalls(port));
        }
        if (Boolean.getBoolean("bench.year.cleanup")) {
            cleanup(results, engine, dataSource, new YearCalls(port));
        }
        results.add("year.heap", heapAfterGc(), "MiB", "heap used after GC at the end");
    }

    private static double share(YearSeeder seeder, String kind, double seconds) {
        return seeder.seconds.getOrDefault(kind, 0L) / seconds;
    }

    private static void benchStaff(IdentityService identity) {
        for (int i = 0; i < YearCalls.STAFF; i++) {
            String id = YearCalls.staff(i);
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setPassword(Staff.PASSWORD);
                Staff.save(identity, user);
                identity.createMembership(id, "technical");
            }
        }
    }

    private static void sizes(Results results, DataSource dataSource) throws Exception {
        for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
                "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_RU_TASK", "ACT_RU_EXECUTION", "ACT_RU_VARIABLE",
                "ACT_GE_BYTEARRAY", "ACT_RU_JOB", "audit_entry", "service_action", "service_document", "incident", "sla_breach",
                "ticket", "vulnerability", "vulnerability_sighting", "vulnerability_transition", "knowledge_article",
                "knowledge_term", "notification", "notification_delivery")) {
            try {
                results.add("year.rows." + table, count(dataSource, "SELECT COUNT(*) FROM " + table), "rows", "");
            } catch (java.sql.SQLException e) {
                results.add("year.rows." + table, "-", "", e.getMessage());
            }
        }
        results.add("year.rows.openTasks", count(dataSource, "SELECT COUNT(*) FROM ACT_RU_TASK"), "tasks",
                "open user tasks");
        results.add("year.database.size", count(dataSource, "SELECT SUM(data_length + index_length) FROM "
                + "information_schema.TABLES WHERE table_schema = DATABASE()") / 1048576.0, "MiB",
                "data and indexes (InnoDB), information_schema");
    }

    private static void measure(Results results, ProcessEngine engine, YearCalls calls, int samples) throws Exception {
        List<YearCalls.Timing> timings = new ArrayList<>();
        String staff = YearCalls.staff(0);
        Map<String, String> filters = calls.filters(staff);
        // each Tasklist filter call takes seconds with thousands of open tasks (README): fewer samples if asked
        int filterSamples = Benchmark.count("year.filterSamples", samples);
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            timings.add(calls.time("filter.count." + filter.getKey(), filterSamples, staff, "GET",
                    "/engine-rest/filter/" + filter.getValue() + "/count", null, 200, "Tasklist filter " + filter.getKey()));
            timings.add(calls.time("filter.list." + filter.getKey(), filterSamples, staff, "POST",
                    "/engine-rest/filter/" + filter.getValue() + "/list?firstResult=0&maxResults=15", YearCalls.FIRST_PAGE,
                    200, "Tasklist filter " + filter.getKey() + ", first page"));
        }
        timings.add(calls.time("auditors.list", samples, "auditor", "GET", "/api/compliance/instances?size=20", null, 200,
                "auditors' page, newest first"));
        timings.add(calls.time("auditors.list.itemQuarter", samples, "auditor", "GET",
                "/api/compliance/instances?item=7.5.1&" + QUARTER + "&size=20", null, 200, "auditors' page, 7.5.1 of Q1"));
        JsonNode listed = calls.json("auditor", "/api/compliance/instances?item=7.5.1&" + QUARTER + "&status=completed&size=1");
        String instance = listed.get("items").get(0).get("processInstanceId").asText();
        timings.add(calls.time("trace", samples, "auditor", "GET", "/api/compliance/instances/" + instance, null, 200,
                "clause trace of an emergency response"));
        timings.add(calls.time("diagram", samples, "auditor", "GET", "/api/compliance/instances/" + instance + "/diagram",
                null, 200, "diagram data of an emergency response"));
        int few = Math.max(3, samples / 6);
        // first, once: on a database whose ended processes have no kept clause outcomes yet (seeded before they were
        // kept), this call traces and keeps them all; afterwards, and on a database seeded with them, it reads them
        timings.add(calls.time("kpis.first", 1, "auditor", "GET", "/api/evaluation/kpis?" + QUARTER, null, 200,
                "Appendix B measures of Q1, the first call of this run"));
        for (String item : List.of("7.5.1", "7.3.1", "7.2.1")) {
            timings.add(calls.time("summary." + item, few, "auditor", "GET", "/api/compliance/summary?item=" + item + "&"
                    + QUARTER, null, 200, "conformance summary of Q1"));
        }
        timings.add(calls.time("summaryReport.7.5.1", few, "auditor", "GET", "/api/compliance/summary/report?item=7.5.1&"
                + QUARTER + "&format=html", null, 200, "合规性汇总报告 of Q1 (HTML)"));
        timings.add(calls.time("kpis", few, "auditor", "GET", "/api/evaluation/kpis?" + QUARTER, null, 200,
                "Appendix B measures of Q1"));
        timings.add(calls.time("vulnerabilities.grade", samples, "engineer", "GET", "/api/vulnerabilities?grade="
                + enc("高危") + "&state=REPORTED", null, 200, "vulnerability list, grade and state"));
        timings.add(calls.time("vulnerabilities.host", samples, "engineer", "GET", "/api/vulnerabilities?host=10.40.0.7",
                null, 200, "vulnerability list, one host"));
        timings.add(calls.time("vulnerabilities.q", samples, "engineer", "GET", "/api/vulnerabilities?q=" + enc("示例漏洞 17"),
                null, 200, "vulnerability list, text"));
        timings.add(calls.time("knowledge.search", samples, "engineer", "GET", "/api/knowledge?q=" + enc("勒索软件处置"),
                null, 200, "knowledge search"));
        timings.add(calls.time("dashboard.quarter", samples, "auditor", "GET", "/api/dashboard/summary?" + QUARTER, null,
                200, "dashboard API, Q1 (the figures kept for the refresh period)"));
        timings.add(calls.time("dashboard.default", samples, "auditor", "GET", "/api/dashboard/summary", null, 200,
                "dashboard API, default period (kept figures)"));
        timings.add(calls.time("audit.verify", 3, "auditor", "GET", "/api/audit/verify", null, 200,
                "whole audit chain recomputed"));
        timings.add(calls.time("audit.verify.incremental", samples, "auditor", "GET", "/api/audit/verify?incremental=true",
                null, 200, "audit chain from the newest checkpoint (written by the verification before)"));
        for (YearCalls.Timing timing : timings) {
            String note = timing.note() + "; " + timing.count() + " calls" + (timing.errors() > 0 ? ", " + timing.errors()
                    + " not " + "as expected" : "");
            results.add("year." + timing.name() + ".p50", timing.p50(), "ms", note);
            results.add("year." + timing.name() + ".p95", timing.p95(), "ms", note);
        }
        JsonNode verified = calls.json("auditor", "/api/audit/verify");
        results.add("year.audit.entries", verified.get("verifiedEntries").asDouble(), "", "audit chain valid: "
                + verified.get("valid").asBoolean());
    }

    /**
     * The dashboard's figures of Q1 computed anew (what a first view of a filter, and the refresh behind the big screen,
     * cost), timed in the application: the API's timings above are of the figures kept for the refresh period.
     */
    private static void dashboardComputed(Results results, ConfigurableApplicationContext context, int samples) {
        DashboardService dashboard = context.getBean(DashboardService.class);
        IdentityService identity = context.getBean(ProcessEngine.class).getIdentityService();
        java.util.regex.Matcher quarter = java.util.regex.Pattern.compile("from=([0-9-]+)&to=([0-9-]+)").matcher(QUARTER);
        if (!quarter.matches()) {
            throw new IllegalStateException("bench.year.quarter: " + QUARTER);
        }
        DashboardService.Filter filter = dashboard.filter(java.time.LocalDate.parse(quarter.group(1)),
                java.time.LocalDate.parse(quarter.group(2)), null, null);
        org.HdrHistogram.Histogram histogram = new org.HdrHistogram.Histogram(3_600_000_000_000L, 3);
        identity.setAuthentication("auditor", List.of("auditor"));
        try {
            for (int i = 0; i < samples; i++) {
                long before = System.nanoTime();
                dashboard.summary(filter);
                histogram.recordValue(System.nanoTime() - before);
            }
        } finally {
            identity.clearAuthentication();
        }
        String note = "dashboard figures of Q1 computed anew (no kept figures); " + samples + " calls";
        results.add("year.dashboard.computed.p50", histogram.getValueAtPercentile(50) / 1e6, "ms", note);
        results.add("year.dashboard.computed.p95", histogram.getValueAtPercentile(95) / 1e6, "ms", note);
    }

    private static void openLoop(Results results, ProcessEngine engine, YearCalls calls) throws Exception {
        List<String> tasks = new ArrayList<>();
        for (Task task : engine.getTaskService().createTaskQuery().processDefinitionKey("boundarySecurity")
                .taskDefinitionKey("userTask_confirmRequirement").taskUnassigned().listPage(0, 20_000)) {
            tasks.add(task.getId());
        }
        String filter = calls.filters(YearCalls.staff(0)).get("本组待办");
        String completion = Http.toJson(Map.of("variables", Map.of(
                "protectionScope", Map.of("value", "出口"), "protectedObjects", Map.of("value", "防火墙"),
                "accessRules", Map.of("value", "最小开放"))));
        int seconds = Benchmark.count("year.loadSeconds", 30);
        boolean passed = false;
        for (String rate : System.getProperty("bench.year.rates", "2,5,10,20").split(",")) {
            double perSecond = Double.parseDouble(rate.strip());
            Map<String, YearCalls.Timing> timings = calls.openLoop(perSecond, seconds, tasks, filter, completion);
            // every fourth action claimed a task of the list from its start: the next rate takes the ones after them
            int claims = (int) Math.ceil(Math.round(perSecond * seconds) / 4.0);
            tasks = new ArrayList<>(tasks.subList(Math.min(tasks.size(), claims), tasks.size()));
            double worst = 0;
            for (YearCalls.Timing timing : timings.values()) {
                String note = timing.note() + " for " + seconds + " s, " + timing.count() + " of this kind, "
                        + timing.errors() + " failed";
                results.add("year.load." + rate.strip() + "." + timing.name() + ".p50", timing.p50(), "ms", note);
                results.add("year.load." + rate.strip() + "." + timing.name() + ".p95", timing.p95(), "ms", note);
                results.add("year.load." + rate.strip() + "." + timing.name() + ".p99", timing.p99(), "ms", note);
                worst = Math.max(worst, timing.p95());
            }
            if (worst > 500 && !passed) {
                passed = true;
                results.add("year.load.capacity", perSecond, "1/s", "first rate at which an action kind's p95 passed 500 ms");
                break;
            }
        }
    }

    /**
     * The engine's history cleanup on the year, with the clock on April 1st of the next year at 02:00 (inside the
     * window): the history of processes that ended in the first quarter has passed its removal time. Every cleanup
     * job run removes up to the batch size of each kind; runs until one removes nothing.
     */
    private static void cleanup(Results results, ProcessEngine engine, DataSource dataSource, YearCalls calls)
            throws Exception {
        String rows = "SELECT (SELECT COUNT(*) FROM ACT_HI_PROCINST) + (SELECT COUNT(*) FROM ACT_HI_ACTINST)"
                + " + (SELECT COUNT(*) FROM ACT_HI_TASKINST) + (SELECT COUNT(*) FROM ACT_HI_VARINST)"
                + " + (SELECT COUNT(*) FROM ACT_HI_DETAIL) + (SELECT COUNT(*) FROM ACT_HI_IDENTITYLINK)"
                + " + (SELECT COUNT(*) FROM ACT_HI_OP_LOG) + (SELECT COUNT(*) FROM ACT_HI_COMMENT)";
        String q2 = "/api/compliance/summary?item=7.5.1&from=2026-04-01&to=2026-06-30";
        String q2Before = calls.send("auditor", "GET", q2, null).body();
        long before = count(dataSource, rows);
        ClockUtil.setCurrentTime(EngineTime.toDate(LocalDateTime.of(2027, 4, 1, 2, 0)));
        long start = System.nanoTime();
        int runs = 0;
        try {
            long last = before;
            while (runs < 100_000) {
                Job job = engine.getHistoryService().cleanUpHistoryAsync(true);
                engine.getManagementService().executeJob(job.getId());
                runs++;
                long now = count(dataSource, rows);
                if (now == last) {
                    break;
                }
                last = now;
            }
        } finally {
            ClockUtil.reset();
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        long removed = before - count(dataSource, rows);
        results.add("year.cleanup.removed", removed, "rows", "history rows removed (of " + before + "), " + runs
                + " cleanup job runs, clock 2027-04-01 02:00");
        results.add("year.cleanup.rate", removed / minutes, "rows/min", "engine history cleanup by removal time");
        JsonNode verified = calls.json("auditor", "/api/audit/verify");
        results.add("year.cleanup.auditValid", verified.get("valid").asBoolean() ? "yes" : "NO", "",
                verified.get("verifiedEntries").asText() + " entries verified after cleanup");
        results.add("year.cleanup.q2Unchanged", q2Before.equals(calls.send("auditor", "GET", q2, null).body()) ? "yes" : "NO",
                "", "Q2 (inside retention) 7.5.1 summary identical before and after");
    }

    /** MariaDB's slow query log to the table mysql.slow_log while measuring; the server's settings are put back. */
    private static final Map<String, String> SLOW_LOG_BEFORE = new LinkedHashMap<>();

    private static void slowLog(DataSource dataSource, boolean on) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (on) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT @@global.log_output, @@global.long_query_time, @@global.slow_query_log")) {
                    rs.next();
                    SLOW_LOG_BEFORE.put("log_output", "'" + rs.getString(1) + "'");
                    SLOW_LOG_BEFORE.put("long_query_time", rs.getString(2));
                    SLOW_LOG_BEFORE.put("slow_query_log", rs.getString(3));
                }
                statement.execute("TRUNCATE TABLE mysql.slow_log");
                statement.execute("SET GLOBAL log_output = 'TABLE'");
                statement.execute("SET GLOBAL long_query_time = 0.05");
                statement.execute("SET GLOBAL slow_query_log = 1");
            } else {
                for (Map.Entry<String, String> setting : SLOW_LOG_BEFORE.entrySet()) {
                    statement.execute("SET GLOBAL " + setting.getKey() + " = " + setting.getValue());
                }
            }
        } catch (java.sql.SQLException e) {
            System.out.println("[bench year] slow query log not available: " + e.getMessage());
        }
        // a connection keeps the long_query_time of its start: the pool opens new ones
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private static void slowQueries(Results results, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT LEFT(CONVERT(sql_text USING utf8mb4), 400) AS q, COUNT(*) AS n, "
                     + "SUM(TIME_TO_SEC(query_time)) AS total, MAX(TIME_TO_SEC(query_time)) AS worst, "
                     + "MAX(rows_examined) AS examined FROM mysql.slow_log WHERE db = DATABASE() "
                     + "GROUP BY LEFT(CONVERT(sql_text USING utf8mb4), 400) ORDER BY total DESC LIMIT 12")) {
            int i = 0;
            while (rs.next()) {
                results.add("year.slow." + (++i), rs.getDouble("total"), "s", rs.getInt("n") + " times, worst "
                        + rs.getDouble("worst") + " s, rows examined " + rs.getLong("examined") + ": "
                        + rs.getString("q").replaceAll("\\s+", " "));
            }
        } catch (java.sql.SQLException e) {
            System.out.println("[bench year] slow query log not readable: " + e.getMessage());
        }
    }

    private static long count(DataSource dataSource, String sql) throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
