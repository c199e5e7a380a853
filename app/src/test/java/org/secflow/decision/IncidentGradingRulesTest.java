package org.secflow.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules/incident-grading.drl against GB/T 20986—2023 §6.2 (see design/STANDARDS.md). */
class IncidentGradingRulesTest {

    private final DecisionService decisionService = IncidentRules.decisionService();

    // Expected grades worked out by hand: the matrix cell, then the social impact, the more severe wins.
    @ParameterizedTest(name = "{0} × {1}, social impact {2} → {3} {4}")
    @CsvSource(textBlock = """
            特别重要, 特别严重, 特别重大, I,   特别重大
            特别重要, 特别严重, 重大,     I,   特别重大
            特别重要, 特别严重, 较大,     I,   特别重大
            特别重要, 特别严重, 一般,     I,   特别重大
            特别重要, 严重,     特别重大, I,   特别重大
            特别重要, 严重,     重大,     II,  重大
            特别重要, 严重,     较大,     II,  重大
            特别重要, 严重,     一般,     II,  重大
            特别重要, 较大,     特别重大, I,   特别重大
            特别重要, 较大,     重大,     II,  重大
            特别重要, 较大,     较大,     III, 较大
            特别重要, 较大,     一般,     III, 较大
            特别重要, 较小,     特别重大, I,   特别重大
            特别重要, 较小,     重大,     II,  重大
            特别重要, 较小,     较大,     III, 较大
            特别重要, 较小,     一般,     IV,  一般
            重要,     特别严重, 特别重大, I,   特别重大
            重要,     特别严重, 重大,     II,  重大
            重要,     特别严重, 较大,     II,  重大
            重要,     特别严重, 一般,     II,  重大
            重要,     严重,     特别重大, I,   特别重大
            重要,     严重,     重大,     II,  重大
            重要,     严重,     较大,     III, 较大
            重要,     严重,     一般,     III, 较大
            重要,     较大,     特别重大, I,   特别重大
            重要,     较大,     重大,     II,  重大
            重要,     较大,     较大,     III, 较大
            重要,     较大,     一般,     IV,  一般
            重要,     较小,     特别重大, I,   特别重大
            重要,     较小,     重大,     II,  重大
            重要,     较小,     较大,     III, 较大
            重要,     较小,     一般,     IV,  一般
            一般,     特别严重, 特别重大, I,   特别重大
            一般,     特别严重, 重大,     II,  重大
            一般,     特别严重, 较大,     III, 较大
            一般,     特别严重, 一般,     III, 较大
            一般,     严重,     特别重大, I,   特别重大
            一般,     严重,     重大,     II,  重大
            一般,     严重,     较大,     III, 较大
            一般,     严重,     一般,     IV,  一般
            一般,     较大,     特别重大, I,   特别重大
            一般,     较大,     重大,     II,  重大
            一般,     较大,     较大,     III, 较大
            一般,     较大,     一般,     IV,  一般
            一般,     较小,     特别重大, I,   特别重大
            一般,     较小,     重大,     II,  重大
            一般,     较小,     较大,     III, 较大
            一般,     较小,     一般,     IV,  一般
            """)
    void gradeIsTheMoreSevereOfMatrixAndSocialImpact(String objectImportance, String systemLoss, String socialImpact,
                                                     String expectedGrade, String expectedGradeName) {
        // given
        IncidentFacts facts = new IncidentFacts(objectImportance, systemLoss, socialImpact, "其他网络运营者");

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo(expectedGrade);
        assertThat(decision.getGradeName()).isEqualTo(expectedGradeName);
    }

    // Thresholds of 《网络安全事件报告管理办法》 on an incident that the matrix and social impact grade IV.
    @ParameterizedTest(name = "{0} personal records leaked, provincial portal down {1} h → {2}")
    @CsvSource(textBlock = """
            0,         0,  IV
            999999,    0,  IV
            1000000,   0,  III
            9999999,   0,  III
            10000000,  0,  II
            99999999,  0,  II
            100000000, 0,  I
            0,         23, IV
            0,         24, I
            1000000,   24, I
            """)
    void thresholdsRaiseTheGradeOnTheirOwn(long leakedPersonalInfoRecords, int provincialPortalOutageHours,
                                           String expectedGrade) {
        // given
        IncidentFacts facts = new IncidentFacts("一般", "较小", "一般", "党政机关");
        facts.setLeakedPersonalInfoRecords(leakedPersonalInfoRecords);
        facts.setProvincialPortalOutageHours(provincialPortalOutageHours);

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo(expectedGrade);
    }

    @Test
    void thresholdNeverLowersTheGrade() {
        // given
        IncidentFacts facts = new IncidentFacts("特别重要", "特别严重", "一般", "党政机关");
        facts.setLeakedPersonalInfoRecords(1_000_000);

        // when
        IncidentDecision decision = decisionService.decideIncident(facts);

        // then
        assertThat(decision.getGrade()).isEqualTo("I");
        assertThat(decision.getGradeName()).isEqualTo("特别重大");
    }

    @Test
    void valuesOutsideTheStandardProduceNoGrade() {
        // given
        IncidentFacts facts = new IncidentFacts("很重要", "巨大", "未知", "其他网络运营者");

        // when / then
        assertThatThrownBy(() -> decisionService.decideIncident(facts))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("很重要");
    }
}
