package org.secflow.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.secflow.incident.IncidentReport;
import org.secflow.incident.IncidentService;
import org.secflow.support.Staff;

/**
 * Whole emergency responses (intake through {@link IncidentService#report}, grading, every user task
 * claimed and completed by a user of its group, report reviewed) and the same nine user tasks in a
 * bare model deployed by the benchmark, run by worker threads.
 */
final class Lifecycles {

    static final String BASELINE_KEY = "benchBaseline";

    /** A task of the lifecycle: its id (the same in both models), who completes it, and the form's values. */
    record Step(String taskKey, String user, Map<String, Object> variables) {
    }

    /** Grade III (重要 × 严重), handled on site, report approved, no improvement: nine user tasks. */
    static final List<Step> STEPS = List.of(
            new Step("userTask_analyseIncident", "engineer", Map.of("analysis", "主机被植入勒索软件", "regrade", false)),
            new Step("userTask_firstReport", "manager", Map.of("reportedTo", "市网信办", "reportContent", "已知情况：两台服务器被加密")),
            new Step("userTask_dispatchResources", "manager",
                    Map.of("planReference", "YA-2026-III", "responseTeam", "现场组", "responseMode", "onsite")),
            new Step("userTask_onSiteControl", "operator",
                    Map.of("arrivedAt", "2026-11-24T10:30:00", "controlMeasures", "断网隔离受感染主机")),
            new Step("userTask_notifyProgress", "manager",
                    Map.of("notifiedParties", "使用方、管理方", "progressNotice", "已隔离", "contained", true)),
            new Step("userTask_evaluateEffect", "engineer", Map.of("measuresSummary", "隔离、查杀、恢复备份",
                    "effectEvaluation", "业务于两小时内恢复", "rootCause", "弱口令")),
            new Step("userTask_writeReport", "engineer", Map.of("reportSummary", "勒索软件事件已处置完毕", "lessonsLearned", "加强口令策略")),
            new Step("userTask_reviewReport", "manager", Map.of("reportApproved", true, "reviewComment", "同意")),
            new Step("userTask_proposeImprovement", "engineer", Map.of("improvementNeeded", false, "improvementProposal", "无")));

    private final IncidentService incidents;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final RepositoryService repositoryService;
    private final ProcessEngineConfigurationImpl configuration;

    Lifecycles(ProcessEngine engine, IncidentService incidents) {
        this.incidents = incidents;
        this.runtimeService = engine.getRuntimeService();
        this.taskService = engine.getTaskService();
        this.identityService = engine.getIdentityService();
        this.repositoryService = engine.getRepositoryService();
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    static IncidentReport incidentReport() {
        return new IncidentReport("服务器遭勒索软件加密-" + System.nanoTime(), "两台业务服务器文件被加密", "恶意程序事件",
                "勒索软件", "重要", "严重", "一般", "党政机关", List.of("10.1.1.10 业务服务器", "10.1.1.11 数据库服务器"),
                "监控", "已断开外网");
    }

    /** The start variables the intake passes to the engine, for the baseline's start. */
    static Map<String, Object> startVariables(IncidentReport report) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("title", report.title());
        variables.put("description", report.description());
        variables.put("category", report.category());
        variables.put("subcategory", report.subcategory());
        variables.put("objectImportance", report.objectImportance());
        variables.put("systemLoss", report.systemLoss());
        variables.put("socialImpact", report.socialImpact());
        variables.put("reporterType", report.reporterType());
        variables.put("affectedAssets", String.join("\n", report.affectedAssets()));
        variables.put("channel", report.channel());
        variables.put("measuresTaken", report.measuresTaken());
        return variables;
    }

    /** One whole emergency response; returns its process instance id. */
    String ours() {
        String pi = Staff.as(identityService, "operator", () -> incidents.report(incidentReport())).getProcessInstanceId();
        work(pi);
        return pi;
    }

    /** One run of the bare model with the same start values and form values. */
    String bare() {
        Map<String, Object> variables = startVariables(incidentReport());
        String pi = Staff.as(identityService, "operator",
                () -> runtimeService.startProcessInstanceByKey(BASELINE_KEY, variables)).getId();
        work(pi);
        return pi;
    }

    private void work(String pi) {
        for (Step step : STEPS) {
            Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(step.taskKey()).singleResult();
            if (task == null) {
                throw new IllegalStateException("no open task " + step.taskKey() + " in " + pi);
            }
            StatementCounter.completion(() -> Staff.as(identityService, step.user(), () -> {
                taskService.claim(task.getId(), step.user());
                taskService.complete(task.getId(), step.variables());
            }));
        }
        if (runtimeService.createProcessInstanceQuery().processInstanceId(pi).count() != 0) {
            throw new IllegalStateException("process " + pi + " did not end");
        }
    }

