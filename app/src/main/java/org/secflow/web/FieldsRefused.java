package org.secflow.web;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request the engine refused inside its command, field by field: answered with 400, a summary and every field
 * with its reason, on the engine REST API (also when Camunda wraps it) and on our API. A
 * {@link BadUserRequestException}, so that the engine logs it as a refused request, not as its own failure.
 */
public class FieldsRefused extends BadUserRequestException {

    private final String type;
    private final String summary;
    private final transient List<FieldError> fields;

    /** {@code type}: the engine REST error type the answer carries (e.g. InvalidRequestException). */
    public FieldsRefused(String type, String summary, List<FieldError> fields) {
        super(summary + "：" + fields.stream().map(f -> f.field() + " " + f.reason()).collect(Collectors.joining("；")));
        this.type = type;
        this.summary = summary;
        this.fields = List.copyOf(fields);
    }

    public String getType() {
        return type;
    }

    public String getSummary() {
        return summary;
    }

    public List<FieldError> getFields() {
        return fields;
    }
}
