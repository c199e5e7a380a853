package org.secflow.form;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.secflow.web.FieldError;

/**
 * A submission that its form does not allow. A {@link FormFieldValidationException}, so that Camunda's
 * own REST resources (engine REST and the Tasklist's) answer it with 400 and its message; our mappers
 * add the fields.
 */
public class FormSubmissionRefused extends FormFieldValidationException {

    public static final String SUMMARY = "提交的内容不符合表单要求，未保存";

    private final transient List<FieldError> fields;

    public FormSubmissionRefused(List<FieldError> fields) {
        super(fields, SUMMARY + "：" + fields.stream().map(f -> f.field() + " " + f.reason())
                .collect(Collectors.joining("；")));
        this.fields = List.copyOf(fields);
    }

    public List<FieldError> getFields() {
        return fields;
    }
}
