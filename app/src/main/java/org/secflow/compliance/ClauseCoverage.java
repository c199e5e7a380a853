package org.secflow.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.secflow.process.Clauses;
import org.springframework.stereotype.Service;

/**
 * Which sub-clauses the deployed models carry (latest version of every process definition): the
 * flow nodes with their clause property, against the catalogue.
 */
@Service
public class ClauseCoverage {

    private final RepositoryService repositoryService;
    private final ClauseCatalogue catalogue;

    ClauseCoverage(RepositoryService repositoryService, ClauseCatalogue catalogue) {
        this.repositoryService = repositoryService;
        this.catalogue = catalogue;
    }

    /** Clause number → the flow nodes ("processKey/elementId") that carry it. */
    public Map<String, List<String>> carriers() {
        Map<String, List<String>> carriers = new TreeMap<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                String clauses = Clauses.of(node);
                if (clauses == null) {
                    continue;
                }
                for (String clause : clauses.split(",")) {
                    carriers.computeIfAbsent(clause.strip(), c -> new ArrayList<>())
                            .add(definition.getKey() + "/" + node.getId());
                }
            }
        }
        return carriers;
    }

    public Report report() {
        Map<String, List<String>> carriers = carriers();
        List<String> missing = catalogue.all().stream().map(Clause::number).filter(c -> !carriers.containsKey(c)).toList();
        List<String> unknown = carriers.keySet().stream()
                .filter(c -> !catalogue.contains(c) && catalogue.outsideSection7(c, null) == null).toList();
        return new Report(catalogue.all().size(), catalogue.all().size() - missing.size(), missing, unknown, carriers);
    }

    /** Coverage of the catalogue; {@code unknown} lists clause values in models that the standard does not have. */
    public record Report(int total, int covered, List<String> missing, List<String> unknown,
                         Map<String, List<String>> carriers) {
    }
}
