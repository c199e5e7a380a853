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

/** The files that seed version 1 of the rule set, read directly: no Spring context needed to see which files it loads. */
class RulesConfigurationTest {

    private final DefaultResourceLoader resourceLoader = new DefaultResourceLoader();

    @TempDir
    Path directory;

    @Test
    void defaultLocationFindsTheRuleFilesAndTablesPackedOnTheClasspath() {
        // when
        RuleSetDefinition seed = new RulesConfiguration(RulesConfiguration.DEFAULT_LOCATION, resourceLoader).seed();

        // then
        assertThat(seed.drlFiles()).extracting(RulesLoader.RuleFile::name)
                .anySatisfy(name -> assertThat(name).endsWith("incident-grading.drl"))
                .anySatisfy(name -> assertThat(name).endsWith("vulnerability-grading.drl"));
        assertThat(seed.tables()).isNotNull();
        assertThat(seed.executableFiles()).extracting(RulesLoader.RuleFile::name)
                .contains(DrlTemplates.SLA_FILE, DrlTemplates.REPORTING_FILE);
    }

    @Test
    void fileLocationSeedsChangedRulesWithoutARebuild() throws IOException {
        // given: an administrator's copy of the rules outside the jar, with a changed table
        copyRepositoryRules();
        Path tables = directory.resolve(RulesConfiguration.TABLES_FILE);
        Files.writeString(tables, Files.readString(tables).replace("\"PT2H\", \"其他网络运营者\"", "\"PT3H\", \"其他网络运营者\""));

        // when
        KieContainer container = RulesLoader.load(
                new RulesConfiguration("file:" + directory + "/", resourceLoader).seed().executableFiles());
        IncidentDecision decision = new DecisionService(RuleSets.of(1, container))
                .decideIncident(new IncidentFacts("特别重要", "严重", "一般", "党政机关"));

        // then
        assertThat(decision.getGrade()).isEqualTo("II");
        assertThat(decision.getFirstReportWithin()).hasHours(3);
    }

    @Test
    void brokenFileAtTheLocationStopsStartUp() throws IOException {
        // given
        copyRepositoryRules();
        Files.writeString(directory.resolve("incident-grading.drl"), """
                package org.secflow.rules.incident.grading;

                import org.secflow.decision.IncidentDecision;

                rule "gradeBroken"
                when
                    IncidentDecision(grade == )
                then
                end
                """);

        // when / then
        assertThatThrownBy(() -> RulesLoader.load(
                new RulesConfiguration("file:" + directory + "/**/*.drl", resourceLoader).seed().executableFiles()))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining(directory.resolve("incident-grading.drl") + " line 7: ");
    }

    @Test
    void badCellInTheSeedTablesStopsStartUpNamingTheCell() throws IOException {
        // given
        copyRepositoryRules();
        Path tables = directory.resolve(RulesConfiguration.TABLES_FILE);
        Files.writeString(tables, Files.readString(tables).replace("\"PT30M\"", "\"PT-5M\""));

        // when / then
        assertThatThrownBy(() -> new RulesConfiguration("file:" + directory + "/", resourceLoader).seed())
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining("sla[1].respondWithin")
                .hasMessageContaining("PT-5M");
    }

    @Test
    void locationWithoutRuleFilesStopsStartUp() {
        assertThatThrownBy(() -> new RulesConfiguration("file:" + directory + "/", resourceLoader).seed())
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining("No rule files found");
    }

    private void copyRepositoryRules() throws IOException {
        try (var files = Files.list(IncidentRules.DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl") || f.toString().endsWith(".json")).toList()) {
                Files.copy(file, directory.resolve(file.getFileName()));
            }
        }
    }
}
