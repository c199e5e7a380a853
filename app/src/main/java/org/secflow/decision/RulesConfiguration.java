package org.secflow.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

/**
 * Where version 1 of the rule set comes from: the rule files ({@code *.drl}) and the decision tables
 * ({@code decision-tables.json}) at {@code secflow.rules.location}. They are read only while the database
 * holds no rule set; from then on the database's active version is what runs (see
 * org.secflow.ruleset.RuleSetService), and administrators change it in 规则管理.
 * <p>
 * {@code secflow.rules.location} is a Spring resource pattern, e.g. {@code file:/etc/secflow/rules/**}{@code /*.drl}
 * or just {@code file:/etc/secflow/rules/} (every *.drl below it).
 */
@Component
public class RulesConfiguration {

    public static final String DEFAULT_LOCATION = "classpath*:rules/**/*.drl";
    /** The decision tables' file beside the rule files. */
    public static final String TABLES_FILE = "decision-tables.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String location;
    private final ResourceLoader resourceLoader;

    public RulesConfiguration(@Value("${secflow.rules.location:" + DEFAULT_LOCATION + "}") String location,
                              ResourceLoader resourceLoader) {
        this.location = location;
        this.resourceLoader = resourceLoader;
    }

    public String location() {
        return location;
    }

    /**
     * The rule set of the files at the location; file names are their paths, so that a broken file is
     * named where it lies.
     *
     * @throws RulesBuildException when there are no rule files, or the tables are not valid
     */
    public RuleSetDefinition seed() {
        List<RulesLoader.RuleFile> files = ruleFiles(location, resourceLoader);
        if (files.isEmpty()) {
            throw new RulesBuildException("No rule files found at secflow.rules.location=" + location);
        }
        List<RulesLoader.RuleFile> tables = files(tablesPattern(asPattern(location)), resourceLoader);
        DecisionTables decisionTables = tables.isEmpty() ? null : readTables(tables.get(0).content());
        return new RuleSetDefinition(decisionTables, files);
    }

    static List<RulesLoader.RuleFile> ruleFiles(String location, ResourceLoader resourceLoader) {
        return files(asPattern(location), resourceLoader);
    }

    /** Reads and validates decision tables written as JSON. */
    public static DecisionTables readTables(String json) {
        try {
            DecisionTables tables = JSON.readValue(json, DecisionTables.class);
            try {
                return tables.validate();
            } catch (org.secflow.web.InvalidInputException e) {
                throw new RulesBuildException(TABLES_FILE + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw new RulesBuildException(TABLES_FILE + " is not valid JSON: " + e.getMessage());
        }
    }

    private static List<RulesLoader.RuleFile> files(String pattern, ResourceLoader resourceLoader) {
        try {
            Resource[] resources = ResourcePatternUtils.getResourcePatternResolver(resourceLoader).getResources(pattern);
            List<RulesLoader.RuleFile> files = new ArrayList<>();
            // Sorted so that the build, and its error list, is the same on every start.
            for (Resource resource : Arrays.stream(resources).sorted(Comparator.comparing(RulesConfiguration::nameOf)).toList()) {
                if (resource.isReadable()) {
                    files.add(new RulesLoader.RuleFile(nameOf(resource), resource.getContentAsString(StandardCharsets.UTF_8)));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rule files at " + pattern, e);
        }
    }

    // A plain directory means every rule file below it.
    private static String asPattern(String location) {
        String trimmed = location.strip();
        if (trimmed.endsWith(".drl") || trimmed.contains("*")) {
            return trimmed;
        }
        return trimmed.endsWith("/") ? trimmed + "**/*.drl" : trimmed + "/**/*.drl";
    }

    // The tables lie where the rule files do: classpath*:rules/**/*.drl → classpath*:rules/**/decision-tables.json
    private static String tablesPattern(String drlPattern) {
        int slash = drlPattern.lastIndexOf('/');
        return slash < 0 ? TABLES_FILE : drlPattern.substring(0, slash + 1) + TABLES_FILE;
    }

    // The full path for files, so that an administrator knows which copy failed; the entry for jars.
    private static String nameOf(Resource resource) {
        try {
            if (resource.isFile()) {
                return resource.getFile().getPath();
            }
            String url = resource.getURL().toString();
            int entry = url.lastIndexOf("!/");
            return entry >= 0 ? url.substring(entry + 2) : url;
        } catch (IOException e) {
            return String.valueOf(resource.getFilename());
        }
    }
}
