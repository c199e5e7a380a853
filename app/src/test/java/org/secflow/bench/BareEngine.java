package org.secflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;

/**
 * A truly bare Camunda 7.24 engine in a JVM of its own (issue #17): no Spring, no process engine plugins, no
 * authorization, no audit trail, no form guard, history full, job executor off, a Hikari pool of the same size
 * as the application's on the same database server. It runs the nine user tasks of {@code bench-baseline.bpmn}
 * with the start values and form values of {@link Lifecycles} (claimed and completed by the same users) at 1, 2
 * and 8 threads, and counts the database round trips per task completion with the same {@link StatementCounter}
 * as the application's run. {@code BareEngine h2|mysql <dir>} writes {@code <dir>/<db>-bare.csv}, which
 * {@link Report} sets against ours.
 */
public final class BareEngine {

    private static final String MYSQL_SERVER = System.getProperty("bench.mysql.server", "127.0.0.1:3306");
    private static final String MYSQL_DATABASE = "secflow_bench_bare";
    private static final String MYSQL_PARAMS = System.getProperty("bench.mysql.params",
            "sendFractionalSeconds=false&nullDatabaseMeansCurrent=true");

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;

    private BareEngine(ProcessEngine engine) {
        this.runtimeService = engine.getRuntimeService();
        this.taskService = engine.getTaskService();
        this.identityService = engine.getIdentityService();
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        if (!System.getProperty("bench.parts", "lifecycles").contains("lifecycles")) {
            return;
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench");
        int status = 0;
        try {
            switch (database) {
                case "h2" -> run("H2", "jdbc:h2:mem:secflow-bare;MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", false,
                        dir.resolve("h2-bare.csv"));
                case "mysql" -> mysql(dir.resolve("mysql-bare.csv"));
                default -> throw new IllegalArgumentException("h2 or mysql, not " + database);
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void mysql(Path csv) throws Exception {
        String server = "jdbc:mysql://" + MYSQL_SERVER + "/?" + MYSQL_PARAMS;
        try (Connection connection = DriverManager.getConnection(server, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + MYSQL_DATABASE);
            statement.execute("CREATE DATABASE " + MYSQL_DATABASE + " CHARACTER SET utf8mb4");
        } catch (java.sql.SQLException e) {
            System.out.println("[bench bare MySQL] SKIPPED: no MySQL server at " + MYSQL_SERVER + " (" + e.getMessage() + ")");
            return;
        }
        try {
            run("MySQL", "jdbc:mysql://" + MYSQL_SERVER + "/" + MYSQL_DATABASE + "?" + MYSQL_PARAMS, "root", true, csv);
        } finally {
            try (Connection connection = DriverManager.getConnection(server, "root", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + MYSQL_DATABASE);
            }
        }
    }

    private static void run(String database, String url, String user, boolean readCommitted, Path csv) throws Exception {
        Results results = new Results(database);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword("");
        if (readCommitted) {
            pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            // the driver settings of application-mysql.yaml, so that the comparison is of the engines
            pool.addDataSourceProperty("cachePrepStmts", "true");
            pool.addDataSourceProperty("prepStmtCacheSize", "500");
            pool.addDataSourceProperty("prepStmtCacheSqlLimit", "65536");
        }
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            measure(results, dataSource, false);
            // the same engine with Camunda's authorization checks on (a grant for every user on tasks, processes and
            // definitions): how much of ours against the bare engine is Camunda's own authorization
            measure(results, dataSource, true);
        } finally {
            results.write(csv);
        }
    }

    private static void measure(Results results, javax.sql.DataSource dataSource, boolean authorization) throws Exception {
        String prefix = authorization ? "bareEngineAuthorized" : "bareEngine";
        long start = System.nanoTime();
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(StatementCounter.wrap(dataSource));
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setAuthorizationEnabled(authorization);
        configuration.setProcessEngineName(prefix);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            var deployment = engine.getRepositoryService().createDeployment().name("benchmark baseline, " + prefix)
                    .addClasspathResource("bench/bench-baseline.bpmn");
            for (String form : List.of("incident-report", "incident-analysis", "incident-first-report",
                    "incident-dispatch", "incident-onsite", "incident-progress", "incident-evaluation",
                    "incident-report-draft", "incident-report-review", "incident-improvement")) {
                deployment.addClasspathResource("forms/" + form + ".form");
            }
            deployment.deploy();
            if (authorization) {
                AuthorizationService authorizations = engine.getAuthorizationService();
                for (Resource resource : List.of(Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE, Resources.TASK)) {
                    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
                    grant.setResource(resource);
                    grant.setResourceId(Authorization.ANY);
                    grant.addPermission(Permissions.ALL);
                    authorizations.saveAuthorization(grant);
                }
                if (!authorizations.isUserAuthorized("operator", List.of(), Permissions.CREATE, Resources.PROCESS_INSTANCE)) {
                    throw new IllegalStateException("the global grants do not take effect");
                }
            } else {
                results.add("bareEngine.startup", (System.nanoTime() - start) / 1e9, "s",
                        "bare engine built, schema created, baseline deployed");
            }
            BareEngine bare = new BareEngine(engine);
            int count = Benchmark.count("lifecycles", 100);
            Lifecycles.throughput(2, Benchmark.count("warmup", 30), bare::lifecycle);
            queriesPerCompletion(results, prefix, bare::lifecycle);
            String what = authorization ? "bare Camunda with its authorization checks on" : "bare Camunda";
            for (int threads : new int[] {1, 2, 8}) {
                Lifecycles.Run run = Lifecycles.measured(threads, count, bare::lifecycle);
                Lifecycles.record(results, prefix, threads, run, what + " in its own JVM (no plugins, no audit trail, "
                        + "history full), same 9 tasks and values, " + count + " lifecycles, " + threads + " threads");
            }
            results.add("machine.loadAverage." + prefix, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    "", "1-minute load average at the end of the run");
        } finally {
            engine.close();
        }
    }

    /**
     * Round trips to the database per task completion (the completing thread, during claim and complete) and per
     * lifecycle (all threads, the audit sealer's included), over 10 lifecycles on one thread.
     */
    static void queriesPerCompletion(Results results, String prefix, Runnable lifecycle) {
        int lifecycles = 10;
        StatementCounter.Counts before = StatementCounter.all();
        StatementCounter.Counts beforeCompletions = StatementCounter.completions();
        long completedBefore = StatementCounter.completed();
        StatementCounter.clearHistogram();
        for (int i = 0; i < lifecycles; i++) {
            lifecycle.run();
        }
        try {
            Thread.sleep(1000); // the audit sealer, where there is one, seals after commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatementCounter.Counts all = StatementCounter.all().minus(before);
        if (StatementCounter.HISTOGRAM_ALL_THREADS) {
            System.out.println("[bench] " + prefix + ": SQL per lifecycle, all threads\n"
                    + StatementCounter.histogram(lifecycles));
        } else if (Boolean.getBoolean("bench.sqlHistogram")) {
            long completed = StatementCounter.completed() - completedBefore;
            System.out.println("[bench] " + prefix + ": SQL per completion\n" + StatementCounter.histogram(completed));
        }
        StatementCounter.Counts completions = StatementCounter.completions().minus(beforeCompletions);
        long completed = StatementCounter.completed() - completedBefore;
        String note = "claim + complete of one task with its form's values, completing thread, mean of " + completed;
        results.add(prefix + ".queriesPerCompletion", (double) completions.roundTrips() / completed, "",
                "round trips to the database (a JDBC batch counts once) per " + note);
        results.add(prefix + ".statementsPerCompletion", (double) completions.statements() / completed, "",
                "SQL statements (each row of a JDBC batch counts) per " + note);
        results.add(prefix + ".queriesPerLifecycle", (double) all.roundTrips() / lifecycles, "", "round trips per whole "
                + "lifecycle, all threads (start, task queries, completions, after-commit work), mean of " + lifecycles);
    }

    private void lifecycle() {
        Map<String, Object> variables = Lifecycles.startVariables(Lifecycles.incidentReport());
        identityService.setAuthenticatedUserId("operator");
        String pi;
        try {
            pi = runtimeService.startProcessInstanceByKey(Lifecycles.BASELINE_KEY, variables).getId();
        } finally {
            identityService.clearAuthentication();
        }
        for (Lifecycles.Step step : Lifecycles.STEPS) {
            Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(step.taskKey()).singleResult();
            if (task == null) {
                throw new IllegalStateException("no open task " + step.taskKey() + " in " + pi);
            }
            StatementCounter.completion(() -> complete(task.getId(), step));
        }
        if (runtimeService.createProcessInstanceQuery().processInstanceId(pi).count() != 0) {
            throw new IllegalStateException("process " + pi + " did not end");
        }
    }

    private void complete(String taskId, Lifecycles.Step step) {
        identityService.setAuthenticatedUserId(step.user());
        try {
            taskService.claim(taskId, step.user());
            taskService.complete(taskId, step.variables());
        } finally {
            identityService.clearAuthentication();
        }
    }
}
