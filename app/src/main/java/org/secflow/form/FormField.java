package org.secflow.form;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input field of a deployed Camunda Form, with the constraints form-js checks in the browser,
 * checked here once more on the server. Reasons are the Chinese words the Tasklist shows.
 */
record FormField(String key, String label, String type, String subtype, boolean required, boolean readonly,
                 Integer minLength, Integer maxLength, Double min, Double max, Pattern pattern,
                 List<String> options, String hideExpression) {

    /** The component types whose value is kept under their key (form-js "keyed" components). */
    private static final List<String> INPUT_TYPES = List.of("textfield", "textarea", "number", "checkbox", "datetime",
            "select", "radio", "checklist", "taglist");

    static Optional<FormField> of(JsonNode component) {
        String type = component.path("type").asText();
        String key = component.path("key").asText(null);
        if (key == null || !INPUT_TYPES.contains(type)) {
            return Optional.empty();
        }
        JsonNode validate = component.path("validate");
        JsonNode values = component.path("values");
        List<String> options = values.isArray() && !values.isEmpty()
                ? java.util.stream.StreamSupport.stream(values.spliterator(), false)
                        .map(option -> option.path("value").asText()).toList()
                : null;
        String hide = component.path("conditional").path("hide").asText(null);
        return Optional.of(new FormField(key, component.path("label").asText(key), type,
                component.path("subtype").asText("datetime"), validate.path("required").asBoolean(false),
                component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false),
                intOrNull(validate.path("minLength")), intOrNull(validate.path("maxLength")),
                numberOrNull(validate.path("min")), numberOrNull(validate.path("max")),
                validate.hasNonNull("pattern") ? Pattern.compile(validate.get("pattern").asText()) : null,
                options, hide == null || hide.isBlank() ? null : hide.replaceFirst("^\\s*=", "")));
    }

    /** Why this value does not fit the field, or empty when it does. Form-js' rules: an empty value is only checked for "required". */
    Optional<String> problemWith(Object value) {
        if (isEmpty(value)) {
            return required ? Optional.of("必填") : Optional.empty();
        }
        return switch (type) {
            case "textfield", "textarea" -> value instanceof String text ? textProblem(text) : Optional.of("应为文本");
            case "number" -> numberProblem(value);
            case "checkbox" -> value instanceof Boolean checked
                    ? (required && !checked ? Optional.of("必须勾选") : Optional.empty())
                    : Optional.of("应为是或否（true/false）");
            case "datetime" -> isDateTime(value) ? Optional.empty() : Optional.of(dateTimeFormat());
            case "select", "radio" -> value instanceof String choice ? optionProblem(List.of(choice)) : Optional.of("应为选项之一");
            case "checklist", "taglist" -> value instanceof Collection<?> chosen ? optionProblem(chosen) : Optional.of("应为选项列表");
            default -> Optional.empty();
        };
    }

    /** Whether a submitted value of a read-only field is the value the process already holds (the Tasklist sends it back). */
    boolean unchanged(Object submitted, Object current) {
        if (isEmpty(submitted) && isEmpty(current)) {
            return true;
        }
        if (submitted == null || current == null) {
            return false;
        }
        if (submitted instanceof Number a && current instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        if (current instanceof Date date && submitted instanceof String text) {
            Date parsed = parseInstant(text);
            return parsed != null && parsed.getTime() / 1000 == date.getTime() / 1000;
        }
        return Objects.equals(submitted, current) || Objects.equals(String.valueOf(submitted), String.valueOf(current));
    }

    static boolean isEmpty(Object value) {
        return value == null || (value instanceof String text && text.isBlank())
                || (value instanceof Collection<?> list && list.isEmpty());
    }

    private Optional<String> textProblem(String text) {
        int length = text.codePointCount(0, text.length());
        if (minLength != null && length < minLength) {
            return Optional.of("至少 " + minLength + " 个字符");
        }
        if (maxLength != null && length > maxLength) {
            return Optional.of("不得超过 " + maxLength + " 个字符");
        }
        if (pattern != null && !pattern.matcher(text).find()) {
            return Optional.of("格式不符合要求（" + pattern.pattern() + "）");
        }
        return Optional.empty();
    }

    private Optional<String> numberProblem(Object value) {
        if (!(value instanceof Number number)) {
            return Optional.of("应为数字");
        }
        double n = number.doubleValue();
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            return Optional.of("应为数字");
        }
        if (min != null && n < min) {
            return Optional.of("不得小于 " + format(min));
        }
        if (max != null && n > max) {
            return Optional.of("不得大于 " + format(max));
        }
        return Optional.empty();
    }

    private Optional<String> optionProblem(Collection<?> chosen) {
        if (options == null) {
            return Optional.empty();
        }
        for (Object choice : chosen) {
            if (!(choice instanceof String text) || !options.contains(text)) {
                return Optional.of("不是可选的值，可选：" + String.join("、", options));
            }
        }
        return Optional.empty();
    }

    private boolean isDateTime(Object value) {
        if (value instanceof Date) {
            return true;
        }
        if (!(value instanceof String text)) {
            return false;
        }
        try {
            switch (subtype) {
                case "date" -> LocalDate.parse(text);
                case "time" -> {
                    if (!parses(() -> LocalTime.parse(text))) {
                        OffsetTime.parse(text);
                    }
                }
                default -> {
                    if (parseInstant(text) == null) {
                        LocalDateTime.parse(text);
                    }
                }
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String dateTimeFormat() {
        return switch (subtype) {
            case "date" -> "应为日期，格式 yyyy-MM-dd";
            case "time" -> "应为时间，格式 HH:mm";
            default -> "应为日期时间，格式 yyyy-MM-ddTHH:mm（可带时区，如 +08:00）";
        };
    }

    private static Date parseInstant(String text) {
        try {
            return Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String format(double n) {
        return n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n);
    }

    private static Integer intOrNull(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private static Double numberOrNull(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
