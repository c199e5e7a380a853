package org.secflow.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.secflow.incident.IncidentService;
import org.secflow.process.EngineTime;
import org.secflow.servicedesk.KnowledgeService;
import org.secflow.support.Http;
import org.secflow.support.Staff;
import org.secflow.vulnerability.VulnerabilityImportService;

/**
 * A year of a provider's work for about 100 使用方, entered through the product's services, API and engine (no SQL):
 * month by month from December of the year before to November, with the engine's clock on that month (ticking), so
 * that history, deadlines and periods are those of a real year. Sizes are the year times {@code factor}:
 * 3,000 incidents (whole emergency responses), 20,000 tickets (half 咨询, each with its 7.3.1 process worked to the
 * end, half service requests taken to 已关闭 through the API), 150,000 scanner findings in four quarterly imports
 * (each starts its 7.4.2 process), 40,000 other service processes over the service items' start forms and the
 * recurring duties' timers, worked to the end; then {@code openTasks} processes started now and left at their first
 * task (the Tasklist's open work). The audit chain and history (full) follow from all of it.
 */
final class YearSeeder {

    /** The service items a person starts with the common start form (使用方, request). */
    static final List<String> REQUESTED = List.of("boundarySecurity", "accessControl", "webSecurity", "hostSecurity",
            "terminalSecurity", "logAudit", "honeypot", "advancedThreatAnalysis", "situationalAwareness",
            "securityAssessment", "applicationTesting", "vulnerabilityScan", "penetrationTest", "assetManagement",
            "policyManagement", "securityMonitoring", "securityNotice", "securityTraining", "emergencyDrill");

