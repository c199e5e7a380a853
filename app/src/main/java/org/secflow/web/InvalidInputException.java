package org.secflow.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input: answered with 400 and every field named. Thrown also inside the engine (a delegate
 * validating a start form or task form), where it rolls back the whole step, so nothing is half-created;
 * its message then is what the Tasklist shows.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> fields;

    public InvalidInputException(String summary, List<FieldError> fields) {
        super(summary + "：" + fields.stream().map(f -> f.field() + " " + f.reason()).collect(Collectors.joining("；")));
        this.fields = List.copyOf(fields);
    }

    public InvalidInputException(String field, String reason) {
        this("输入无效", List.of(new FieldError(field, reason)));
    }

    public List<FieldError> getFields() {
        return fields;
    }
}
