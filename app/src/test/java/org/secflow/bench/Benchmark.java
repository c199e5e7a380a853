package org.secflow.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.secflow.SecFlowApplication;
import org.secflow.decision.DecisionService;
import org.secflow.incident.IncidentService;
import org.secflow.ruleset.RuleSetService;
import org.secflow.support.Staff;
import org.springframework.boot.builder.SpringApplicationBuilder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark of issue #6 (README, "Performance"). One JVM per database:
 * {@code Benchmark h2 <dir>}, {@code Benchmark mysql <dir>} write {@code <dir>/<db>.csv};
 * {@code Benchmark report <dir>} prints both side by side with the targets and writes {@code <dir>/bench.csv}.
 * Counts are system properties ({@code bench.*}, see {@link #count}).
 */
public final class Benchmark {

    private static final String MYSQL_SERVER = System.getProperty("bench.mysql.server", "127.0.0.1:3306");
    private static final String MYSQL_DATABASE = "secflow_bench";
    private static final String MYSQL_PARAMS = System.getProperty("bench.mysql.params",
            "sendFractionalSeconds=false&nullDatabaseMeansCurrent=true");

    /** Parts to run, comma-separated (default all): decisions, lifecycles, rest, conformance. */
    private static final String PARTS = System.getProperty("bench.parts", "decisions,lifecycles,rest,conformance");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench");
        int status = 0;
        try {
            switch (args.length > 0 ? args[0] : "h2") {
                case "h2" -> run("H2", h2(), dir.resolve("h2.csv"));
                case "mysql" -> mysql(dir.resolve("mysql.csv"));
                case "report" -> Report.print(dir);
                default -> throw new IllegalArgumentException("h2, mysql or report, not " + args[0]);
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // the engine's and the web server's threads must not keep Maven waiting
        System.exit(status);
    }

    static int count(String name, int defaultValue) {
        return Integer.getInteger("bench." + name, defaultValue);
    }

    private static Map<String, Object> common() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("camunda.bpm.history-level", "full");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.structured.format.console", "");
        // the benchmark's own keys (HMAC-SM3, SM4); the mysql profile requires a key file
        properties.put("secflow.crypto.key-file", java.nio.file.Path.of("target", "bench", "bench-keys.properties")
                .toAbsolutePath().toString());
        properties.put("secflow.crypto.generate-if-missing", "true");
        // the test classpath brings the process-test-coverage plugin, which wants a JUnit run around it
        properties.put("spring.autoconfigure.exclude",
                "org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration");
        return properties;
    }

    private static Map<String, Object> h2() {
        Map<String, Object> properties = common();
        properties.put("spring.datasource.url", "jdbc:h2:mem:secflow-bench;MODE=MySQL;DB_CLOSE_DELAY=-1");
        return properties;
    }

    private static void mysql(Path csv) throws Exception {
        String server = "jdbc:mysql://" + MYSQL_SERVER + "/?" + MYSQL_PARAMS;
        try (Connection connection = DriverManager.getConnection(server, "root", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + MYSQL_DATABASE);
                statement.execute("CREATE DATABASE " + MYSQL_DATABASE + " CHARACTER SET utf8mb4");
            }
        } catch (java.sql.SQLException e) {
            System.out.println("[bench MySQL] SKIPPED: no MySQL server at " + MYSQL_SERVER + " as root without password ("
                    + e.getMessage() + ")");
            Results skipped = new Results("MySQL");
            skipped.add("skipped", "yes", "", "no MySQL server at " + MYSQL_SERVER);
            skipped.write(csv);
            return;
        }
        Map<String, Object> properties = common();
        properties.put("spring.profiles.active", "mysql");
        properties.put("spring.datasource.url", "jdbc:mysql://" + MYSQL_SERVER + "/" + MYSQL_DATABASE + "?" + MYSQL_PARAMS);
        properties.put("spring.datasource.username", "root");
        properties.put("spring.datasource.password", "");
        properties.put("secflow.admin-password", "bench-admin-password-1");
        // the mysql profile writes the administrators' one-time passwords: into the build directory, not the checkout
        properties.put("secflow.security.initial-credentials-file", "target/bench/initial-admin-passwords.txt");
        // the benchmark measures the database, not the production login controls: staff call over HTTP Basic
        properties.put("secflow.security.second-factor-required", "false");
        properties.put("secflow.security.require-tls", "false");
        properties.put("secflow.security.superuser", "true");
        try {
            run("MySQL", properties, csv);
        } finally {
            if (!Boolean.getBoolean("bench.keepDatabase")) {
                try (Connection connection = DriverManager.getConnection(server, "root", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + MYSQL_DATABASE);
                }
            }
        }
    }

    private static void run(String database, Map<String, Object> properties, Path csv) throws Exception {
        Results results = new Results(database);
        results.add("machine.loadAverageBefore", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), "",
                "1-minute load average before start-up");
        AtomicLong ready = new AtomicLong();
        long start = System.nanoTime();
        // system properties outrank application.yaml (builder properties would not): the H2 URL, the job executor
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        BufferingApplicationStartup startup = new BufferingApplicationStartup(50_000);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SecFlowApplication.class)
                .applicationStartup(startup)
                // every statement of the application and the engine is counted (queries per task completion)
                .initializers(initialized -> initialized.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof DataSource dataSource ? StatementCounter.wrap(dataSource) : bean;
                    }
                }))
                .listeners(new ApplicationListener<ApplicationReadyEvent>() {
                    @Override
                    public void onApplicationEvent(ApplicationReadyEvent event) {
                        ready.set(System.nanoTime());
                    }
                })
                .run();
        try {
            ProcessEngine engine = context.getBean(ProcessEngine.class);
            long definitions = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().count();
            results.add("startup.ready", (ready.get() - start) / 1e9, "s",
                    "SpringApplication run to ApplicationReadyEvent, cold JVM; " + definitions + " process models with their forms, rules/*.drl");
            results.add("heap.afterStartup", heapAfterGc(), "MiB", "heap used after GC");
            StartupSteps.report(startup, results);
            Staff.ensure(engine.getIdentityService());

            if (PARTS.contains("decisions")) {
                decisions(results, context.getBean(DecisionService.class), context.getBean(RuleSetService.class), engine);
            }
            if (PARTS.contains("lifecycles")) {
                lifecycles(results, engine, context.getBean(IncidentService.class),
                        context.getBean(io.micrometer.core.instrument.MeterRegistry.class));
            }

            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpLoad http = new HttpLoad(engine, context.getBean(IncidentService.class), port);
            if (PARTS.contains("rest")) {
            int users = count("restUsers", 20);
            HttpLoad.RoundTrips trips = http.taskRoundTrips(users, count("restRounds", 15));
            String tripNote = users + " users at once, " + trips.count() + " round trips (claim + complete of 分析研判事件, "
                    + "HTTP Basic)";
            results.add("rest.claimComplete.p50", trips.p50Millis(), "ms", tripNote);
            results.add("rest.claimComplete.p95", trips.p95Millis(), "ms", tripNote);
            results.add("rest.claimComplete.p99", trips.p99Millis(), "ms", tripNote);
            results.add("rest.claimComplete.rate", trips.perSecond(), "1/s", "round trips per second, all users");
            }
            if (PARTS.contains("conformance")) {

            int notices = count("conformanceInstances", 10_000);
            int workers = count("conformanceThreads", 4);
            double rate = http.finishedNotices(notices, workers);
            results.add("conformance.create", rate, "1/s", notices + " one-step security notices (7.4.5, bench model) finished by "
                    + workers + " workers");
            double[] summary = http.summary("7.4.5");
            results.add("conformance.summary", summary[0], "s", "GET /api/compliance/summary?item=7.4.5 as auditor, "
                    + (long) summary[1] + " finished instances");
            }
            if (PARTS.contains("year") && "MySQL".equals(database)) {
                // issue #17: a year of data (YearBenchmark; its own entry point keeps and reuses its database)
                YearBenchmark.run(results, context);
            }
            results.add("heap.afterRun", heapAfterGc(), "MiB", "heap used after GC, context still open");
            results.add("machine.loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), "",
                    ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors()
                            + " cores; 1-minute load average at the end (other processes share the machine)");
        } finally {
            context.close();
            results.write(csv);
        }
    }

    private static void decisions(Results results, DecisionService rules, RuleSetService ruleSets, ProcessEngine engine)
            throws Exception {
        Decisions decisions = new Decisions(rules, engine);
        decisions.deployDmn();
        long disagreements = decisions.disagreements();
        List<Decisions.Figures> figures = new ArrayList<>();
        int count = count("decisions", 100_000);
        figures.add(decisions.drools(count / 5, count));
        figures.add(decisions.dmnInMemory(count / 50, count / 10));
        int withHistory = count("dmnServiceDecisions", 3_000);
        figures.add(decisions.dmnService(withHistory / 5, withHistory));
        String[] keys = {"drools", "dmnInMemory", "dmnService"};
        for (int i = 0; i < figures.size(); i++) {
            Decisions.Figures f = figures.get(i);
            String note = f.name() + ", 1 thread, " + f.count() + " decisions over 144 combinations";
            if (i == 2) {
                note += "; DMN and rules disagree on " + disagreements + " of 144";
            }
            results.add("decision." + keys[i] + ".p50", f.p50Micros(), "µs", note);
            results.add("decision." + keys[i] + ".p99", f.p99Micros(), "µs", note);
            results.add("decision." + keys[i] + ".rate", f.perSecond(), "1/s", note);
        }
        Decisions.Figures applying = decisions.whileApplying(ruleSets, count("ruleApplies", 10));
        String note = "Drools, 1 thread without pause, " + applying.count() + " decisions made while an administrator "
                + "applied new rule set versions (build, golden cases, swap) on another thread";
        results.add("decision.whileApplying.p50", applying.p50Micros(), "µs", note);
        results.add("decision.whileApplying.p99", applying.p99Micros(), "µs", note);
    }

    private static void lifecycles(Results results, ProcessEngine engine, IncidentService incidents,
                                   io.micrometer.core.instrument.MeterRegistry meters) throws Exception {
        Lifecycles lifecycles = new Lifecycles(engine, incidents);
        int removed = lifecycles.deployBaseline();
        // per task: the service record and the clause (ServiceRecordPlugin), the notices of a new and an assigned
        // task (notification parse listener)
        if (removed != 4 * Lifecycles.STEPS.size()) {
            throw new IllegalStateException("expected to take 4 listeners from each baseline task, took " + removed);
        }
        Lifecycles.throughput(2, count("warmup", 30), lifecycles::ours);
        Lifecycles.throughput(2, count("warmup", 30), lifecycles::bare);
        BareEngine.queriesPerCompletion(results, "ours", lifecycles::ours);
        BareEngine.queriesPerCompletion(results, "bareOnOurs", lifecycles::bare);
        if (Boolean.getBoolean("bench.countOnly")) {
            return;
        }
        int count = count("lifecycles", 100);
        String note = "grade III on site, 9 user tasks; " + count + " lifecycles";
        for (int threads : new int[] {1, 2, 8}) {
            Lifecycles.Run ours = Lifecycles.measured(threads, count, lifecycles::ours);
            Lifecycles.Run bare = Lifecycles.measured(threads, count, lifecycles::bare);
            Lifecycles.record(results, "ours", threads, ours, note + ", " + threads + " threads");
            Lifecycles.record(results, "bare", threads, bare, "bare model, same tasks and values, audit trail on");
            results.add("lifecycle.ratio.t" + threads, ours.perSecond() / bare.perSecond(), "", "ours / bare");
        }
        // the form guard checks every completion of both models (engine-wide, like the audit trail): its own cost
        io.micrometer.core.instrument.Timer guard = meters.find("secflow.form.guard").tag("submission", "task").timer();
        if (guard != null && guard.count() > 0) {
            double mean = guard.mean(java.util.concurrent.TimeUnit.MICROSECONDS);
            String guardNote = "form guard per task completion (one read-only command: task, cached form, checks), "
                    + guard.count() + " completions";
            results.add("formGuard.task.mean", mean, "µs", guardNote);
            for (var percentile : guard.takeSnapshot().percentileValues()) {
                results.add("formGuard.task.p" + Math.round(percentile.percentile() * 100),
                        percentile.value(java.util.concurrent.TimeUnit.MICROSECONDS), "µs", guardNote);
            }
        }
        HistoryEventHandler audit = lifecycles.detachAuditTrail(null);
        if (audit != null) {
            try {
                double ours = Lifecycles.throughput(8, count, lifecycles::ours);
                double bare = Lifecycles.throughput(8, count, lifecycles::bare);
                results.add("lifecycle.ours.t8.noAudit", ours, "1/s", "audit trail detached (engine-wide)");
                results.add("lifecycle.bare.t8.noAudit", bare, "1/s", "audit trail detached: bare Camunda");
                results.add("lifecycle.ratio.t8.noAudit", ours / bare, "", "ours / bare, no audit trail on either");
            } finally {
                lifecycles.detachAuditTrail(audit);
            }
        }
    }

    private static double heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
