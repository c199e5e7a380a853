package org.secflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.junit.jupiter.api.Test;
import org.secflow.process.Clauses;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every model and form deployed together (the application's own deployment), checked against the
 * clause catalogue: a model edit that drops a clause of its item, or names one the standard does
 * not have, fails the build.
 */
@IntegrationTest
class ClauseCoverageTest {

    @Autowired ClauseCatalogue catalogue;
    @Autowired ClauseCoverage coverage;
    @Autowired RepositoryService repositoryService;

    @Test
    void catalogueHoldsTheStandardsHundredAndThirtyOneSubClausesOfTwentyTwoItems() {
        assertThat(catalogue.all()).hasSize(131);
        assertThat(catalogue.all().stream().map(Clause::item).distinct()).hasSize(22);
        assertThat(catalogue.ofItem("7.5.1")).extracting(Clause::number).hasSize(11).startsWith("7.5.1.1");
    }

    @Test
    void allHundredAndThirtyOneSubClausesAreCarriedByDeployedModels() {
        ClauseCoverage.Report report = coverage.report();
        assertThat(report.missing()).as("sub-clauses no flow node carries").isEmpty();
        assertThat(report.covered()).isEqualTo(131);
    }

    @Test
    void modelsNameOnlyClausesOfTheStandard() {
        assertThat(coverage.report().unknown()).isEmpty();
    }

    @Test
    void everyModelledItemCarriesAllItsSubClauses() {
        Map<String, List<String>> carriers = coverage.carriers();
        Set<String> modelledItems = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(this::itemOf).filter(item -> item != null).collect(Collectors.toSet());
        assertThat(modelledItems).hasSizeGreaterThanOrEqualTo(22);
        for (String item : modelledItems) {
            assertThat(catalogue.ofItem(item)).as("sub-clauses of %s carried by a flow node", item)
                    .allSatisfy(clause -> assertThat(carriers).containsKey(clause.number()));
        }
    }

    private String itemOf(ProcessDefinition definition) {
        return Clauses.of((BaseElement) repositoryService.getBpmnModelInstance(definition.getId())
                .getModelElementById(definition.getKey()));
    }
}
