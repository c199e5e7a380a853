package org.secflow.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.FormFiller;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Generated from the deployed models and forms, not written per form: for every user task and start
 * event with a Camunda Form, a valid submission is built from the form alone, and each constraint of
 * each field is broken once over real HTTP, alternately through {@code complete} and
 * {@code submit-form} (start forms: {@code submit-form} and {@code start}). Every refusal must be a 400
 * that names exactly the broken field, with the task still open, no variable written and no process
 * started. A form added tomorrow is covered by this test as it is.
 */
@IntegrationTest
class FormContractTest {

    private static final Pattern MISSING = Pattern.compile("(?:Cannot resolve identifier '|expression: \\$\\{)([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> FEEL_WORDS = Set.of("null", "true", "false", "and", "or", "not");

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    @Autowired org.camunda.bpm.engine.FormService formService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    Http http;
    final FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    final Map<String, Integer> tally = new TreeMap<>();
    final Set<String> formsCovered = new TreeSet<>();
    final Set<String> formsUsed = new TreeSet<>();
    int calls;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @Test
    void everyConstraintOfEveryDeployedFormIsEnforcedOnTheServer() {
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
            for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
                if (userTask.getCamundaFormRef() != null) {
                    checkTaskForm(definition, userTask);
                }
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                if (start.getCamundaFormRef() != null && start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process) {
                    checkStartForm(definition, start);
                }
            }
        }
        System.out.printf("FormContractTest: %d refusals checked over HTTP, %d forms: %s%n", calls, formsCovered.size(), tally);

