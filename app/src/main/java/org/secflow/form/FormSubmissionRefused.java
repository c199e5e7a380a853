package org.secflow.form;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.secflow.web.FieldError;

/**
 * A submission that its form does not allow: the person's bad request, answered with 400 and the fields by our
 * mappers (the engine REST's, also when Camunda wraps it, and our API's). A {@link BadUserRequestException}, so that
 * the engine, in whose command it is thrown, logs it as a refused request and not as its own failure.
 */
public class FormSubmissionRefused extends BadUserRequestException {

    public static final String SUMMARY = "提交的内容不符合表单要求，未保存";

    private final transient List<FieldError> fields;

    public FormSubmissionRefused(List<FieldError> fields) {
        super(SUMMARY + "：" + fields.stream().map(f -> f.field() + " " + f.reason())
                .collect(Collectors.joining("；")));
        this.fields = List.copyOf(fields);
    }

    public List<FieldError> getFields() {
        return fields;
    }
}
