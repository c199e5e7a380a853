package org.secflow.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The evidence of a service record line (the JSON the record keeps) as label and value, the way an
 * auditor reads it: a task's form fields with their Chinese labels, an automatic step's values.
 */
@Component
public class Evidence {

    /** Labels of the values automatic steps record (a task's evidence carries its form's labels). */
    private static final Map<String, String> STEP_LABELS = Map.of(
            "authorizationReference", "授权文件编号",
            "authorizedBy", "授权人");

    private final ObjectMapper json;

    Evidence(ObjectMapper json) {
        this.json = json;
    }

    /** One value entered or recorded: {@code value} as text (是/否, lists joined by 、, — when empty). */
    public record Field(String key, String label, String value) {
    }

    public List<Field> fields(String evidence) {
        if (evidence == null || evidence.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(evidence);
        } catch (IOException e) {
            return List.of(new Field(null, "记录", evidence));
        }
        List<Field> fields = new ArrayList<>();
        if (root.isArray()) {
            for (JsonNode field : root) {
                String key = field.path("key").asText(null);
                fields.add(new Field(key, field.path("label").asText(key), text(field.get("value"))));
            }
        } else if (root.isObject()) {
            root.fields().forEachRemaining(entry -> fields.add(
                    new Field(entry.getKey(), STEP_LABELS.getOrDefault(entry.getKey(), entry.getKey()), text(entry.getValue()))));
        }
        return fields;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return "—";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "是" : "否";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return String.join("、", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
