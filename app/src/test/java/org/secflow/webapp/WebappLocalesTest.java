package org.secflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Chinese translation of the Camunda webapps against the English of the webjar on the class path:
 * every English key has a Chinese text with the same placeholders, and no key is left over from an
 * older webjar. After an upgrade of Camunda this test names the keys to translate.
 */
class WebappLocalesTest {

    private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");
    /** Upstream advertising that our Chinese deliberately leaves empty (the CSS hides its banner too). */
    private static final Set<String> EMPTY_ON_PURPOSE = Set.of("BANNER_CE_EOL_TEXT");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyEnglishKeyHasAChineseText(String app) throws IOException {
        JsonNode english = read(app, "en");
        JsonNode chinese = read(app, "zh");
        Map<String, String> en = labels(english);
        Map<String, String> zh = labels(chinese);

        assertThat(new TreeSet<>(en.keySet())).as("keys of %s/locales/en.json missing in zh.json", app)
                .isSubsetOf(zh.keySet());
        assertThat(new TreeSet<>(zh.keySet())).as("keys of %s/locales/zh.json that en.json no longer has", app)
                .isSubsetOf(en.keySet());

        List<String> problems = new ArrayList<>();
        en.forEach((key, text) -> {
            String translated = zh.get(key);
            // English plural endings ("instance" + "s") have no Chinese counterpart
            boolean pluralEnding = text.trim().equals("s");
            if (translated.isBlank() && !EMPTY_ON_PURPOSE.contains(key) && !text.isBlank() && !pluralEnding) {
                problems.add(key + ": empty");
            } else if (!EMPTY_ON_PURPOSE.contains(key) && !placeholders(text).equals(placeholders(translated))) {
                problems.add(key + ": placeholders " + placeholders(text) + " ≠ " + placeholders(translated));
            }
        });
        assertThat(problems).as("%s/locales/zh.json", app).isEmpty();
        assertThat(zh.get("BANNER_CE_EOL_TEXT")).as("the Camunda 8 advertisement").isEmpty();

        if (english.has("dateLocales")) {
            JsonNode dates = chinese.get("dateLocales");
            assertThat(dates.at("/week/dow").asInt()).as("weeks start on Monday").isEqualTo(1);
            assertThat(dates.at("/longDateFormat/LL").asText()).isEqualTo("YYYY年M月D日");
            assertThat(dates.at("/weekdays/1").asText()).isEqualTo("星期一");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void ourConfigurationReplacesTheWebjars(String app) throws IOException {
        String config = resource("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js");
        assertThat(config).contains("secflowConfig('" + app + "')");
        String styles = resource("META-INF/resources/webjars/camunda/app/" + app + "/styles/user-styles.css");
        assertThat(styles).contains("assets/secflow/secflow.css");
    }

    private static JsonNode read(String app, String language) throws IOException {
        return JSON.readTree(resource(String.format(LOCALES, app, language)));
    }

    /** The first copy on the class path: the one the webapp serves (ours before the webjar's). */
    private static String resource(String path) throws IOException {
        URL url = WebappLocalesTest.class.getClassLoader().getResource(path);
        assertThat(url).as(path).isNotNull();
        try (InputStream in = url.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }

    private static Map<String, String> labels(JsonNode locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = locale.get("labels").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return labels;
    }

    private static List<String> placeholders(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        Collections.sort(names);
        return names;
    }
}
