package org.secflow.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.secflow.compliance.DeploymentModelCheck;
import org.secflow.compliance.ModelProblem;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The deployed models as the studio shows them: every process key with its versions (when, by whom,
 * how many instances run and ended), a version's BPMN and the forms deployed with it, and the check a
 * deployment of changed resources would meet. Deploying goes through the engine's repository, so the
 * same check refuses a bad model from here as from Modeler or REST.
 */
@Service
public class Models {

    /** Where the studio's deployments say they came from (the engine keeps it with each deployment). */
    static final String SOURCE = "secflow-studio";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final DeploymentModelCheck check;
    private final ObjectMapper json;

    Models(RepositoryService repository, RuntimeService runtime, HistoryService history, DeploymentModelCheck check,
           ObjectMapper json) {
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.check = check;
        this.json = json;
    }

    public record Version(String definitionId, int version, String deploymentId, String deploymentName,
                          java.util.Date deployedAt, String deployedBy, long running, long finished) {
    }

    public record Model(String key, String name, List<Version> versions) {
    }

    public record StudioDeployment(String deploymentId, String name, java.util.Date deployedAt, String deployedBy,
                                   List<String> definitionIds) {
    }

    /** The deployments made in the studio, newest first, with who made them (the engine's operation log). */
    public List<StudioDeployment> studioDeployments() {
        Map<String, String> deployedBy = deployedBy();
        return repository.createDeploymentQuery().deploymentSource(SOURCE).orderByDeploymentTime().desc().list().stream()
                .map(d -> new StudioDeployment(d.getId(), d.getName(), d.getDeploymentTime(), deployedBy.get(d.getId()),
                        repository.createProcessDefinitionQuery().deploymentId(d.getId()).list().stream()
                                .map(ProcessDefinition::getId).toList()))
                .toList();
    }

    private Map<String, String> deployedBy() {
        Map<String, String> deployedBy = new TreeMap<>();
        for (UserOperationLogEntry entry : history.createUserOperationLogQuery().entityType(EntityTypes.DEPLOYMENT)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list()) {
            if (entry.getDeploymentId() != null && entry.getUserId() != null) {
                deployedBy.put(entry.getDeploymentId(), entry.getUserId());
            }
        }
        return deployedBy;
    }

    public List<Model> list() {
        Map<String, String> deployedBy = deployedBy();
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, d -> d));
        Map<String, List<ProcessDefinition>> byKey = repository.createProcessDefinitionQuery()
                .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().desc().list().stream()
                .collect(Collectors.groupingBy(ProcessDefinition::getKey, LinkedHashMap::new, Collectors.toList()));
        List<Model> models = new ArrayList<>();
        byKey.forEach((key, definitions) -> {
            List<Version> versions = definitions.stream().map(d -> {
                Deployment deployment = deployments.get(d.getDeploymentId());
                return new Version(d.getId(), d.getVersion(), d.getDeploymentId(),
                        deployment == null ? null : deployment.getName(),
                        deployment == null ? null : deployment.getDeploymentTime(), deployedBy.get(d.getDeploymentId()),
                        runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
                        history.createHistoricProcessInstanceQuery().processDefinitionId(d.getId()).finished().count());
            }).toList();
            String name = definitions.get(0).getName() == null ? key : definitions.get(0).getName();
            models.add(new Model(key, name, versions));
        });
        models.sort(Comparator.comparing(Model::name));
        return models;
    }

    public ProcessDefinition definition(String definitionId) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        if (definition == null) {
            throw new NotFoundException("流程定义不存在：" + definitionId);
        }
        return definition;
    }

    public String bpmn(String definitionId) {
        ProcessDefinition definition = definition(definitionId);
        return text(repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName()));
    }

    /** The forms deployed with a version, by form id (the file name without {@code .form}). */
    public Map<String, JsonNode> forms(String definitionId) {
        ProcessDefinition definition = definition(definitionId);
        Map<String, JsonNode> forms = new TreeMap<>();
        for (String name : repository.getDeploymentResourceNames(definition.getDeploymentId())) {
            if (name.endsWith(".form")) {
                String id = name.substring(name.lastIndexOf('/') + 1, name.length() - ".form".length());
                try {
                    forms.put(id, json.readTree(text(repository.getResourceAsStream(definition.getDeploymentId(), name))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return forms;
    }

    /** What a deployment of this model and these forms would be refused for (empty: it would be accepted). */
    public List<ModelProblem> check(String processKey, String bpmnXml, Map<String, JsonNode> forms) {
        List<ModelProblem> problems = new ArrayList<>();
        forms.forEach((id, form) -> {
            JsonNode formId = form == null ? null : form.get("id");
            if (formId == null || !id.equals(formId.asText())) {
                problems.add(new ModelProblem(id + ".form", null, null, "表单的 id 须为 " + id
                        + "（任务的 formRef 按它查找），当前为 " + (formId == null ? "空" : formId.asText())));
            }
        });
        if (!bpmnXml.contains("id=\"" + processKey + "\"")) {
            problems.add(new ModelProblem(processKey + ".bpmn", null, null, "模型中没有 id 为 " + processKey
                    + " 的流程（流程的 id 即它的 key，不能在工作台中改变）"));
        }
        problems.addAll(check.check(resources(processKey, bpmnXml, forms)));
        return problems;
    }

    /** Deploys the model and its forms together (formRefBinding deployment), through the engine's checked path. */
    public ProcessDefinition deploy(String processKey, String bpmnXml, Map<String, JsonNode> forms) {
        var builder = repository.createDeployment().name(processKey + "（流程建模工作台）").source(SOURCE);
        resources(processKey, bpmnXml, forms).forEach((name, bytes) ->
                builder.addString(name, new String(bytes, StandardCharsets.UTF_8)));
        Deployment deployment;
        try {
            deployment = builder.deploy();
        } catch (ParseException parse) {
            // what the engine's parser finds (after our check passed), each on its element (sic: getResorceReports)
            List<ModelProblem> problems = new ArrayList<>();
            parse.getResorceReports().forEach(report -> report.getErrors().forEach(error -> problems.add(
                    new ModelProblem(report.getResourceName(), error.getMainElementId(), null,
                            error.getMessage() + "（第 " + error.getLine() + " 行，第 " + error.getColumn() + " 列）"))));
            throw new ModelRefused(problems);
        }
        return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).processDefinitionKey(processKey)
                .singleResult();
    }

    private Map<String, byte[]> resources(String processKey, String bpmnXml, Map<String, JsonNode> forms) {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        resources.put(processKey + ".bpmn", bpmnXml.getBytes(StandardCharsets.UTF_8));
        forms.forEach((id, form) -> resources.put(id + ".form", form.toString().getBytes(StandardCharsets.UTF_8)));
        return resources;
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
