package org.secflow.servicedesk;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.secflow.process.EngineTime;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;

/**
 * Collects every bad field of a request with its reason in Chinese (the field's Chinese name first),
 * then throws once: the platform's resources validate with it before they write anything.
 */
public final class Fields {

    public static final int MAX_TEXT = 4000;

    private final List<FieldError> errors = new ArrayList<>();
    private final String prefix;

    public Fields() {
        this("");
    }

    /** For one element of a batch: field names start with e.g. {@code [2].}. */
    public Fields(String prefix) {
        this.prefix = prefix;
    }

    public String text(String field, String label, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                reject(field, label + "：必填");
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            reject(field, label + "：不得超过 " + maxLength + " 个字符");
        }
        return stripped;
    }

    public String oneOf(String field, String label, String value, List<String> allowed, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                reject(field, label + "：必填，须为以下之一：" + String.join("、", allowed));
            }
            return null;
        }
        if (!allowed.contains(value.strip())) {
            reject(field, label + "：取值「" + value + "」无效，须为以下之一：" + String.join("、", allowed));
        }
        return value.strip();
    }

    public String pattern(String field, String label, String value, Pattern pattern, String example) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value.strip()).matches()) {
            reject(field, label + "：格式不正确，应如 " + example);
        }
        return value.strip();
    }

    /** A date-time as ISO-8601 text, with or without offset. */
    public LocalDateTime time(String field, String label, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                reject(field, label + "：必填");
            }
            return null;
        }
        LocalDateTime time = EngineTime.parse(value);
        if (time == null) {
            reject(field, label + "：格式不正确，应如 2026-11-30T10:00:00+08:00");
        }
        return time;
    }

    /** Records why the field is bad; the first reason per field is the one reported. */
    public void reject(String field, String reason) {
        String name = prefix + field;
        if (errors.stream().noneMatch(error -> error.field().equals(name))) {
            errors.add(new FieldError(name, reason));
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void throwIfAny(String summary) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary, errors);
        }
    }
}
