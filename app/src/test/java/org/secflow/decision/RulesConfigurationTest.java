package org.secflow.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieContainer;
import org.springframework.core.io.DefaultResourceLoader;

/** The start-up bean, called directly: no Spring context needed to see which files it loads. */
class RulesConfigurationTest {

    private final RulesConfiguration configuration = new RulesConfiguration();
    private final DefaultResourceLoader resourceLoader = new DefaultResourceLoader();

    @TempDir
    Path directory;

    @Test
    void defaultLocationFindsTheRuleFilesPackedOnTheClasspath() {
        // when
        var files = RulesConfiguration.ruleFiles(RulesConfiguration.DEFAULT_LOCATION, resourceLoader);

        // then
        assertThat(files).extracting(RulesLoader.RuleFile::name)
                .anySatisfy(name -> assertThat(name).endsWith("incident-grading.drl"))
                .anySatisfy(name -> assertThat(name).endsWith("incident-reporting.drl"))
                .anySatisfy(name -> assertThat(name).endsWith("incident-sla.drl"));
    }

    @Test
    void fileLocationLoadsChangedRulesWithoutARebuild() throws IOException {
        // given: an administrator's copy of the rules outside the jar
        copyRepositoryRules();

        // when
        KieContainer container = configuration.kieContainer("file:" + directory + "/", resourceLoader);
        IncidentDecision decision = new DecisionService(container)
                .decideIncident(new IncidentFacts("特别重要", "严重", "一般", "党政机关"));

        // then
        assertThat(decision.getGrade()).isEqualTo("II");
        assertThat(decision.getFirstReportWithin()).hasHours(2);
    }

    @Test
    void brokenFileAtTheLocationStopsStartUp() throws IOException {
        // given
        copyRepositoryRules();
        Files.writeString(directory.resolve("incident-sla.drl"), """
                package org.secflow.rules.incident.sla;

                import org.secflow.decision.IncidentDecision;

                rule "sla_gradeI"
                when
                    IncidentDecision(grade == )
                then
                end
                """);

        // when / then
        assertThatThrownBy(() -> configuration.kieContainer("file:" + directory + "/**/*.drl", resourceLoader))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining(directory.resolve("incident-sla.drl") + " line 7: ");
    }

    @Test
    void locationWithoutRuleFilesStopsStartUp() {
        assertThatThrownBy(() -> configuration.kieContainer("file:" + directory + "/", resourceLoader))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining("No rule files found");
    }

    private void copyRepositoryRules() throws IOException {
        try (var files = Files.list(IncidentRules.DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        }
    }
}
