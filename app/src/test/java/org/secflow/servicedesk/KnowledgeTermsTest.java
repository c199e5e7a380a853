package org.secflow.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The terms that make Chinese text searchable without a word list. */
class KnowledgeTermsTest {

    @Test
    void hanTextGivesEveryCharacterAndEveryNeighbouringPair() {
        assertThat(KnowledgeTerms.index("勒索病毒")).containsOnlyKeys("勒", "索", "病", "毒", "勒索", "索病", "病毒");
    }

    @Test
    void pairsDoNotCrossPunctuationOrLatinWords() {
        assertThat(KnowledgeTerms.index("口令，策略")).doesNotContainKey("令策");
        assertThat(KnowledgeTerms.index("升级PAN-OS版本")).containsKeys("升级", "pan", "os", "版本").doesNotContainKey("级版");
    }

    @Test
    void queryUsesPairsAndASingleCharacterOnlyWhenAlone() {
        assertThat(KnowledgeTerms.query("断开网络")).containsExactly("断开", "开网", "网络");
        assertThat(KnowledgeTerms.query("毒 CVE-2024-3400")).containsExactly("毒", "cve", "2024", "3400");
    }

    @Test
    void termsAreCountedAndFullWidthLettersFolded() {
        assertThat(KnowledgeTerms.index("病毒病毒")).containsEntry("病毒", 2).containsEntry("毒病", 1);
        assertThat(KnowledgeTerms.query("ＷＡＦ")).containsExactly("waf");
    }
}
