package org.secflow.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.Test;

/**
 * A form's hide conditions decide which fields the server accepts: the outcome kept for a condition must be the one
 * FEEL gives for the values at hand, whichever values came before.
 */
class FormConditionsTest {

    private final FormContracts contracts = new FormContracts(new ObjectMapper());

    @Test
    void aConditionFollowsTheValuesItReadsWhateverCameBefore() {
        String either = "(retestNeeded = true) or (onRecords = true)";
        for (int round = 0; round < 2; round++) { // the second round answers from the kept outcomes
            assertThat(contracts.isTrue(either, values("retestNeeded", false, "onRecords", false, "note", "a"))).isFalse();
            assertThat(contracts.isTrue(either, values("retestNeeded", false, "onRecords", true, "note", "b"))).isTrue();
            assertThat(contracts.isTrue(either, values("retestNeeded", true, "onRecords", null, "note", "c"))).isTrue();
            assertThat(contracts.isTrue(either, values("note", "d"))).isFalse();
        }
        String text = "reviewComment = null or reviewComment = \"\"";
        for (int round = 0; round < 2; round++) {
            assertThat(contracts.isTrue(text, values("reviewComment", "同意"))).isFalse();
            assertThat(contracts.isTrue(text, values("reviewComment", ""))).isTrue();
            assertThat(contracts.isTrue(text, values())).isTrue();
            assertThat(contracts.isTrue(text, values("reviewComment", "同意".repeat(300)))).isFalse();
        }
    }

    @Test
    void aConditionIsKeyedByTheVariablesItReadsAndNotKeptWhenItCallsAFunction() {
        var parse = FeelEngineBuilder.forJava().build();
        assertThat(FormContracts.Condition.of(parse.parseExpression(
                "(retestNeeded = true) or (onRecords != true) and outcome.level = \"high\"").parsedExpression()).reads())
                .containsExactly("onRecords", "outcome", "retestNeeded");
        // now() changes by itself, string length() is kept out too: only plain reads are kept
        assertThat(FormContracts.Condition.of(parse.parseExpression("dueAt < now()").parsedExpression()).reads()).isNull();
        assertThat(FormContracts.Condition.of(parse.parseExpression("string length(note) > 3").parsedExpression()).reads())
                .isNull();
        // only plain, short values make a key: a list may change, a long text would fill the kept outcomes
        var either = FormContracts.Condition.of(parse.parseExpression("tags = [\"x\"] or note = null").parsedExpression());
        assertThat(either.key("e", values("tags", "x", "note", "短"))).containsExactly("e", "短", "x");
        assertThat(either.key("e", values("tags", List.of("x"), "note", null))).isNull();
        assertThat(either.key("e", values("tags", "x", "note", "长".repeat(201)))).isNull();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
