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
            assertThat(contracts.isTrue(text, values("reviewComment", "同意".repeat(300)))).isFalse(); // not kept: long
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
        // a value that is not plain (a list) is evaluated every time
        assertThat(contracts.isTrue("list contains(tags, \"x\")", values("tags", List.of("x")))).isTrue();
        assertThat(contracts.isTrue("count(tags) = 0", values("tags", List.of()))).isTrue();
        assertThat(contracts.isTrue("count(tags) = 0", values("tags", List.of("y")))).isFalse();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
