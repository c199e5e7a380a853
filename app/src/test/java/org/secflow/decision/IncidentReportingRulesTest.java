package org.secflow.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reporting-duty table of rules/decision-tables.json (generated DRL) against 《网络安全事件报告管理办法》 (see design/STANDARDS.md). */
class IncidentReportingRulesTest {

    private final DecisionService decisionService = IncidentRules.decisionService();

    // The grade comes from the social impact alone (the matrix cell 一般 × 较小 is IV).
    // Empty deadline = no duty to report.
    @ParameterizedTest(name = "grade {1}, {2} → must report {3}, first report within {4}")
    @CsvSource(textBlock = """
            特别重大, I,   关键信息基础设施运营者, true,  PT1H, P30D
            特别重大, I,   党政机关,               true,  PT2H, P30D
            特别重大, I,   其他网络运营者,         true,  PT4H, P30D
            重大,     II,  关键信息基础设施运营者, true,  PT1H, P30D
            重大,     II,  党政机关,               true,  PT2H, P30D
            重大,     II,  其他网络运营者,         true,  PT4H, P30D
            较大,     III, 关键信息基础设施运营者, true,  PT1H, P30D
            较大,     III, 党政机关,               true,  PT2H, P30D
            较大,     III, 其他网络运营者,         true,  PT4H, P30D
            一般,     IV,  关键信息基础设施运营者, false,     ,
            一般,     IV,  党政机关,               false,     ,
            一般,     IV,  其他网络运营者,         false,     ,
            """)
    void gradeIIIOrAboveMustBeReportedWithinTheReportersDeadline(String socialImpact, String expectedGrade,
                                                                 String reporterType, boolean expectedMustReport,
                                                                 Duration expectedFirstReportWithin,
                                                                 Duration expectedSummaryReportWithin) {
        // given
        IncidentFacts facts = new IncidentFacts("一般", "较小", socialImpact, reporterType);

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo(expectedGrade);
        assertThat(decision.isMustReport()).isEqualTo(expectedMustReport);
        assertThat(decision.getFirstReportWithin()).isEqualTo(expectedFirstReportWithin);
        assertThat(decision.getSummaryReportWithin()).isEqualTo(expectedSummaryReportWithin);
    }

    @Test
    void gradeIIIFromTheMatrixAloneMustBeReported() {
        // given: 重要 × 严重 is III, the social impact 一般 only IV
        IncidentFacts facts = new IncidentFacts("重要", "严重", "一般", "关键信息基础设施运营者");

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo("III");
        assertThat(decision.isMustReport()).isTrue();
        assertThat(decision.getFirstReportWithin()).isEqualTo(Duration.ofHours(1));
        assertThat(decision.getSummaryReportWithin()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void gradeRaisedByAThresholdIsReportedOnTheRaisedGrade() {
        // given: grade IV by matrix and social impact, 1 000 000 personal records leaked raise it to III
        IncidentFacts facts = new IncidentFacts("一般", "较小", "一般", "党政机关");
        facts.setLeakedPersonalInfoRecords(1_000_000);

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo("III");
        assertThat(decision.isMustReport()).isTrue();
        assertThat(decision.getFirstReportWithin()).isEqualTo(Duration.ofHours(2));
    }
}
