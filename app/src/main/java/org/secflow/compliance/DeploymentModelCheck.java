package org.secflow.compliance;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.secflow.process.Clauses;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Checks every new deployment before the engine deploys it, also the ones administrators make with
 * Camunda Modeler or {@code /engine-rest/deployment/create}: a model that breaks the conventions or
 * leaves a sub-clause of its service item uncarried is refused (400) with every problem listed.
 * Clauses carried by models already deployed under other keys count, so one item may span files.
 */
@Component
public class DeploymentModelCheck extends AbstractProcessEnginePlugin implements Deployer {

    private final ClauseCatalogue catalogue;
    private final ConfigurableListableBeanFactory beans;
    private volatile Set<String> ourBeans;

    DeploymentModelCheck(ClauseCatalogue catalogue, ConfigurableListableBeanFactory beans) {
        this.catalogue = catalogue;
        this.beans = beans;
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
        Map<String, byte[]> resources = new LinkedHashMap<>();
        deployment.getResources().forEach((name, resource) -> resources.put(name, resource.getBytes()));
        List<ModelProblem> problems = check(resources);
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("部署被拒绝，模型不符合要求：\n"
                    + problems.stream().map(ModelProblem::describe).collect(Collectors.joining("\n")));
        }
    }

    /**
     * Every problem of a deployment made of these resources (BPMN files and the forms deployed with
     * them), as the deployment would be refused for them; the studio asks this before deploying.
     */
    public List<ModelProblem> check(Map<String, byte[]> resources) {
        Set<String> formIds = resources.keySet().stream().filter(name -> name.endsWith(".form"))
                .map(name -> name.substring(name.lastIndexOf('/') + 1, name.length() - ".form".length()))
                .collect(Collectors.toSet());
        List<ModelProblem> problems = new ArrayList<>();
        Map<String, List<String>> carried = new TreeMap<>();
        Set<String> items = new HashSet<>();
        Set<String> keys = new HashSet<>();
        resources.forEach((name, bytes) -> {
            if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
                return;
            }
            BpmnModelInstance model;
            try {
                problems.addAll(ModelCode.problems(name, bytes, this::isOurBean, beans::containsBean));
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
            } catch (RuntimeException unreadable) {
                problems.add(new ModelProblem(name, null, null, "不是有效的 BPMN 模型：" + unreadable.getMessage()));
                return;
            }
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
            ModelCheck.missingClauses(items, carried, catalogue).forEach(number -> problems.add(new ModelProblem(
                    null, null, number, "条款 " + number + " 没有流程节点承载（clause 属性）")));
        }
        return problems;
    }

    /** The service-task delegates of this product by bean name (what a model's service task may call). */
    public java.util.SortedSet<String> delegates() {
        java.util.SortedSet<String> delegates = new java.util.TreeSet<>();
        for (String bean : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(bean, false);
            if (isOurBean(bean) && type != null
                    && org.camunda.bpm.engine.delegate.JavaDelegate.class.isAssignableFrom(type)) {
                delegates.add(bean);
            }
        }
        return delegates;
    }

    /** A Spring bean of this product (the only beans a model may call). */
    private boolean isOurBean(String name) {
        Set<String> known = ourBeans;
        if (known == null) {
            known = new HashSet<>();
            for (String bean : beans.getBeanDefinitionNames()) {
                Class<?> type = beans.getType(bean, false);
                // a component of ours, or a bean an @Bean method of ours makes (a delegate written as a lambda)
                String source = beans.getBeanDefinition(bean).getResourceDescription();
                if (type != null && type.getName().startsWith("org.secflow.")
                        || source != null && source.contains("org/secflow/")) {
                    known.add(bean);
                }
            }
            ourBeans = known;
        }
        return known.contains(name);
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
        // inside the deployment command the engine is at hand; the studio asks before the engine is involved
        var repository = Context.getCommandContext() != null
                ? Context.getProcessEngineConfiguration().getRepositoryService()
                : beans.getBean(org.camunda.bpm.engine.RepositoryService.class);
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (!keysBeingDeployed.contains(definition.getKey())) {
                collectClauses(repository.getBpmnModelInstance(definition.getId()), definition.getKey(), carried);
            }
        }
    }
}
