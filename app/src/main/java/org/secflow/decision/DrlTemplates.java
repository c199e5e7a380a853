package org.secflow.decision;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;

/**
 * Generates the DRL of the table-shaped decisions from validated {@link DecisionTables} with Freemarker
 * templates next to this class ({@code *.drl.ftl}): the DRL stays the executable form, the administrator
 * edits cells only. Every value written into the DRL is a grade, a known reporter type or group, or a
 * normalised {@link java.time.Duration}, and is escaped as a Java string literal besides.
 */
public final class DrlTemplates {

    /** Names of the generated files, as they appear in error messages and in the rule set. */
    public static final String SLA_FILE = "incident-sla.drl";
    public static final String REPORTING_FILE = "incident-reporting.drl";
    public static final String GRADING_FILE = "incident-grading-tables.drl";
    public static final String VULNERABILITY_FILE = "vulnerability-grading-tables.drl";
    /** Every name a generated file may have: no hand-written file may take one. */
    public static final List<String> GENERATED_FILES = List.of(GRADING_FILE, REPORTING_FILE, SLA_FILE, VULNERABILITY_FILE);

    // Rule names say what they decide, in English like the hand-written rules.
    private static final List<String> IMPORTANCE_NAMES = List.of("criticalObject", "importantObject", "ordinaryObject");
    private static final List<String> LOSS_NAMES = List.of("especiallySevereLoss", "severeLoss", "considerableLoss", "minorLoss");
    private static final List<String> SOCIAL_IMPACT_NAMES = List.of("especiallyMajor", "major", "considerable", "ordinary");

    private static final Configuration FREEMARKER = configuration();

    private DrlTemplates() {
    }

    /** The generated files: grading tables, reporting duty, SLA and (where the rule set has it) vulnerability grading. */
    public static List<RulesLoader.RuleFile> generate(DecisionTables tables) {
        tables.validate();
        List<Map<String, Object>> matrix = new ArrayList<>();
        for (int i = 0; i < DecisionVocabulary.OBJECT_IMPORTANCE.size(); i++) {
            for (int j = 0; j < DecisionVocabulary.SYSTEM_LOSS.size(); j++) {
                String importance = DecisionVocabulary.OBJECT_IMPORTANCE.get(i);
                String loss = DecisionVocabulary.SYSTEM_LOSS.get(j);
                String grade = tables.matrixGrade(importance, loss);
                matrix.add(Map.of("name", IMPORTANCE_NAMES.get(i) + "_" + LOSS_NAMES.get(j), "objectImportance", importance,
                        "systemLoss", loss, "grade", grade, "rank", DecisionVocabulary.GRADES.indexOf(grade) + 1));
            }
        }
        List<Map<String, Object>> socialImpact = new ArrayList<>();
        for (int i = 0; i < DecisionVocabulary.SOCIAL_IMPACT.size(); i++) {
            String impact = DecisionVocabulary.SOCIAL_IMPACT.get(i);
            String grade = tables.grading().socialImpact().get(impact);
            socialImpact.add(Map.of("name", SOCIAL_IMPACT_NAMES.get(i), "socialImpact", impact, "grade", grade,
                    "rank", DecisionVocabulary.GRADES.indexOf(grade) + 1));
        }
        List<Map<String, Object>> sla = new ArrayList<>();
        for (String grade : DecisionVocabulary.GRADES) {
            DecisionTables.SlaRow row = tables.slaOf(grade);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("grade", grade);
            model.put("respondWithin", normalised(row.respondWithin()));
            model.put("onSiteWithin", normalised(row.onSiteWithin()));
            model.put("resolveWithin", normalised(row.resolveWithin()));
            model.put("reportWithin", normalised(row.reportWithin()));
            model.put("escalationGroup", row.escalationGroup());
            sla.add(model);
        }
        List<Map<String, Object>> reporting = new ArrayList<>();
        for (String grade : DecisionVocabulary.GRADES) {
            DecisionTables.ReportingRow row = tables.reportingOf(grade);
            if (!row.mustReport()) {
                continue;
            }
            List<Map<String, Object>> firstReports = new ArrayList<>();
            for (String reporter : DecisionVocabulary.REPORTER_TYPES) {
                firstReports.add(Map.of("reporterType", reporter,
                        "within", normalised(row.firstReportWithin().get(reporter))));
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("grade", grade);
            model.put("summaryReportWithin", normalised(row.summaryReportWithin()));
            model.put("firstReports", firstReports);
            reporting.add(model);
        }
        List<RulesLoader.RuleFile> files = new ArrayList<>(List.of(
                new RulesLoader.RuleFile(GRADING_FILE, render("incident-grading-tables.drl.ftl",
                        Map.of("matrix", matrix, "socialImpact", socialImpact))),
                new RulesLoader.RuleFile(REPORTING_FILE, render("incident-reporting.drl.ftl", Map.of("rows", reporting))),
                new RulesLoader.RuleFile(SLA_FILE, render("incident-sla.drl.ftl", Map.of("rows", sla)))));
        if (tables.vulnerabilityGrading() != null) {
            files.add(new RulesLoader.RuleFile(VULNERABILITY_FILE, render("vulnerability-grading-tables.drl.ftl",
                    tables.vulnerabilityGrading().templateModel())));
        }
        return files;
    }

    private static String normalised(String duration) {
        return DecisionTables.parse(duration).toString();
    }

    private static String render(String template, Map<String, Object> model) {
        try {
            StringWriter out = new StringWriter();
            FREEMARKER.getTemplate(template).process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read DRL template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("DRL template " + template + " failed", e);
        }
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_32);
        configuration.setClassForTemplateLoading(DrlTemplates.class, "/org/secflow/decision/");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setTemplateExceptionHandler(freemarker.template.TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        return configuration;
    }
}
