package org.secflow.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SLA table of rules/decision-tables.json (generated DRL): the documented default service levels per grade. */
class IncidentSlaRulesTest {

    private final DecisionService decisionService = IncidentRules.decisionService();

    // The grade comes from the social impact alone (the matrix cell 一般 × 较小 is IV).
    @ParameterizedTest(name = "grade {1}: respond {2}, on site {3}, resolve {4}, report {5}")
    @CsvSource(textBlock = """
            特别重大, I,   PT15M, PT1H, PT4H,  PT24H
            重大,     II,  PT30M, PT2H, PT8H,  PT48H
            较大,     III, PT1H,  PT4H, PT24H, PT72H
            一般,     IV,  PT4H,  PT8H, PT72H, P5D
            """)
    void serviceLevelsFollowTheGrade(String socialImpact, String expectedGrade, Duration respondWithin,
                                     Duration onSiteWithin, Duration resolveWithin, Duration reportWithin) {
        // given
        IncidentFacts facts = new IncidentFacts("一般", "较小", socialImpact, "其他网络运营者");

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo(expectedGrade);
        assertThat(decision.getRespondWithin()).isEqualTo(respondWithin);
        assertThat(decision.getOnSiteWithin()).isEqualTo(onSiteWithin);
        assertThat(decision.getResolveWithin()).isEqualTo(resolveWithin);
        assertThat(decision.getReportWithin()).isEqualTo(reportWithin);
        assertThat(decision.getEscalationGroup()).isEqualTo("management");
    }

    @Test
    void serviceLevelsFollowTheFinalGradeNotTheMatrixCell() {
        // given: the matrix says II (特别重要 × 严重), the social impact raises it to I
        IncidentFacts facts = new IncidentFacts("特别重要", "严重", "特别重大", "党政机关");

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo("I");
        assertThat(decision.getRespondWithin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(decision.getOnSiteWithin()).isEqualTo(Duration.ofHours(1));
        assertThat(decision.getResolveWithin()).isEqualTo(Duration.ofHours(4));
        assertThat(decision.getReportWithin()).isEqualTo(Duration.ofHours(24));
    }
}