        assertThat(formsCovered).as("every form a deployed model uses is covered").isEqualTo(formsUsed);
        assertThat(tally).as("every kind of constraint met at least once").containsKeys("required", "maxLength", "min", "max", "pattern", "options", "hidden", "readonly",
                "unknownKey", "type");
    }


    private void checkTaskForm(ProcessDefinition definition, UserTask userTask) {
        formsUsed.add(userTask.getCamundaFormRef());
        ProcessInstance instance = startAt(definition, userTask.getId());
        try {
            Task task = taskService.createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey(userTask.getId()).singleResult();
            assertThat(task).as("task %s of %s", userTask.getId(), definition.getKey()).isNotNull();
            String group = taskService.getIdentityLinksForTask(task.getId()).stream()
                    .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
                    .map(link -> link.getGroupId()).filter(org.secflow.security.Groups.STAFF::contains).findFirst().orElseThrow();
            String user = Staff.memberOf(group);
            JsonNode form = Http.json(http.get(user, "/engine-rest/task/" + task.getId() + "/deployed-form"));
            Map<String, Object> current = formVariables(user, task.getId());
            long updatesBefore = variableUpdates(instance.getId());
            String base = "/engine-rest/task/" + task.getId();
            int[] turn = {0};
            breakEachConstraint(form, current, submission -> {
                String path = base + (turn[0]++ % 2 == 0 ? "/complete" : "/submit-form");
                return http.postJson(user, path, Http.toJson(Map.of("variables", Http.variables(submission))));
            });
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
            assertThat(variableUpdates(instance.getId())).as("no variable written by refused submissions").isEqualTo(updatesBefore);
            formsCovered.add(userTask.getCamundaFormRef());
        } finally {
            runtimeService.deleteProcessInstance(instance.getId(), "form contract test");
        }
    }

    /**
     * Starts the process right at the task, as the engine does (no person: no form applies). What earlier
     * steps would have decided and the task needs on entry (a due date, a timer's duration) is given when
     * the engine names it missing: first as a date, then as a duration, then as text. Where the task sits
     * in a sub-process whose timers need such values before any variable can be set, the process is
     * started from its start form instead and moved to the task.
     */
    private ProcessInstance startAt(ProcessDefinition definition, String activityId) {
        Map<String, Object> variables = new HashMap<>();
        Map<String, Integer> attempts = new HashMap<>();
        List<Object> guesses = List.of(new java.util.Date(System.currentTimeMillis() + 86_400_000L), "PT4H", "测试");
        while (true) {
            try {
                return runtimeService.createProcessInstanceById(definition.getId()).startBeforeActivity(activityId)
                        .setVariables(variables).execute();
            } catch (org.camunda.bpm.engine.ProcessEngineException e) {
                Matcher missing = MISSING.matcher(String.valueOf(e.getMessage()));
                if (!missing.find()) {
                    throw e;
                }
                String name = missing.group(1);
                int attempt = attempts.merge(name, 1, Integer::sum) - 1;
                if (attempt >= guesses.size()) {
                    return startedAndMovedTo(definition, activityId);
                }
                variables.put(name, guesses.get(attempt));
            }
        }
    }

    private ProcessInstance startedAndMovedTo(ProcessDefinition definition, String activityId) {
        Map<String, Object> start = new HashMap<>();
        if (formService.getStartFormKey(definition.getId()) != null || hasStartForm(definition)) {
            try (var in = formService.getDeployedStartForm(definition.getId())) {
                start.putAll(FormFiller.validSubmission(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        ProcessInstance instance = runtimeService.startProcessInstanceById(definition.getId(), start);
        List<String> active = runtimeService.getActiveActivityIds(instance.getId());
        if (!active.contains(activityId)) {
            var move = runtimeService.createProcessInstanceModification(instance.getId()).startBeforeActivity(activityId);
            active.forEach(move::cancelAllForActivity);
            move.execute();
        }
        return instance;
    }

    private boolean hasStartForm(ProcessDefinition definition) {
        return repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(StartEvent.class)
                .stream().anyMatch(start -> start.getCamundaFormRef() != null);
    }

    private void checkStartForm(ProcessDefinition definition, StartEvent start) {
        formsUsed.add(start.getCamundaFormRef());
        JsonNode form = Http.json(http.get("operator", "/engine-rest/process-definition/" + definition.getId() + "/deployed-start-form"));
        long instancesBefore = historyService.createHistoricProcessInstanceQuery().processDefinitionId(definition.getId()).count();
        String base = "/engine-rest/process-definition/" + definition.getId();
        int[] turn = {0};
        breakEachConstraint(form, Map.of(), submission -> {
            String path = base + (turn[0]++ % 2 == 0 ? "/submit-form" : "/start");
            return http.postJson("manager", path, Http.toJson(Map.of("variables", Http.variables(submission))));
        });
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionId(definition.getId()).count())
                .as("no process of %s started by a refused submission", definition.getKey()).isEqualTo(instancesBefore);
        formsCovered.add(start.getCamundaFormRef());
    }

    /** Breaks each constraint of each field once, starting from a valid submission, and checks the answer. */
    private void breakEachConstraint(JsonNode form, Map<String, Object> current,
                                     java.util.function.Function<Map<String, Object>, HttpResponse<String>> submit) {
        Map<String, Object> valid = FormFiller.validSubmission(form);
        List<JsonNode> fields = FormFiller.inputs(form);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        fields.forEach(field -> byKey.putIfAbsent(field.get("key").asText(), field));

        expectRefused(submit, with(valid, "notInThisForm", "篡改"), "notInThisForm", "unknownKey");
        // a changed read-only value and a value of the wrong type once per form: the rule is the same for every field
        boolean readonlyBroken = false;
        boolean typeBroken = false;
        for (JsonNode field : byKey.values()) {
            String key = field.get("key").asText();
            String type = field.path("type").asText();
            if (!FormFiller.editable(field)) {
                // a read-only field that a condition may hide is dropped when hidden, not refused: tamper with a shown one
                if (!readonlyBroken && field.path("conditional").path("hide").isMissingNode()) {
                    Object tampered = "被篡改的值" + Optional.ofNullable(current.get(key)).orElse("");
                    expectRefused(submit, with(valid, key, tampered), key, "readonly");
                    readonlyBroken = true;
                }
                continue;
            }
            String hide = field.path("conditional").path("hide").asText(null);
            Map<String, Object> visible = valid;
            if (hide != null) {
                Map<String, Object> hidden = assignmentWhere(hide, true, valid, current, byKey);
                visible = assignmentWhere(hide, false, valid, current, byKey);
                if (hidden != null) {
                    // hidden: not required, and a value sent for it is not stored (the probe is the only complaint)
                    Map<String, Object> withoutIt = with(hidden, "probeOfHiddenField", "x");
                    withoutIt.remove(key);
                    expectRefused(submit, withoutIt, "probeOfHiddenField", "hidden");
                }
                if (visible == null) {
                    continue;
                }
            }
            JsonNode validate = field.path("validate");
            if (validate.path("required").asBoolean(false)) {
                Map<String, Object> missing = new LinkedHashMap<>(visible);
                missing.remove(key);
                expectRefused(submit, missing, key, "required");
            }
            if (validate.has("maxLength")) {
                expectRefused(submit, with(visible, key, "字".repeat(validate.get("maxLength").asInt() + 1)), key, "maxLength");
            }
            if (validate.has("minLength") && validate.get("minLength").asInt() > 1) {
                expectRefused(submit, with(visible, key, "字".repeat(validate.get("minLength").asInt() - 1)), key, "minLength");
            }
            if (validate.has("min")) {
                expectRefused(submit, with(visible, key, validate.get("min").asDouble() - 1), key, "min");
            }
            if (validate.has("max")) {
                expectRefused(submit, with(visible, key, validate.get("max").asDouble() + 1), key, "max");
            }
            if (validate.hasNonNull("pattern")) {
                expectRefused(submit, with(visible, key, "不符合格式的值"), key, "pattern");
            }
            if (field.path("values").isArray() && !field.path("values").isEmpty()) {
                expectRefused(submit, with(visible, key, "表单未提供的选项"), key, "options");
            }
            if (!typeBroken) {
                typeBroken = true;
                Object wrong = switch (type) {
                    case "number" -> "十二";
                    case "checkbox" -> "是";
                    case "datetime" -> "下周一上午";
                    default -> 42;
                };
                expectRefused(submit, with(visible, key, wrong), key, "type");
            }
        }
    }

    private void expectRefused(java.util.function.Function<Map<String, Object>, HttpResponse<String>> submit,
                               Map<String, Object> submission, String field, String constraint) {
        HttpResponse<String> answer = submit.apply(submission);
        calls++;
        assertThat(answer.statusCode()).as("%s of %s: %s", constraint, field, answer.body()).isEqualTo(400);
        JsonNode body = Http.json(answer);
        List<String> named = new ArrayList<>();
        body.path("fields").forEach(f -> named.add(f.path("field").asText()));
        assertThat(named).as("%s of %s named alone: %s", constraint, field, answer.body()).containsExactly(field);
        assertThat(body.path("fields").get(0).path("reason").asText()).isNotBlank();
        tally.merge(constraint, 1, Integer::sum);
    }

    /**
     * Values of the form's own fields under which the hide condition is {@code hidden}, or null when the
     * form cannot bring it about (the condition reads a process variable the task does not hold).
     */
    private Map<String, Object> assignmentWhere(String hide, boolean hidden, Map<String, Object> valid,
                                                Map<String, Object> current, Map<String, JsonNode> byKey) {
        String expression = hide.replaceFirst("^\\s*=", "");
        List<String> refs = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(expression.replaceAll("\"[^\"]*\"", ""));
        while (m.find()) {
            String name = m.group();
            if (!FEEL_WORDS.contains(name) && byKey.containsKey(name) && FormFiller.editable(byKey.get(name)) && !refs.contains(name)) {
                refs.add(name);
            }
        }
        List<Map<String, Object>> candidates = new ArrayList<>();
        candidates.add(new LinkedHashMap<>(valid));
        for (String ref : refs) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : candidates) {
                for (Object value : choices(byKey.get(ref))) {
                    next.add(with(partial, ref, value));
                }
            }
            candidates = next;
        }
        for (Map<String, Object> candidate : candidates) {
            Map<String, Object> context = new HashMap<>(current);
            context.putAll(candidate);
            var result = feel.evaluateExpression(expression, context);
            boolean isHidden = result.isSuccess() && Boolean.TRUE.equals(result.result());
            if (isHidden == hidden) {
                candidate.values().removeIf(java.util.Objects::isNull);
                return candidate;
            }
        }
        return null;
    }

    private static List<Object> choices(JsonNode field) {
        // only values the field itself accepts, so that the other fields stay valid
        boolean required = field.path("validate").path("required").asBoolean(false);
        List<Object> choices = new ArrayList<>();
        switch (field.path("type").asText()) {
            case "checkbox" -> {
                choices.add(true);
                if (!required) {
                    choices.add(false);
                }
            }
            case "select", "radio" -> field.path("values").forEach(v -> choices.add(v.path("value").asText()));
            default -> {
                choices.add(FormFiller.validValue(field));
                if (!required) {
                    choices.add(null);
                }
            }
        }
        return choices;
    }

    private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return copy;
    }


    private Map<String, Object> formVariables(String user, String taskId) {
        Map<String, Object> values = new HashMap<>();
        Http.json(http.get(user, "/engine-rest/task/" + taskId + "/form-variables")).fields()
                .forEachRemaining(entry -> values.put(entry.getKey(), plain(entry.getValue().path("value"))));
        return values;
    }

    private static Object plain(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isBoolean() ? value.asBoolean() : value.isNumber() ? value.numberValue() : value.asText();
    }

    private long variableUpdates(String processInstanceId) {
        return historyService.createHistoricDetailQuery().processInstanceId(processInstanceId).variableUpdates().count();
    }
}
