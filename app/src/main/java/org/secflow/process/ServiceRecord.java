package org.secflow.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.secflow.form.FormContracts;
import org.secflow.web.InvalidInputException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Writes the service record (服务过程记录): every completed task and every step a delegate reports,
 * with actor, the actor's group, time, the clause of the model element and the evidence entered.
 */
@Service
public class ServiceRecord {

    /** Who acts when nobody is logged in: the job executor running a timer or an asynchronous step. */
    public static final String SYSTEM_ACTOR = "system";

    private final ServiceActionMapper mapper;
    private final IdentityService identityService;
    private final FormContracts forms;
    private final ObjectMapper json;

    // Lazy: the engine's services exist only after the engine that this bean's plugin configures.
    public ServiceRecord(ServiceActionMapper mapper, @Lazy IdentityService identityService,
                         FormContracts forms, ObjectMapper json) {
        this.mapper = mapper;
        this.identityService = identityService;
        this.forms = forms;
        this.json = json;
    }

    /** Records a completed user task with the values of its form's input fields as evidence. */
    public void recordTaskCompleted(DelegateTask task) {
        String actor = currentActor(task.getAssignee());
        Set<String> candidateGroups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .collect(Collectors.toSet());
        String actorGroup = groupsOf(actor).stream().filter(candidateGroups::contains).findFirst()
                .orElse(candidateGroups.isEmpty() ? null : String.join(",", candidateGroups));
        DelegateExecution execution = task.getExecution();
        mapper.insert(new ServiceAction(null, task.getProcessInstanceId(), rootOf(execution), processKey(execution),
                task.getTaskDefinitionKey(), task.getName(), clauseOf(execution, task.getBpmnModelElementInstance()),
                task.getId(), actor, actorGroup, EngineTime.now(), toJson(formEvidence(task))));
    }

    /**
     * Adds to a task's record what the platform did on its completion (e.g. the records a step moved), after the
     * form's values: the completion listener of the model runs after the built-in one that wrote the record.
     */
    public void appendEvidence(DelegateTask task, String key, String label, Object value) {
        ServiceAction action = mapper.findByTask(task.getId());
        if (action == null) {
            throw new IllegalStateException("task " + task.getId() + " has no service record to add evidence to");
        }
        List<Object> evidence;
        try {
            evidence = new ArrayList<>(List.of(json.readValue(action.evidence() == null ? "[]" : action.evidence(), Object[].class)));
        } catch (IOException e) {
            throw new UncheckedIOException("evidence of action " + action.id() + " is not JSON", e);
        }
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("key", key);
        field.put("label", label);
        field.put("value", value);
        evidence.add(field);
        mapper.updateEvidence(action.id(), toJson(evidence));
    }

    /** Records an automatic step (registration, decision, rendering) with the given evidence. */
    public void recordStep(DelegateExecution execution, Map<String, ?> evidence) {
        String actor = currentActor(null);
        mapper.insert(new ServiceAction(null, execution.getProcessInstanceId(), rootOf(execution), processKey(execution),
                execution.getCurrentActivityId(), execution.getCurrentActivityName(),
                clauseOf(execution, execution.getBpmnModelElementInstance()), null, actor,
                groupsOf(actor).stream().findFirst().orElse(null), EngineTime.now(), toJson(evidence)));
    }

    /**
     * The authorization given at a review or before a test (评审并获取授权, 报备与授权): who authorized,
     * when, and the reference of the authorization document.
     */
    public void recordAuthorization(DelegateExecution execution) {
        Object reference = execution.getVariable("authorizationReference");
        if (reference == null || reference.toString().isBlank()) {
            throw new InvalidInputException("authorizationReference", "授权文件编号：必填");
        }
        String actor = currentActor(null);
        execution.setVariable("authorizedBy", actor);
        execution.setVariable("authorizedAt", ClockUtil.getCurrentTime());
        recordStep(execution, Map.of("authorizationReference", reference.toString(), "authorizedBy", actor));
    }

