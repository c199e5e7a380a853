package org.secflow.form;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.secflow.web.FieldError;

/**
 * A deployed Camunda Form as the contract of its task or start event: which keys a submission may
 * write, and what each value must be. Hidden fields (their {@code conditional.hide} is true for the
 * submitted values over the process's variables) are neither required nor stored, as in form-js.
 */
public record FormContract(String formId, List<FormField> fields) {

    /** Decides a FEEL condition of the form against the values a person sees. */
    interface Conditions {
        boolean isTrue(String expression, Map<String, Object> values);
    }

    /** What to do with a submission: refuse it for these fields, or take it without the keys to drop. */
    public record Verdict(List<FieldError> errors, Set<String> dropped) {
        public boolean refused() {
            return !errors.isEmpty();
        }
    }

    static FormContract parse(JsonNode form) {
        List<FormField> fields = new ArrayList<>();
        collect(form.path("components"), fields);
        return new FormContract(form.path("id").asText(null), List.copyOf(fields));
    }

    private static void collect(JsonNode components, List<FormField> fields) {
        for (JsonNode component : components) {
            FormField.of(component).ifPresent(fields::add);
            collect(component.path("components"), fields);
        }
    }

    private boolean needsCurrent(Map<String, Object> submitted) {
        return fields.stream().anyMatch(field -> field.hideExpression() != null
                || (field.readonly() && submitted.containsKey(field.key())));
    }

    Map<String, FormField> byKey() {
        Map<String, FormField> byKey = new LinkedHashMap<>();
        fields.forEach(field -> byKey.putIfAbsent(field.key(), field));
        return byKey;
    }

    /**
     * Checks a submission: {@code submitted} are the values sent, {@code currentValues} the variables the
     * task's process holds now (none for a start form).
     */
    Verdict check(Map<String, Object> submitted, Supplier<Map<String, Object>> currentValues, Conditions conditions) {
        Map<String, FormField> byKey = byKey();
        // read the process's variables only when a condition or a read-only field needs them
        Map<String, Object> current = needsCurrent(submitted) ? currentValues.get() : Map.of();
        Map<String, Object> seen = new HashMap<>(current);
        seen.putAll(submitted);
        List<FieldError> errors = new ArrayList<>();
        Set<String> dropped = new LinkedHashSet<>();
        for (String key : submitted.keySet()) {
            FormField field = byKey.get(key);
            if (field == null) {
                errors.add(new FieldError(key, "表单中没有此字段，不能提交"));
            }
        }
        for (FormField field : byKey.values()) {
            boolean sent = submitted.containsKey(field.key());
            Object value = submitted.get(field.key());
            if (field.hideExpression() != null && conditions.isTrue(field.hideExpression(), seen)) {
                if (sent) {
                    dropped.add(field.key());
                }
                continue;
            }
            if (field.readonly()) {
                if (sent && field.unchanged(value, current.get(field.key()))) {
                    dropped.add(field.key());
                } else if (sent) {
                    errors.add(new FieldError(field.key(), field.label() + "：只读字段，不能修改"));
                }
                continue;
            }
            field.problemWith(value).ifPresent(reason -> errors.add(new FieldError(field.key(), field.label() + "：" + reason)));
        }
        return new Verdict(List.copyOf(errors), Set.copyOf(dropped));
    }
}
