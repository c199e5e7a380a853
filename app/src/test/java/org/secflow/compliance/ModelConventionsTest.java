package org.secflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The conventions every deployed model keeps (ARCHITECTURE.md): records kept at least a year, every
 * user task routed to a staff group and given a deployed Camunda Form, service tasks calling beans.
 * One list of every breach, so a failing model names all its problems at once.
 */
@IntegrationTest
class ModelConventionsTest {

    private static final Set<String> STAFF = Set.of("management", "technical", "operations");

    @Autowired RepositoryService repositoryService;

    @Test
    void everyDeployedModelKeepsTheConventions() {
        List<String> problems = new ArrayList<>();
        List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().latestVersion().list();
        assertThat(definitions).hasSizeGreaterThanOrEqualTo(37);
        for (ProcessDefinition definition : definitions) {
            String key = definition.getKey();
            if (definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() < 365) {
                problems.add(key + ": historyTimeToLive below 365 days");
            }
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
            List<String> deployedForms = repositoryService.getDeploymentResourceNames(definition.getDeploymentId());
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String groups = task.getCamundaCandidateGroups();
                if (groups == null || !STAFF.containsAll(List.of(groups.split("\\s*,\\s*")))) {
                    problems.add(key + "/" + task.getId() + ": candidate groups '" + groups + "' not among " + STAFF);
                }
                String form = task.getCamundaFormRef();
                if (form == null || !"deployment".equals(task.getCamundaFormRefBinding())) {
                    problems.add(key + "/" + task.getId() + ": no Camunda Form bound to the deployment");
                } else if (deployedForms.stream().noneMatch(name -> name.endsWith("/" + form + ".form"))) {
                    problems.add(key + "/" + task.getId() + ": form " + form + " is not deployed with the model");
                }
                if (task.getName() == null || !task.getName().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)) {
                    problems.add(key + "/" + task.getId() + ": name is not Chinese");
                }
            }
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                if (task.getCamundaDelegateExpression() == null) {
                    problems.add(key + "/" + task.getId() + ": service task without a delegate bean");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
