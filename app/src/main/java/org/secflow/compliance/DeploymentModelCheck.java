package org.secflow.compliance;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.secflow.process.Clauses;
import org.springframework.stereotype.Component;

/**
 * Checks every new deployment before the engine deploys it, also the ones administrators make with
 * Camunda Modeler or {@code /engine-rest/deployment/create}: a model that breaks the conventions or
 * leaves a sub-clause of its service item uncarried is refused (400) with every problem listed.
 * Clauses carried by models already deployed under other keys count, so one item may span files.
 */
@Component
class DeploymentModelCheck extends AbstractProcessEnginePlugin implements Deployer {

    private final ClauseCatalogue catalogue;

    DeploymentModelCheck(ClauseCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreDeployers() == null) {
            configuration.setCustomPreDeployers(new ArrayList<>());
        }
        configuration.getCustomPreDeployers().add(this);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        Map<String, ResourceEntity> resources = deployment.getResources();
        Set<String> formIds = resources.keySet().stream().filter(name -> name.endsWith(".form"))
                .map(name -> name.substring(name.lastIndexOf('/') + 1, name.length() - ".form".length()))
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> carried = new TreeMap<>();
        Set<String> items = new HashSet<>();
        Set<String> keys = new HashSet<>();
        resources.forEach((name, resource) -> {
            if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
                return;
            }
            BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            problems.addAll(ModelCheck.problems(name, model, formIds, catalogue));
            for (Process process : model.getModelElementsByType(Process.class)) {
                keys.add(process.getId());
                String item = ModelCheck.itemOf(process);
                if (item != null) {
                    items.add(item);
                }
            }
            collectClauses(model, name, carried);
        });
        if (!items.isEmpty()) {
            deployedElsewhere(keys, carried);
            ModelCheck.missingClauses(items, carried, catalogue).forEach(number ->
                    problems.add("条款 " + number + " 没有流程节点承载（clause 属性）"));
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("部署被拒绝，模型不符合要求：\n" + String.join("\n", problems));
        }
    }

    private static void collectClauses(BpmnModelInstance model, String where, Map<String, List<String>> carried) {
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String clauses = Clauses.of(node);
            if (clauses != null) {
                for (String clause : clauses.split(",")) {
                    carried.computeIfAbsent(clause.strip(), c -> new ArrayList<>()).add(where + " " + node.getId());
                }
            }
        }
    }

    /** Clauses carried by the latest deployed definitions of the other process keys. */
    private void deployedElsewhere(Set<String> keysBeingDeployed, Map<String, List<String>> carried) {
        var repository = Context.getProcessEngineConfiguration().getRepositoryService();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (!keysBeingDeployed.contains(definition.getKey())) {
                collectClauses(repository.getBpmnModelInstance(definition.getId()), definition.getKey(), carried);
            }
        }
    }
}
