package org.secflow.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.secflow.decision.DecisionService;
import org.secflow.decision.DecisionTables;
import org.secflow.decision.DecisionVocabulary;
import org.secflow.decision.IncidentDecision;
import org.secflow.decision.IncidentFacts;
import org.secflow.decision.RuleSets;
import org.secflow.decision.VulnerabilityDecision;
import org.secflow.decision.VulnerabilityFacts;

/**
 * The cases every new rule set is tried on before it may apply: every combination of the incident inputs
 * (importance × loss × social impact × reporter type, 144) and the vulnerability grading cases kept as data
 * ({@code vulnerability-golden-cases.json}). Both rule sets decide each case; what differs is grouped into
 * changes an administrator reads ("II 级 响应时限：30 分钟 → 20 分钟，影响 144 个用例中的 36 个").
 */
final class GoldenCases {

    /** One group of changed decisions: the same field of the same grade changed the same way. */
    record Change(String decision, String grade, String field, String from, String to, int affected, int of,
                  String description) {
    }

    record VulnerabilityCase(String name, VulnerabilityFacts facts) {
    }

    private record CasesFile(List<VulnerabilityCase> cases) {
    }

    static final List<IncidentFacts> INCIDENT_CASES = incidentCases();
    static final List<VulnerabilityCase> VULNERABILITY_CASES = vulnerabilityCases();

    private static final String NO_RESULT = "无结果";

    private GoldenCases() {
    }

    /** What the new rules decide differently from the old ones, over all golden cases. */
    static List<Change> compare(RuleSets.Active before, RuleSets.Active after) {
        DecisionService old = new DecisionService(RuleSets.of(before.version(), before.container()));
        DecisionService candidate = new DecisionService(RuleSets.of(after.version(), after.container()));
        List<Change> changes = new ArrayList<>();
        changes.addAll(compareIncidents(old, candidate));
        changes.addAll(compareVulnerabilities(old, candidate));
        return changes;
    }

    private static List<Change> compareIncidents(DecisionService old, DecisionService candidate) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (IncidentFacts facts : INCIDENT_CASES) {
            Map<String, String> before = incidentFields(decide(old::decideIncident, facts));
            Map<String, String> after = incidentFields(decide(candidate::decideIncident, facts));
            String grade = before.getOrDefault("级别", NO_RESULT);
            before.forEach((field, value) -> {
                String next = after.getOrDefault(field, NO_RESULT);
                if (!Objects.equals(value, next)) {
                    counts.merge(List.of(grade, field, value, next), 1, Integer::sum);
                }
            });
        }
        List<Change> changes = new ArrayList<>();
        counts.forEach((key, affected) -> changes.add(new Change("事件", key.get(0), key.get(1), key.get(2), key.get(3),
                affected, INCIDENT_CASES.size(), key.get(0) + " 级 " + key.get(1) + "：" + key.get(2) + " → " + key.get(3)
                        + "，影响 " + INCIDENT_CASES.size() + " 个用例中的 " + affected + " 个")));
        return changes;
    }

    private static List<Change> compareVulnerabilities(DecisionService old, DecisionService candidate) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (VulnerabilityCase golden : VULNERABILITY_CASES) {
            Map<String, String> before = vulnerabilityFields(decide(old::decideVulnerability, golden.facts()));
            Map<String, String> after = vulnerabilityFields(decide(candidate::decideVulnerability, golden.facts()));
            before.forEach((field, value) -> {
                String next = after.getOrDefault(field, NO_RESULT);
                if (!Objects.equals(value, next)) {
                    counts.merge(List.of(field, value, next), 1, Integer::sum);
                }
            });
        }
        List<Change> changes = new ArrayList<>();
        int of = VULNERABILITY_CASES.size();
        counts.forEach((key, affected) -> changes.add(new Change("漏洞", null, key.get(0), key.get(1), key.get(2),
                affected, of, "漏洞" + key.get(0) + "：" + key.get(1) + " → " + key.get(2) + "，影响 " + of + " 个用例中的 "
                        + affected + " 个")));
        return changes;
    }

    // A rule set that decides nothing for a case (e.g. broken in expert mode) shows as 无结果, not as an error.
    private static <F, D> D decide(Function<F, D> decision, F facts) {
        try {
            return decision.apply(facts);
        } catch (IllegalStateException noResult) {
            return null;
        }
    }

    private static Map<String, String> incidentFields(IncidentDecision d) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (d == null) {
            return fields;
        }
        fields.put("级别", d.getGrade());
        fields.put("级别名称", d.getGradeName());
        fields.put("是否须报告", d.isMustReport() ? "是" : "否");
        fields.put("首报时限", display(d.getFirstReportWithin()));
        fields.put("总结报告时限", display(d.getSummaryReportWithin()));
        fields.put("响应时限", display(d.getRespondWithin()));
        fields.put("到场时限", display(d.getOnSiteWithin()));
        fields.put("处置时限", display(d.getResolveWithin()));
        fields.put("报告时限", display(d.getReportWithin()));
        fields.put("升级对象", String.valueOf(d.getEscalationGroup()));
        return fields;
    }

    private static Map<String, String> vulnerabilityFields(VulnerabilityDecision d) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (d == null) {
            return fields;
        }
        fields.put("技术分级", String.valueOf(d.getTechnicalGrade()));
        fields.put("综合分级", String.valueOf(d.getGrade()));
        fields.put("类型", String.valueOf(d.getVulnClass()));
        return fields;
    }

    private static String display(Duration duration) {
        return DecisionTables.forDisplay(duration);
    }

    private static List<IncidentFacts> incidentCases() {
        List<IncidentFacts> cases = new ArrayList<>();
        for (String importance : DecisionVocabulary.OBJECT_IMPORTANCE) {
            for (String loss : DecisionVocabulary.SYSTEM_LOSS) {
                for (String socialImpact : DecisionVocabulary.SOCIAL_IMPACT) {
                    for (String reporter : DecisionVocabulary.REPORTER_TYPES) {
                        cases.add(new IncidentFacts(importance, loss, socialImpact, reporter));
                    }
                }
            }
        }
        return List.copyOf(cases);
    }

    private static List<VulnerabilityCase> vulnerabilityCases() {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = GoldenCases.class.getResourceAsStream("vulnerability-golden-cases.json")) {
            return List.copyOf(json.readValue(in, CasesFile.class).cases());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the vulnerability golden cases", e);
        }
    }
}
