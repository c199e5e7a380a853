package org.secflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a Camunda Form as a careful person would, from the form alone: every editable field with a
 * value its constraints allow (a field with a pattern takes the example its description or default
 * gives). Used to build one valid submission per form, from which tests break one constraint at a time.
 */
public final class FormFiller {

    private static final Pattern EXAMPLE = Pattern.compile("[^\\s，。：、（）()；;,]+");

    private FormFiller() {
    }

    /** The input fields of a form (components with a key, in order, nested ones included). */
    public static List<JsonNode> inputs(JsonNode form) {
        List<JsonNode> inputs = new ArrayList<>();
        collect(form.path("components"), inputs);
        return inputs;
    }

    private static void collect(JsonNode components, List<JsonNode> inputs) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key") && !"text".equals(component.path("type").asText())) {
                inputs.add(component);
            }
            collect(component.path("components"), inputs);
        }
    }

    public static boolean editable(JsonNode field) {
        return !field.path("readonly").asBoolean(false) && !field.path("disabled").asBoolean(false);
    }

    /** A valid value for every editable field of the form. */
    public static Map<String, Object> validSubmission(JsonNode form) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonNode field : inputs(form)) {
            if (editable(field)) {
                values.put(field.get("key").asText(), validValue(field));
            }
        }
        return values;
    }

    public static Object validValue(JsonNode field) {
        JsonNode validate = field.path("validate");
        return switch (field.path("type").asText()) {
            case "number" -> validate.has("min") ? validate.get("min").asInt() : validate.has("max") ? validate.get("max").asInt() : 1;
            case "checkbox" -> true;
            case "select", "radio" -> field.path("values").get(0).path("value").asText();
            case "checklist", "taglist" -> List.of(field.path("values").get(0).path("value").asText());
            case "datetime" -> switch (field.path("subtype").asText("datetime")) {
                case "date" -> "2026-12-01";
                case "time" -> "09:30";
                default -> "2026-12-01T09:30+08:00";
            };
            default -> text(field);
        };
    }

    private static String text(JsonNode field) {
        JsonNode validate = field.path("validate");
        if (validate.hasNonNull("pattern")) {
            Pattern pattern = Pattern.compile(validate.get("pattern").asText());
            String hints = field.path("defaultValue").asText("") + " " + field.path("description").asText("");
            Matcher candidates = EXAMPLE.matcher(hints);
            while (candidates.find()) {
                String candidate = candidates.group().replaceFirst("^(例如|格式|如)", "");
                if (pattern.matcher(candidate).find()) {
                    return candidate;
                }
            }
            throw new AssertionError("field " + field.path("key").asText() + " has a pattern but no example in its "
                    + "description or default value: a person would not know what to type");
        }
        String text = "已按要求填写" + field.path("label").asText("");
        int min = validate.path("minLength").asInt(0);
        while (text.length() < min) {
            text += "。";
        }
        int max = validate.path("maxLength").asInt(Integer.MAX_VALUE);
        return text.length() > max ? text.substring(0, max) : text;
    }
}
