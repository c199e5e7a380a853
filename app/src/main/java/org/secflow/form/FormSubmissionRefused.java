package org.secflow.form;

import java.util.List;
import org.secflow.web.FieldError;
import org.secflow.web.FieldsRefused;

/** A submission that its form does not allow (see {@link SubmissionGuard}), with every field and reason. */
public class FormSubmissionRefused extends FieldsRefused {

    public static final String SUMMARY = "提交的内容不符合表单要求，未保存";

    public FormSubmissionRefused(List<FieldError> fields) {
        super("FormValidationException", SUMMARY, fields);
    }
}