    /** Recurring duties (timer start events): the months of the year in which each one's timer fires. */
    private static final Map<String, Set<Integer>> DUTIES = Map.ofEntries(
            Map.entry("hostSecurityPeriodicCheck", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
            Map.entry("terminalPeriodicCheck", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
            Map.entry("securitySituationReport", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
            Map.entry("monthlySecurityNotice", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
            Map.entry("logAuditQuarterlyReport", Set.of(1, 4, 7, 10)),
            Map.entry("unknownAssetDiscovery", Set.of(1, 4, 7, 10)),
            Map.entry("assetReclamation", Set.of(1, 4, 7, 10)),
            Map.entry("policyTesting", Set.of(1, 4, 7, 10)),
            Map.entry("serviceEvaluationSchedule", Set.of(3, 6, 9, 12)),
            Map.entry("emergencyPlanYearlyReview", Set.of(1)),
            Map.entry("policyReviewSchedule", Set.of(1)));

    /** The first month of the year seeded; the year ends with the month before the real now's month. */
    static final LocalDate FIRST_MONTH = LocalDate.of(2025, 12, 1);

    record Sizes(int incidents, int tickets, int findings, int processes, int articles, int openTasks) {
        static Sizes of(double factor, int openTasks) {
            return new Sizes((int) Math.round(3_000 * factor), (int) Math.round(20_000 * factor),
                    (int) Math.round(150_000 * factor), (int) Math.round(40_000 * factor),
                    (int) Math.max(50, Math.round(2_000 * factor)), openTasks);
        }
    }

    private final ProcessEngine engine;
    private final IncidentService incidents;
    private final VulnerabilityImportService imports;
    private final KnowledgeService knowledge;
    private final Http http;
    private final int threads;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final YearDriver driver;
    private final Lifecycles lifecycles;
    final Map<String, Long> seconds = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();

    YearSeeder(ProcessEngine engine, IncidentService incidents, VulnerabilityImportService imports,
               KnowledgeService knowledge, int port, int threads) {
        this.engine = engine;
        this.incidents = incidents;
        this.imports = imports;
        this.knowledge = knowledge;
        this.http = new Http(port);
        this.threads = threads;
        this.runtime = engine.getRuntimeService();
        this.identity = engine.getIdentityService();
        this.driver = new YearDriver(engine);
        this.lifecycles = new Lifecycles(engine, incidents);
    }

    Map<String, Integer> stuck() {
        return driver.stuck;
    }

    void seed(Sizes sizes) throws InterruptedException {
        articles(sizes.articles());
        for (int month = 0; month < 12; month++) {
            LocalDate first = FIRST_MONTH.plusMonths(month);
            at(first.atTime(9, 0));
            long start = System.nanoTime();
            int part = month;
            parallel("incidents", share(sizes.incidents(), part), i -> lifecycles.ours());
            parallel("consultations", share(sizes.tickets() / 2, part), i -> consultation(i));
            parallel("requests", share(sizes.tickets() - sizes.tickets() / 2, part), i -> serviceRequest(i));
            int duties = duties(first.getMonthValue());
            int others = Math.max(0, share(sizes.processes(), part) - duties);
            parallel("processes", others, i -> requested(REQUESTED.get((i + part) % REQUESTED.size())));
            if (first.getMonthValue() % 3 == 0) {
                scan(first, sizes.findings() / 4, month / 3);
            }
            System.out.printf("[bench year] %s seeded in %.0f s (%s)%n", first.toString().substring(0, 7),
                    (System.nanoTime() - start) / 1e9, counts);
        }
        openTasks(sizes.openTasks());
    }

    /** Processes started now and left at their first task: 边界安全, 访问控制, 网站安全 in turn. */
    void openTasks(int count) throws InterruptedException {
        ClockUtil.reset();
        parallel("openTasks", count, i -> Staff.as(identity, "operator", () -> runtime
                .startProcessInstanceByKey(REQUESTED.get(i % 3), request(i))).getId());
    }

    /** Ticks from the given time on: the engine's and our records' clock. */
    static void at(LocalDateTime time) {
        ClockUtil.offset(EngineTime.toDate(time).getTime() - System.currentTimeMillis());
    }

    private static int share(int total, int month) {
        return total * (month + 1) / 12 - total * month / 12;
    }

    private interface Work {
        Object run(int index) throws Exception;
    }

    private void parallel(String kind, int count, Work work) throws InterruptedException {
        if (count <= 0) {
            return;
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                    try {
                        work.run(i);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.DAYS);
        if (failure.get() != null) {
            throw new IllegalStateException("seeding " + kind + " failed", failure.get());
        }
        counts.merge(kind, count, Integer::sum);
        seconds.merge(kind, (System.nanoTime() - start) / 1_000_000_000L, Long::sum);
    }

    private static Map<String, Object> request(int i) {
        return Map.of("requestingUnit", unit(i), "requestSummary", "按年度服务合同提供服务（第 " + i + " 次）");
    }

    private static String unit(int i) {
        return "广州市第" + (i % 100 + 1) + "委办局";
    }

    private String requested(String key) {
        String pi = Staff.as(identity, "operator", () -> runtime.startProcessInstanceByKey(key,
                request((int) (System.nanoTime() % 1000)))).getId();
        driver.drive(pi, 60);
        return pi;
    }

    /** The month's recurring duties: each timer start job of the month fires (as the job executor would). */
    private int duties(int month) {
        ManagementService management = engine.getManagementService();
        int started = 0;
        for (Map.Entry<String, Set<Integer>> duty : DUTIES.entrySet()) {
            if (!duty.getValue().contains(month)) {
                continue;
            }
            ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(duty.getKey()).latestVersion().singleResult();
            Job timer = management.createJobQuery().processDefinitionId(definition.getId()).timers().list().stream()
                    .filter(job -> job.getProcessInstanceId() == null).findFirst().orElse(null);
            if (timer == null) {
                continue;
            }
            Set<String> before = new java.util.HashSet<>();
            runtime.createProcessInstanceQuery().active().list().forEach(pi -> before.add(pi.getId()));
            management.executeJob(timer.getId());
            for (var pi : runtime.createProcessInstanceQuery().list()) {
                if (!before.contains(pi.getId()) && pi.getRootProcessInstanceId().equals(pi.getId())) {
                    driver.drive(pi.getId(), 60);
                    started++;
                }
            }
        }
        counts.merge("duties", started, Integer::sum);
        return started;
    }

    /** A 咨询 ticket (starts 7.3.1), its process worked to the end. */
    private String consultation(int i) {
        var created = http.postJson("operator", "/api/tickets", Http.toJson(Map.of("kind", "咨询", "channel", "热线",
                "priority", "中", "title", "咨询：如何加固 OA 系统口令策略 " + i, "description", "使用方来电咨询口令策略",
                "requestingUnit", unit(i), "contactPerson", "李老师", "contactInfo", "020-8765432" + (i % 10))));
        expect(created, 201);
        String pi = Http.json(created).get("processInstanceId").asText();
        driver.drive(pi, 20);
        return pi;
    }

    /** A service request taken from 新建 to 已关闭 through the API. */
    private long serviceRequest(int i) {
        var created = http.postJson("operator", "/api/tickets", Http.toJson(Map.of("kind", i % 3 == 0 ? "报障" : "服务申请",
                "channel", "平台", "priority", List.of("紧急", "高", "中", "低").get(i % 4), "title", "开通 VPN 账号 " + i,
                "description", "新入职人员需要 VPN", "requestingUnit", unit(i), "contactPerson", "赵老师",
                "contactInfo", "020-12345678")));
        expect(created, 201);
        long id = Http.json(created).get("id").asLong();
        for (String step : List.of("accept", "start", "resolve", "close")) {
            String body = step.equals("resolve") ? "{\"resolution\":\"已开通\"}" : "{}";
            expect(http.postJson("operator", "/api/tickets/" + id + "/" + step, body), 200);
        }
        return id;
    }

    private void articles(int count) throws InterruptedException {
        String[] topics = {"勒索软件处置", "弱口令加固", "网页篡改应急", "边界防火墙策略", "日志留存一年", "漏洞复测流程",
            "主机病毒查杀", "终端准入控制", "蜜罐告警研判", "渗透测试授权"};
        parallel("articles", count, i -> Staff.as(identity, "engineer", () -> knowledge.create(new KnowledgeService
                .ArticleRequest(topics[i % topics.length] + "（第 " + i + " 篇）", "问题：" + topics[i % topics.length]
                        + "。处置步骤：隔离受影响主机，查杀并修复，复测确认，记录台账。适用于政务外网各使用方。", "处置经验", null))));
    }

    /**
     * A quarter's scan of {@code count} findings: one CSV import (the quarter's hosts; a quarter of them new each
     * quarter, the rest seen again), which records them and starts their 7.4.2 process.
     */
    private void scan(LocalDate month, int count, int quarter) {
        long start = System.nanoTime();
        StringBuilder csv = new StringBuilder("host,port,protocol,name,plugin_id,cve,severity,description,solution\n");
        String[] severities = {"critical", "high", "medium", "low", "medium", "low"};
        for (int i = 0; i < count; i++) {
            int finding = i + quarter * (count / 4);
            int host = finding / 20;
            csv.append("10.").append(40 + host / 62_500).append('.').append(host / 250 % 250).append('.')
                    .append(host % 250 + 1).append(',').append(80 + finding % 20).append(",tcp,")
                    .append("示例漏洞 ").append(finding % 400).append(',').append("1.3.6.1.4.1.25623.1.0.")
                    .append(100_000 + finding % 400).append(',').append("CVE-2025-").append(10_000 + finding % 400)
                    .append(',').append(severities[finding % severities.length])
                    .append(",组件存在已知漏洞,升级到最新版本\n");
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        at(month.atTime(14, 0));
        Staff.as(identity, "engineer", () -> imports.importReport("scan-" + month + ".csv", content));
        counts.merge("findings", count, Integer::sum);
        seconds.merge("findings", (System.nanoTime() - start) / 1_000_000_000L, Long::sum);
    }

    private static void expect(java.net.http.HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
