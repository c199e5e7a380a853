package org.secflow.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input: answered with 400 and every field named. Thrown also inside the engine (a delegate
 * validating a start form or task form), where it rolls back the whole step, so nothing is half-created;
 * its message then is what the Tasklist shows.
 */
public class InvalidInputException extends RuntimeException {

    private final String summary;
    private final List<FieldError> fields;

    public InvalidInputException(String summary, List<FieldError> fields) {
        super(summary + "：" + fields.stream().map(f -> f.field() + " " + f.reason()).collect(Collectors.joining("；")));
        this.summary = summary;
        this.fields = List.copyOf(fields);
    }

    public InvalidInputException(String field, String reason) {
        this("请求参数无效", List.of(new FieldError(field, reason)));
    }

    /** What was wrong as a whole (e.g. 导入被拒绝), the answer's message; the fields say where. */
    public String getSummary() {
        return summary;
    }

    public List<FieldError> getFields() {
        return fields;
    }
}
