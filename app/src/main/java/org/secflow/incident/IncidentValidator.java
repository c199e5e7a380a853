package org.secflow.incident;

import static org.secflow.incident.IncidentVocabulary.LABELS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;

/**
 * Checks an incident's facts, whether they come over REST or from the Tasklist's start form:
 * every bad field is named with the reason, in one answer.
 */
final class IncidentValidator {

    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, Object> values;

    private IncidentValidator(Map<String, Object> values) {
        this.values = values;
    }

    /** Validates the variables of a new incident; throws with every bad field. */
    static void validateReport(Map<String, Object> values) {
        IncidentValidator v = new IncidentValidator(values);
        v.text("title", true, IncidentVocabulary.MAX_TITLE);
        v.text("description", true, IncidentVocabulary.MAX_TEXT);
        v.oneOf("category", IncidentVocabulary.CATEGORIES);
        v.text("subcategory", false, 64);
        v.facts();
        v.oneOf("reporterType", IncidentVocabulary.REPORTER_TYPES);
        v.text("affectedAssets", true, IncidentVocabulary.MAX_TEXT);
        v.oneOf("channel", IncidentVocabulary.CHANNELS);
        v.text("measuresTaken", false, IncidentVocabulary.MAX_TEXT);
        v.throwIfAny("事件信息不完整或取值无效");
    }

    /** Validates a re-grade: the three grading factors and the reason. */
    static void validateRegrade(Map<String, Object> values) {
        IncidentValidator v = new IncidentValidator(values);
        v.facts();
        v.text("regradeReason", true, IncidentVocabulary.MAX_TEXT);
        v.throwIfAny("调整分级信息不完整");
    }

    private void facts() {
        oneOf("objectImportance", IncidentVocabulary.OBJECT_IMPORTANCE);
        oneOf("systemLoss", IncidentVocabulary.SYSTEM_LOSS);
        oneOf("socialImpact", IncidentVocabulary.SOCIAL_IMPACT);
    }

    private void text(String field, boolean required, int maxLength) {
        Object value = values.get(field);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                reject(field, "必填");
            }
        } else if (!(value instanceof String)) {
            reject(field, "须为文本");
        } else if (value.toString().length() > maxLength) {
            reject(field, "不得超过 " + maxLength + " 个字符");
        }
    }

    private void oneOf(String field, List<String> allowed) {
        Object value = values.get(field);
        if (value == null || value.toString().isBlank()) {
            reject(field, "必填，取值为 " + String.join("、", allowed) + " 之一");
        } else if (!allowed.contains(value.toString())) {
            reject(field, "取值「" + value + "」无效，应为 " + String.join("、", allowed) + " 之一");
        }
    }

    private void reject(String field, String reason) {
        errors.add(new FieldError(field, LABELS.getOrDefault(field, field) + "：" + reason));
    }

    private void throwIfAny(String summary) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary, errors);
        }
    }
}
