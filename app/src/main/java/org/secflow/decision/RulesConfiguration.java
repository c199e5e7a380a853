package org.secflow.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * The rules' {@link KieContainer}, built and verified once at start-up. A rule file that does not
 * build stops start-up with its name and line ({@link RulesBuildException}).
 * <p>
 * {@code secflow.rules.location} is a Spring resource pattern; administrators who change rules without
 * a rebuild point it at a directory, e.g. {@code file:/etc/secflow/rules/**}{@code /*.drl} or just
 * {@code file:/etc/secflow/rules/} (every *.drl below it).
 */
@Configuration
public class RulesConfiguration {

    public static final String DEFAULT_LOCATION = "classpath*:rules/**/*.drl";

    private static final Logger log = LoggerFactory.getLogger(RulesConfiguration.class);

    @Bean
    public KieContainer kieContainer(@Value("${secflow.rules.location:" + DEFAULT_LOCATION + "}") String location,
                                     ResourceLoader resourceLoader) {
        List<RulesLoader.RuleFile> files = ruleFiles(location, resourceLoader);
        if (files.isEmpty()) {
            throw new RulesBuildException("No rule files found at secflow.rules.location=" + location);
        }
        KieContainer container = RulesLoader.load(files);
        log.info("Loaded {} rule files from {}: {}", files.size(), location,
                files.stream().map(RulesLoader.RuleFile::name).toList());
        return container;
    }

    static List<RulesLoader.RuleFile> ruleFiles(String location, ResourceLoader resourceLoader) {
        String pattern = asPattern(location);
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
            throw new UncheckedIOException("Cannot read rule files at " + location, e);
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