    /** A measured run: lifecycles per second, and the CPU time one lifecycle cost this JVM and the database server. */
    record Run(double perSecond, double jvmCpuMillis, double databaseCpuMillis) {
        double cpuMillis() {
            return jvmCpuMillis + databaseCpuMillis;
        }
    }

    /** Like {@link #throughput}, with the CPU time of the run per lifecycle. */
    static Run measured(int threads, int count, Runnable lifecycle) throws InterruptedException {
        CpuTime.Sample before = CpuTime.now();
        double perSecond = throughput(threads, count, lifecycle);
        CpuTime.Sample used = CpuTime.now().minus(before);
        return new Run(perSecond, used.jvmNanos() / 1e6 / count, used.databaseNanos() / 1e6 / count);
    }

    /**
     * Adds a run's figures: {@code lifecycle.<name>.t<threads>} (lifecycles per second) and
     * {@code lifecycle.<name>.cpu.t<threads>} (CPU milliseconds per lifecycle: this JVM, and a local database server).
     */
    static void record(Results results, String name, int threads, Run run, String note) {
        results.add("lifecycle." + name + ".t" + threads, run.perSecond(), "1/s", note);
        boolean server = results.database().equals("MySQL") && CpuTime.databaseCounted();
        results.add("lifecycle." + name + ".cpu.t" + threads, server ? run.cpuMillis() : run.jvmCpuMillis(), "ms",
                "CPU per lifecycle, " + (server ? String.format(Locale.ROOT,
                        "JVM %.0f + database server %.0f", run.jvmCpuMillis(), run.databaseCpuMillis()) : "JVM")
                        + ", " + threads + " threads");
    }

    /** Runs {@code count} lifecycles on {@code threads} workers; lifecycles per second. */
    static double throughput(int threads, int count, Runnable lifecycle) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger remaining = new AtomicInteger(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                while (failure.get() == null && remaining.getAndDecrement() > 0) {
                    try {
                        lifecycle.run();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a lifecycle failed", failure.get());
        }
        return count / seconds;
    }

    /**
     * Deploys the bare model and takes from its user tasks the task listeners our parse listeners give every
     * user task of every model (service record, clause, notifications), and the process start listener that
     * sets the subject; returns how many task listeners were taken.
     */
    int deployBaseline() throws ReflectiveOperationException {
        var deployment = repositoryService.createDeployment().name("benchmark baseline")
                .addClasspathResource("bench/bench-baseline.bpmn");
        for (String form : List.of("incident-report", "incident-analysis", "incident-first-report", "incident-dispatch",
                "incident-onsite", "incident-progress", "incident-evaluation", "incident-report-draft",
                "incident-report-review", "incident-improvement")) {
            deployment.addClasspathResource("forms/" + form + ".form");
        }
        String deploymentId = deployment.deploy().getId();
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId)
                .singleResult();
        ProcessDefinitionEntity deployed = (ProcessDefinitionEntity) ((RepositoryServiceImpl) repositoryService)
                .getDeployedProcessDefinition(definition.getId());
        Method repopulate = TaskDefinition.class.getDeclaredMethod("populateAllTaskListeners");
        repopulate.setAccessible(true);
        int removed = 0;
        for (ActivityImpl activity : deployed.getActivities()) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                TaskDefinition task = behavior.getTaskDefinition();
                for (List<TaskListener> listeners : task.getBuiltinTaskListeners().values()) {
                    int before = listeners.size();
                    listeners.removeIf(listener -> listener.getClass().getName().startsWith("org.secflow."));
                    removed += before - listeners.size();
                }
                repopulate.invoke(task);
            }
        }
        // and the process's subject, which the same plugin sets at every process start (not counted above)
        for (var listeners : List.of(deployed.getBuiltInListeners(), deployed.getListeners())) {
            listeners.values().forEach(list -> list.removeIf(listener -> listener.getClass().getName().startsWith("org.secflow.")));
        }
        return removed;
    }

    /**
     * Takes the audit trail's history handler out of the engine (or puts it back): it is engine-wide,
     * so this is the only way to see what it costs. Only while no worker runs.
     */
    @SuppressWarnings("unchecked")
    HistoryEventHandler detachAuditTrail(HistoryEventHandler reattach) throws ReflectiveOperationException {
        HistoryEventHandler handler = configuration.getHistoryEventHandler();
        if (!(handler instanceof CompositeHistoryEventHandler composite)) {
            return null;
        }
        Field field = CompositeHistoryEventHandler.class.getDeclaredField("historyEventHandlers");
        field.setAccessible(true);
        List<HistoryEventHandler> handlers = (List<HistoryEventHandler>) field.get(composite);
        if (reattach != null) {
            handlers.add(reattach);
            return reattach;
        }
        HistoryEventHandler audit = handlers.stream()
                .filter(h -> h.getClass().getName().equals("org.secflow.audit.AuditHistoryEventHandler"))
                .findFirst().orElse(null);
        if (audit != null) {
            handlers.remove(audit);
        }
        return audit;
    }
}
