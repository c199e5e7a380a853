package org.secflow.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieContainer;

class RulesLoaderTest {

    private static final String HEADER = """
            package org.secflow.rules.test;

            import org.secflow.decision.IncidentFacts;
            import org.secflow.decision.IncidentDecision;

            """;

    @TempDir
    Path directory;

    @Test
    void repositoryRulesBuildIntoOnePackagePerDecision() {
        // when
        KieContainer container = IncidentRules.container();

        // then
        assertThat(container.getKieBase().getKiePackages())
                .extracting(KiePackage::getName)
                .contains("org.secflow.rules.incident.grading",
                        "org.secflow.rules.incident.reporting",
                        "org.secflow.rules.incident.sla");
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        // given: the closing parenthesis of line 8 is missing
        write("broken.drl", HEADER + """
                rule "gradeBroken"
                when
                    IncidentFacts(socialImpact == "重大"
                then
                end
                """);

        // when / then
        assertThatThrownBy(() -> RulesLoader.loadDirectory(directory))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining(directory.resolve("broken.drl") + " line 9: ");
    }

    @Test
    void unknownPropertyNamesFileAndLine() throws IOException {
        // given: the executable model reports this one without a line
        write("misspelt.drl", HEADER + """
                rule "gradeMisspelt"
                when
                    IncidentFacts(socialImpakt == "重大")
                then
                end
                """);

        // when / then
        assertThatThrownBy(() -> RulesLoader.loadDirectory(directory))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining(directory.resolve("misspelt.drl") + " line 8: ")
                .hasMessageContaining("socialImpakt");
    }

    @Test
    void javaErrorInAConsequenceNamesTheRuleFileAndLine() throws IOException {
        // given: reported against generated Java by the compiler
        write("consequence.drl", HEADER + """
                rule "gradeWithTypo"
                when
                    $decision : IncidentDecision()
                then
                    modify($decision) { setGradeNam("特别重大") }
                end
                """);

        // when / then
        assertThatThrownBy(() -> RulesLoader.loadDirectory(directory))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining(directory.resolve("consequence.drl") + " line 10: ")
                .hasMessageContaining("setGradeNam")
                .hasMessageNotContaining("src/main/java");
    }

    @Test
    void predicateErrorNamesTheRuleFileAndLine() throws IOException {
        // given: a number compared with text, reported against a generated predicate
        write("predicate.drl", HEADER + """
                rule "gradeFromLeak"
                when
                    IncidentFacts(leakedPersonalInfoRecords >= "一亿")
                then
                end
                """);

        // when / then
        assertThatThrownBy(() -> RulesLoader.loadDirectory(directory))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining(directory.resolve("predicate.drl") + " line 8: ")
                .hasMessageNotContaining("line ?");
    }

    @Test
    void rulesReachDroolsAsAsciiWithTheirLinesInPlace() {
        // Drools encodes generated Java with the platform charset: Chinese must not depend on it.
        assertThat(RulesLoader.asciiOnly("rule \"a\"\nwhen\n  IncidentFacts(socialImpact == \"重大\")\n"))
                .isEqualTo("rule \"a\"\nwhen\n  IncidentFacts(socialImpact == \"\\u91cd\\u5927\")\n");
    }

    @Test
    void everyBrokenFileIsListed() {
        // given: syntax errors in two files (Drools checks types only once every file parses)
        List<RulesLoader.RuleFile> files = List.of(
                new RulesLoader.RuleFile("first.drl", "package a;\nrule \"x\"\nwhen\n  String(length > )\nthen\nend\n"),
                new RulesLoader.RuleFile("fine.drl", "package b;\nrule \"y\"\nwhen\nthen\nend\n"),
                new RulesLoader.RuleFile("second.drl", "package c;\n\nrule \"z\"\nwhen\n  String(length < )\nthen\nend\n"));

        // when / then
        assertThatThrownBy(() -> RulesLoader.load(files))
                .isInstanceOf(RulesBuildException.class)
                .satisfies(e -> assertThat(((RulesBuildException) e).getErrors())
                        .anySatisfy(error -> assertThat(error).startsWith("first.drl line 4: "))
                        .anySatisfy(error -> assertThat(error).startsWith("second.drl line 5: "))
                        .noneSatisfy(error -> assertThat(error).startsWith("fine.drl")));
    }

    @Test
    void filesInSubdirectoriesAreLoaded() throws IOException {
        // given
        write("nested/deeper/extra.drl", HEADER + """
                rule "gradeFromNestedFile"
                when
                    IncidentFacts()
                then
                end
                """);
        write("nested/readme.txt", "not a rule file");

        // when
        KieContainer container = RulesLoader.loadDirectory(directory);

        // then
        assertThat(container.getKieBase().getRule("org.secflow.rules.test", "gradeFromNestedFile")).isNotNull();
    }

    @Test
    void directoryWithoutRuleFilesFails() {
        assertThatThrownBy(() -> RulesLoader.loadDirectory(directory))
                .isInstanceOf(RulesBuildException.class)
                .hasMessageContaining("No *.drl files");
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = directory.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
