package org.secflow.bench;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.secflow.decision.DecisionTables;
import org.secflow.decision.DecisionService;
import org.secflow.decision.IncidentDecision;
import org.secflow.decision.IncidentFacts;
import org.secflow.ruleset.RuleSetService;

/**
 * The incident decision (grade, reporting duty, deadlines) made by our Drools rules and by the same
 * tables as Camunda DMN, on one thread, over all 144 combinations of the standard's terms.
 */
final class Decisions {

    static final String DMN_KEY = "incidentDecision";
    private static final String[] IMPORTANCE = {"特别重要", "重要", "一般"};
    private static final String[] LOSS = {"特别严重", "严重", "较大", "较小"};
    private static final String[] SOCIAL = {"特别重大", "重大", "较大", "一般"};
    private static final String[] REPORTER = {"关键信息基础设施运营者", "党政机关", "其他网络运营者"};

    /** Latencies of one way of deciding. */
    record Figures(String name, long count, double p50Micros, double p99Micros, double perSecond) {
    }

    private final DecisionService rules;
    private final ProcessEngine engine;
    private final List<IncidentFacts> facts = new ArrayList<>();

    Decisions(DecisionService rules, ProcessEngine engine) {
        this.rules = rules;
        this.engine = engine;
        for (String importance : IMPORTANCE) {
            for (String loss : LOSS) {
                for (String social : SOCIAL) {
                    for (String reporter : REPORTER) {
                        facts.add(new IncidentFacts(importance, loss, social, reporter));
                    }
                }
            }
        }
    }

    void deployDmn() {
        engine.getRepositoryService().createDeployment().name("benchmark DMN")
                .addClasspathResource("bench/incident-decision.dmn").deploy();
    }

    Figures drools(int warmup, int count) {
        return measure("Drools (DecisionService)", warmup, count, rules::decideIncident);
    }

    /** The DMN evaluated by the engine's DecisionService: with history full it writes the evaluation. */
    Figures dmnService(int warmup, int count) {
        return measure("DMN (engine DecisionService, history)", warmup, count, fact -> toDecision(
                engine.getDecisionService().evaluateDecisionByKey(DMN_KEY).variables(variables(fact)).evaluate()
                        .getSingleResult()));
    }

    /** The same DMN in Camunda's DMN engine alone, in memory: no history, no database. */
    Figures dmnInMemory(int warmup, int count) throws Exception {
        // a standalone DMN engine: the engine's own one records history and needs a command context
        DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision decision;
        try (InputStream in = Decisions.class.getResourceAsStream("/bench/incident-decision.dmn")) {
            decision = dmn.parseDecision(DMN_KEY, in);
        }
        return measure("DMN (standalone DMN engine, in memory)", warmup, count,
                fact -> toDecision(dmn.evaluateDecision(decision, variables(fact)).getSingleResult()));
    }

    /**
     * Decisions on one thread, without pause, while the system administrator applies new rule set versions on
     * another (grade II's response toggled between 30 and 20 minutes, each apply building, checking and swapping a
     * container), then the tables as they were. Only decisions made while an apply ran are counted.
     */
    Figures whileApplying(RuleSetService ruleSets, int applies) {
        engine.getIdentityService().setAuthentication("sysadmin", engine.getIdentityService().createGroupQuery()
                .groupMember("sysadmin").list().stream().map(Group::getId).toList());
        DecisionTables original = ruleSets.active().tables();
        AtomicBoolean applying = new AtomicBoolean(false);
        AtomicBoolean done = new AtomicBoolean(false);
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        CompletableFuture<Long> deciding = CompletableFuture.supplyAsync(() -> {
            long count = 0;
            for (int i = 0; !done.get(); i++) {
                boolean during = applying.get();
                long before = System.nanoTime();
                IncidentDecision decision = rules.decideIncident(facts.get(i % facts.size()));
                long took = System.nanoTime() - before;
                Objects.requireNonNull(decision.getGrade());
                if (during && applying.get()) {
                    histogram.recordValue(took);
                    count++;
                }
            }
            return count;
        });
        long start = System.nanoTime();
        try {
            for (int i = 0; i < applies; i++) {
                String respond = i % 2 == 0 ? "PT20M" : "PT30M";
                List<DecisionTables.SlaRow> sla = original.sla().stream().map(row -> !row.grade().equals("II") ? row
                        : new DecisionTables.SlaRow(row.grade(), respond, row.onSiteWithin(), row.resolveWithin(),
                                row.reportWithin(), row.escalationGroup())).toList();
                applying.set(true);
                ruleSets.apply(new RuleSetService.Change(new DecisionTables(original.grading(), sla, original.reportingDuty(),
                        original.vulnerabilityGrading()), null, "基准测试：生效时的判定延迟"));
                applying.set(false);
            }
            ruleSets.apply(new RuleSetService.Change(original, null, "基准测试结束，恢复"));
        } finally {
            applying.set(false);
            done.set(true);
            engine.getIdentityService().clearAuthentication();
        }
        long count = deciding.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures("Drools while " + applies + " versions are applied", count,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3, count / seconds);
    }

    /** Combinations where the DMN decides otherwise than the rules (0 = the same decision). */
    long disagreements() {
        return facts.stream().filter(fact -> {
            IncidentDecision drools = rules.decideIncident(fact);
            IncidentDecision dmn = toDecision(engine.getDecisionService().evaluateDecisionByKey(DMN_KEY)
                    .variables(variables(fact)).evaluate().getSingleResult());
            return !drools.toString().equals(dmn.toString());
        }).count();
    }

    private Figures measure(String name, int warmup, int count, Function<IncidentFacts, IncidentDecision> decide) {
        for (int i = 0; i < warmup; i++) {
            Objects.requireNonNull(decide.apply(facts.get(i % facts.size())).getGrade());
        }
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            IncidentDecision decision = decide.apply(facts.get(i % facts.size()));
            histogram.recordValue(System.nanoTime() - before);
            Objects.requireNonNull(decision.getGrade());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures(name, count, histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, count / seconds);
    }

    private static Map<String, Object> variables(IncidentFacts fact) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("objectImportance", fact.getObjectImportance());
        variables.put("systemLoss", fact.getSystemLoss());
        variables.put("socialImpact", fact.getSocialImpact());
        variables.put("reporterType", fact.getReporterType());
        variables.put("leakedPersonalInfoRecords", fact.getLeakedPersonalInfoRecords());
        variables.put("provincialPortalOutageHours", fact.getProvincialPortalOutageHours());
        return variables;
    }

    /** The DMN's outputs typed as the rules' result, so both ways deliver the same object. */
    private static IncidentDecision toDecision(DmnDecisionResultEntries result) {
        IncidentDecision decision = new IncidentDecision();
        decision.setGrade(result.getEntry("grade"));
        decision.setGradeName(result.getEntry("gradeName"));
        decision.setMustReport(Boolean.TRUE.equals(result.getEntry("mustReport")));
        decision.setFirstReportWithin(duration(result.getEntry("firstReportWithin")));
        decision.setSummaryReportWithin(duration(result.getEntry("summaryReportWithin")));
        decision.setRespondWithin(duration(result.getEntry("respondWithin")));
        decision.setOnSiteWithin(duration(result.getEntry("onSiteWithin")));
        decision.setResolveWithin(duration(result.getEntry("resolveWithin")));
        decision.setReportWithin(duration(result.getEntry("reportWithin")));
        decision.setEscalationGroup(result.getEntry("escalationGroup"));
        return decision;
    }

    private static Duration duration(Object iso) {
        return iso == null ? null : Duration.parse(iso.toString());
    }
}