    /** Every action of the service process, including its shared steps (call activities). */
    public List<ServiceAction> actionsOf(String processInstanceId) {
        return mapper.findByRootProcessInstance(processInstanceId);
    }

    /** Every action of the given service processes, read in chunks that every database takes in one IN list. */
    public List<ServiceAction> actionsOfAll(Collection<String> rootProcessInstanceIds) {
        List<String> ids = List.copyOf(rootProcessInstanceIds);
        List<ServiceAction> actions = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            actions.addAll(mapper.findByRootProcessInstances(ids.subList(from, Math.min(ids.size(), from + 500))));
        }
        return actions;
    }

    /** What was recorded at one step of one kind of process in the period [from, to). */
    public List<ServiceAction> actionsAt(String processDefinitionKey, String activityId, LocalDateTime from, LocalDateTime to) {
        return mapper.findByActivity(processDefinitionKey, activityId, from, to);
    }

    /** How many distinct tasks have their completion recorded in the period [from, to). */
    public long recordedTasks(LocalDateTime from, LocalDateTime to) {
        return mapper.countRecordedTasks(from, to);
    }

    /** The values of a recorded task's form fields by key, read back from its evidence. */
    public Map<String, Object> evidenceValues(ServiceAction action) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            for (JsonNode field : json.readTree(action.evidence() == null ? "[]" : action.evidence())) {
                if (field.has("key")) {
                    values.put(field.get("key").asText(), json.treeToValue(field.get("value"), Object.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evidence of action " + action.id() + " is not JSON", e);
        }
        return values;
    }

    /** The clause of the element, or inside a shared step the clause of the node that called it. */
    private static String clauseOf(DelegateExecution execution, BaseElement element) {
        String clause = Clauses.of(element);
        if (clause == null) {
            CallingStep caller = CallingStep.of(execution);
            return caller == null ? null : caller.clause();
        }
        return clause;
    }

    /** The service process the execution belongs to: itself, or the process that called this shared step. */
    public static String rootOf(DelegateExecution execution) {
        return ((ExecutionEntity) execution).getRootProcessInstanceId();
    }

    /** The logged-in user, else the task's assignee, else the engine itself. */
    public String currentActor(String fallback) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return fallback != null ? fallback : SYSTEM_ACTOR;
    }

    private List<String> groupsOf(String userId) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null && userId.equals(authentication.getUserId())
                && authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()) {
            return authentication.getGroupIds();
        }
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    /** Label, key and value of each input field of the task's Camunda Form (read-only displays excluded). */
    private List<Map<String, Object>> formEvidence(DelegateTask task) {
        // Ask before fetching: a failing nested engine call would roll back the whole completion.
        TaskEntity entity = (TaskEntity) task;
        entity.initializeFormKey();
        if (entity.getCamundaFormRef() == null) {
            return List.of();
        }
        // the form of the task's deployment, read once per form definition (no engine call per completion)
        JsonNode form = forms.formOfTask(Context.getCommandContext(), entity)
                .orElseThrow(() -> new IllegalStateException("form of task " + task.getTaskDefinitionKey() + " is not deployed"));
        List<Map<String, Object>> evidence = new ArrayList<>();
        collectFields(form.path("components"), task, evidence);
        return evidence;
    }

    private void collectFields(JsonNode components, DelegateTask task, List<Map<String, Object>> evidence) {
        for (JsonNode component : components) {
            collectFields(component.path("components"), task, evidence);
            String key = component.path("key").asText(null);
            if (key == null || component.path("readonly").asBoolean(false)) {
                continue;
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("key", key);
            field.put("label", component.path("label").asText(key));
            field.put("value", displayValue(task.getVariable(key)));
            evidence.add(field);
        }
    }

    private static Object displayValue(Object value) {
        return value instanceof Date date ? EngineTime.toLocal(date).toString() : value;
    }

    private String toJson(Object evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence cannot be written as JSON", e);
        }
    }

    private static String processKey(DelegateExecution execution) {
        // not parsed from the definition id: a long key makes Camunda use a bare UUID as id
        return ((ExecutionEntity) execution).getProcessDefinition().getKey();
    }
}
