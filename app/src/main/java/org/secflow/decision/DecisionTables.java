package org.secflow.decision;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;

/**
 * The decisions an administrator changes as tables (规则管理): the GB/T 20986—2023 grading (importance × loss
 * matrix, social impact), the SLA per incident grade, the duty to report per grade and reporter type and the GB/T
 * 30279—2020 vulnerability grading ({@link VulnerabilityGrading}; absent in rule sets made before it was a table, whose
 * hand-written DRL still holds it). Cells are kept as typed; {@link #validate()} accepts only their
 * domain (a grade, a known reporter type or group, a positive ISO-8601 duration), so that the DRL generated
 * from them ({@link DrlTemplates}) cannot be broken by what is typed into a cell.
 */
public record DecisionTables(Grading grading, List<SlaRow> sla, List<ReportingRow> reportingDuty,
                             VulnerabilityGrading vulnerabilityGrading) {

    /** Longest deadline a cell may hold: a year. */
    static final Duration LONGEST = Duration.ofDays(366);

    /**
     * GB/T 20986—2023 §6.2: the grade each cell of importance × loss proposes, and the grade each social impact
     * proposes; the most severe proposal (or reporting threshold, in incident-grading.drl) becomes the grade.
     */
    public record Grading(List<MatrixRow> matrix, Map<String, String> socialImpact) {
    }

    /** One row of the matrix: an object importance and the grade per system loss. */
    public record MatrixRow(String objectImportance, Map<String, String> grades) {
    }

    /** Service levels of one grade. */
    public record SlaRow(String grade, String respondWithin, String onSiteWithin, String resolveWithin,
                         String reportWithin, String escalationGroup) {
    }

    /**
     * The duty to report incidents of one grade: whether they must be reported, the summary report's deadline
     * and the first report's deadline per reporter type (empty when there is no duty).
     */
    public record ReportingRow(String grade, Boolean mustReport, String summaryReportWithin,
                               Map<String, String> firstReportWithin) {
    }

    /**
     * @throws InvalidInputException naming every bad cell, e.g. {@code sla[1].respondWithin}
     */
    public DecisionTables validate() {
        List<FieldError> errors = new ArrayList<>();
        validateGrading(errors);
        if (sla == null) {
            errors.add(new FieldError("sla", "必填：每个事件级别一行"));
        } else {
            checkGrades("sla", sla.stream().map(r -> r == null ? null : r.grade()).toList(), errors);
            for (int i = 0; i < sla.size(); i++) {
                SlaRow row = sla.get(i);
                String cell = "sla[" + i + "].";
                String label = gradeLabel(row == null ? null : row.grade());
                if (row == null) {
                    errors.add(new FieldError("sla[" + i + "]", "必填"));
                    continue;
                }
                duration(cell + "respondWithin", label + "响应时限", row.respondWithin(), errors);
                duration(cell + "onSiteWithin", label + "到场时限", row.onSiteWithin(), errors);
                duration(cell + "resolveWithin", label + "处置时限", row.resolveWithin(), errors);
                duration(cell + "reportWithin", label + "报告时限", row.reportWithin(), errors);
                if (!in(DecisionVocabulary.ESCALATION_GROUPS, row.escalationGroup())) {
                    errors.add(new FieldError(cell + "escalationGroup", label + "升级对象 " + show(row.escalationGroup())
                            + " 无效，须为 " + String.join("、", DecisionVocabulary.ESCALATION_GROUPS)));
                }
            }
        }
        if (reportingDuty == null) {
            errors.add(new FieldError("reportingDuty", "必填：每个事件级别一行"));
        } else {
            checkGrades("reportingDuty", reportingDuty.stream().map(r -> r == null ? null : r.grade()).toList(), errors);
            for (int i = 0; i < reportingDuty.size(); i++) {
                ReportingRow row = reportingDuty.get(i);
                String cell = "reportingDuty[" + i + "].";
                if (row == null) {
                    errors.add(new FieldError("reportingDuty[" + i + "]", "必填"));
                    continue;
                }
                String label = gradeLabel(row.grade());
                if (row.mustReport() == null) {
                    errors.add(new FieldError(cell + "mustReport", label + "是否须报告：必填"));
                    continue;
                }
                Map<String, String> firstReports = row.firstReportWithin() == null ? Map.of() : row.firstReportWithin();
                if (row.mustReport()) {
                    duration(cell + "summaryReportWithin", label + "总结报告时限", row.summaryReportWithin(), errors);
                    for (String reporter : DecisionVocabulary.REPORTER_TYPES) {
                        duration(cell + "firstReportWithin." + reporter, label + reporter + "首报时限",
                                firstReports.get(reporter), errors);
                    }
                    for (String reporter : firstReports.keySet()) {
                        if (!in(DecisionVocabulary.REPORTER_TYPES, reporter)) {
                            errors.add(new FieldError(cell + "firstReportWithin." + reporter, "未知的报告主体类型 "
                                    + show(reporter) + "，须为 " + String.join("、", DecisionVocabulary.REPORTER_TYPES)));
                        }
                    }
                } else {
                    if (!blank(row.summaryReportWithin())) {
                        errors.add(new FieldError(cell + "summaryReportWithin", label + "无报告义务，总结报告时限须为空"));
                    }
                    firstReports.forEach((reporter, within) -> {
                        if (!blank(within)) {
                            errors.add(new FieldError(cell + "firstReportWithin." + reporter,
                                    label + "无报告义务，首报时限须为空"));
                        }
                    });
                }
            }
        }
        if (vulnerabilityGrading != null) {
            vulnerabilityGrading.validate("vulnerabilityGrading", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("决策表有无效的单元格", errors);
        }
        return this;
    }

    private void validateGrading(List<FieldError> errors) {
        if (grading == null || grading.matrix() == null || grading.socialImpact() == null) {
            errors.add(new FieldError("grading", "必填：重要程度 × 损失矩阵（matrix）和社会影响（socialImpact）"));
            return;
        }
        List<String> importances = grading.matrix().stream().map(r -> r == null ? null : r.objectImportance()).toList();
        for (int i = 0; i < importances.size(); i++) {
            String importance = importances.get(i);
            String cell = "grading.matrix[" + i + "]";
            if (!in(DecisionVocabulary.OBJECT_IMPORTANCE, importance)) {
                errors.add(new FieldError(cell + ".objectImportance", "未知的重要程度 " + show(importance) + "，须为 "
                        + String.join("、", DecisionVocabulary.OBJECT_IMPORTANCE)));
                continue;
            }
            if (importances.indexOf(importance) != i) {
                errors.add(new FieldError(cell + ".objectImportance", importance + " 重复"));
                continue;
            }
            Map<String, String> grades = grading.matrix().get(i).grades() == null ? Map.of() : grading.matrix().get(i).grades();
            checkGradeCells(cell + ".grades", importance + " × ", grades, DecisionVocabulary.SYSTEM_LOSS, "损失", errors);
        }
        for (String importance : DecisionVocabulary.OBJECT_IMPORTANCE) {
            if (!importances.contains(importance)) {
                errors.add(new FieldError("grading.matrix", "缺少重要程度 " + importance + " 一行"));
            }
        }
        checkGradeCells("grading.socialImpact", "社会影响 ", grading.socialImpact(), DecisionVocabulary.SOCIAL_IMPACT,
                "社会影响", errors);
    }

    private static void checkGradeCells(String prefix, String label, Map<String, String> cells, List<String> keys,
                                        String keyName, List<FieldError> errors) {
        for (String key : keys) {
            String grade = cells.get(key);
            if (!in(DecisionVocabulary.GRADES, grade)) {
                errors.add(new FieldError(prefix + "." + key, label + key + "：" + (grade == null ? "必填" : "未知的事件级别 "
                        + grade) + "，须为 " + String.join("、", DecisionVocabulary.GRADES)));
            }
        }
        for (String key : cells.keySet()) {
            if (!in(keys, key)) {
                errors.add(new FieldError(prefix + "." + key, "未知的" + keyName + " " + show(key) + "，须为 "
                        + String.join("、", keys)));
            }
        }
    }

    /** The grade the matrix proposes for an importance and a loss (tables validated). */
    public String matrixGrade(String objectImportance, String systemLoss) {
        return grading.matrix().stream().filter(row -> row.objectImportance().equals(objectImportance)).findFirst()
                .orElseThrow().grades().get(systemLoss);
    }

    /** The SLA row of a grade (tables validated). */
    public SlaRow slaOf(String grade) {
        return sla.stream().filter(row -> row.grade().equals(grade)).findFirst().orElseThrow();
    }

    /** The reporting row of a grade (tables validated). */
    public ReportingRow reportingOf(String grade) {
        return reportingDuty.stream().filter(row -> row.grade().equals(grade)).findFirst().orElseThrow();
    }

    /**
     * Every cell by its name ({@code sla[II].respondWithin}, {@code reportingDuty[I].firstReportWithin.党政机关}),
     * in table order: what a diff between two versions compares.
     */
    public Map<String, String> cells() {
        Map<String, String> cells = new LinkedHashMap<>();
        if (grading != null && grading.matrix() != null) {
            for (MatrixRow row : grading.matrix()) {
                if (row.grades() != null) {
                    row.grades().forEach((loss, grade) -> cells.put("grading.matrix[" + row.objectImportance() + "]." + loss, grade));
                }
            }
        }
        if (grading != null && grading.socialImpact() != null) {
            grading.socialImpact().forEach((impact, grade) -> cells.put("grading.socialImpact." + impact, grade));
        }
        if (sla != null) {
            for (SlaRow row : sla) {
                String prefix = "sla[" + row.grade() + "].";
                cells.put(prefix + "respondWithin", row.respondWithin());
                cells.put(prefix + "onSiteWithin", row.onSiteWithin());
                cells.put(prefix + "resolveWithin", row.resolveWithin());
                cells.put(prefix + "reportWithin", row.reportWithin());
                cells.put(prefix + "escalationGroup", row.escalationGroup());
            }
        }
        if (reportingDuty != null) {
            for (ReportingRow row : reportingDuty) {
                String prefix = "reportingDuty[" + row.grade() + "].";
                cells.put(prefix + "mustReport", String.valueOf(row.mustReport()));
                cells.put(prefix + "summaryReportWithin", row.summaryReportWithin());
                for (String reporter : DecisionVocabulary.REPORTER_TYPES) {
                    cells.put(prefix + "firstReportWithin." + reporter,
                            row.firstReportWithin() == null ? null : row.firstReportWithin().get(reporter));
                }
            }
        }
        if (vulnerabilityGrading != null) {
            vulnerabilityGrading.cells("vulnerabilityGrading", cells);
        }
        return cells;
    }

    /** A validated duration cell as a Duration. */
    static Duration parse(String cell) {
        return Duration.parse(cell.strip());
    }

    private static void checkGrades(String table, List<String> grades, List<FieldError> errors) {
        for (int i = 0; i < grades.size(); i++) {
            String grade = grades.get(i);
            if (!in(DecisionVocabulary.GRADES, grade)) {
                errors.add(new FieldError(table + "[" + i + "].grade", "未知的事件级别 " + show(grade) + "，须为 "
                        + String.join("、", DecisionVocabulary.GRADES)));
            } else if (grades.indexOf(grade) != i) {
                errors.add(new FieldError(table + "[" + i + "].grade", grade + " 级重复"));
            }
        }
        for (String grade : DecisionVocabulary.GRADES) {
            if (!grades.contains(grade)) {
                errors.add(new FieldError(table, "缺少 " + grade + " 级"));
            }
        }
    }

    private static void duration(String cell, String label, String value, List<FieldError> errors) {
        if (blank(value)) {
            errors.add(new FieldError(cell, label + "：必填"));
            return;
        }
        Duration duration;
        try {
            duration = parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(cell, label + " " + show(value) + " 不是 ISO-8601 时长（如 PT15M、PT4H、P5D）"));
            return;
        }
        if (duration.isNegative() || duration.isZero()) {
            errors.add(new FieldError(cell, label + " " + show(value) + " 须为正的时长"));
        } else if (duration.compareTo(LONGEST) > 0) {
            errors.add(new FieldError(cell, label + " " + show(value) + " 超过一年"));
        }
    }

    private static String gradeLabel(String grade) {
        return in(DecisionVocabulary.GRADES, grade) ? grade + " 级" : "";
    }

    // The vocabularies are immutable lists, which refuse to look for null: an empty cell is simply not in them.
    private static boolean in(List<String> values, String value) {
        return value != null && values.contains(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String show(String value) {
        return value == null ? "（空）" : value;
    }

    /** A duration as an administrator reads it: 15 分钟, 4 小时, 5 天, 1 小时 30 分钟. */
    public static String forDisplay(Duration duration) {
        if (duration == null) {
            return "无";
        }
        List<String> parts = new ArrayList<>();
        long days = duration.toDays();
        if (days > 0) {
            parts.add(days + " 天");
        }
        if (duration.toHoursPart() > 0) {
            parts.add(duration.toHoursPart() + " 小时");
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(duration.toMinutesPart() + " 分钟");
        }
        if (duration.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(duration.toSecondsPart() + " 秒");
        }
        return String.join(" ", parts);
    }
}
