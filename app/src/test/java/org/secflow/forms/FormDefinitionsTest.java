package org.secflow.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Static checks of the Camunda Forms (form-js JSON, schemaVersion 16) in {@code forms/} at the
 * repository root, as rendered by the Camunda 7.24 Tasklist.
 *
 * <p>Maven runs the tests with the app module ({@code app/}) as working directory, so the forms are
 * at {@code ../forms}.
 */
class FormDefinitionsTest {

    private static final Path FORMS_DIR = Paths.get("..", "forms");
    private static final String SUFFIX = ".form";
    private static final int SCHEMA_VERSION = 16;
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    /** Components whose options come from a "values" list. */
    private static final Set<String> OPTION_TYPES = Set.of("select", "radio", "checklist", "taglist");

    /** The forms the process models reference (contract forms.md). */
    private static final Set<String> EXPECTED_FORMS = Set.of(
            "incident-report", "incident-analysis", "incident-first-report", "incident-dispatch",
            "incident-onsite", "incident-remote", "incident-progress", "incident-evaluation",
            "incident-report-draft", "incident-report-review", "incident-improvement", "sla-escalation",
            "plan-asset-info", "plan-draft", "plan-review", "plan-training");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> forms() throws IOException {
        return formFiles().stream()
                .map(p -> Arguments.of(Named.of(p.getFileName().toString(), p)));
    }

    private static List<Path> formFiles() throws IOException {
        assertTrue(Files.isDirectory(FORMS_DIR),
                "forms directory not found: " + FORMS_DIR.toAbsolutePath().normalize());
        try (Stream<Path> files = Files.list(FORMS_DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void everyContractFormIsPresent() throws IOException {
        Set<String> present = formFiles().stream()
                .map(FormDefinitionsTest::formIdOf)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(EXPECTED_FORMS);
        missing.removeAll(present);
        assertTrue(missing.isEmpty(), "forms missing from " + FORMS_DIR + ": " + missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void formIsWellFormed(Path file) throws IOException {
        String name = file.getFileName().toString();
        JsonNode form;
        try {
            form = MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            fail(name + ": not valid JSON: " + e.getMessage());
            return;
        }
        assertTrue(form != null && form.isObject(), name + ": top level is not a JSON object");

        assertEquals(formIdOf(file), form.path("id").asText(null), name + ": id must equal the file name");
        assertTrue(form.path("schemaVersion").isInt(), name + ": schemaVersion missing or not an integer");
        assertEquals(SCHEMA_VERSION, form.path("schemaVersion").asInt(), name + ": schemaVersion");
        assertEquals("default", form.path("type").asText(null), name + ": form type");
        assertTrue(form.path("components").isArray() && !form.path("components").isEmpty(),
                name + ": components must be a non-empty array");

        List<JsonNode> components = new ArrayList<>();
        collect(form.path("components"), components);

        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode c : components) {
            String type = c.path("type").asText("");
            String id = c.path("id").asText("");
            String where = "component " + (id.isEmpty() ? "<no id>" : id) + " (" + type + ")";

            if (type.isEmpty()) {
                problems.add(where + ": no type");
            }
            if (id.isEmpty()) {
                problems.add(where + ": no id");
            } else if (!ids.add(id)) {
                problems.add(where + ": duplicate id " + id);
            }

            if (c.has("key")) {
                String key = c.path("key").asText("");
                if (key.isBlank()) {
                    problems.add(where + ": empty key");
                } else if (!keys.add(key)) {
                    // the viewer refuses two fields bound to the same variable
                    problems.add(where + ": duplicate key " + key);
                }
                String label = c.path("label").asText("");
                if (label.isBlank()) {
                    problems.add(where + ": input without a label");
                } else if (!CJK.matcher(label).find()) {
                    problems.add(where + ": label has no Chinese character: " + label);
                }
            }

            if (OPTION_TYPES.contains(type)) {
                JsonNode values = c.path("values");
                if (!values.isArray() || values.isEmpty()) {
                    problems.add(where + ": no values");
                } else {
                    for (JsonNode v : values) {
                        if (v.path("label").asText("").isBlank() || !v.has("value") || v.get("value").isNull()) {
                            problems.add(where + ": option without label or value: " + v);
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), name + ":\n  " + String.join("\n  ", problems));
    }

    /** All components, including those nested in groups and dynamic lists. */
    private static void collect(JsonNode components, List<JsonNode> into) {
        for (JsonNode c : components) {
            into.add(c);
            if (c.path("components").isArray()) {
                collect(c.path("components"), into);
            }
        }
    }

    private static String formIdOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
