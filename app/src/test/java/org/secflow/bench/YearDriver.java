package org.secflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.secflow.support.FormFiller;
import org.secflow.support.Staff;

/**
 * Works any service process to its end as its people would: each open task (of the process or a shared step it
 * called) is claimed and completed by a member of its candidate group with a valid value for every field of the
 * task's deployed form, the way the Tasklist submits it (the server's form guard checks each one). Answers that
 * would send a process round a loop (reject, roll back, one more session) are given the way that moves on.
 */
final class YearDriver {

    /** The answer that moves a process on, for the gateway variables of the models that loop. */
    private static final Map<String, Object> MOVE_ON = Map.ofEntries(
            Map.entry("reimplement", false), Map.entry("businessAffected", false), Map.entry("furtherSession", false),
            Map.entry("continueMonitoring", false), Map.entry("planRevisionNeeded", false),
            Map.entry("adjustmentNeeded", false), Map.entry("regrade", false), Map.entry("retestNeeded", false),
            Map.entry("reviewApproved", true), Map.entry("planApproved", true), Map.entry("reportApproved", true),
            Map.entry("improvementNeeded", false), Map.entry("fixEffective", true), Map.entry("contained", true),
            Map.entry("measuresEffective", true), Map.entry("effectAchieved", true), Map.entry("policiesEffective", true),
            Map.entry("unknownAssetsHandled", true), Map.entry("reclamationVerified", true),
            Map.entry("filingsAccurate", true), Map.entry("noticeRequested", false), Map.entry("securityIncident", false));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final FormService formService;
    private final IdentityService identityService;
    private final Map<String, JsonNode> forms = new ConcurrentHashMap<>();
    /** Why processes were left before their end, with how often. */
    final Map<String, Integer> stuck = new ConcurrentHashMap<>();

    YearDriver(ProcessEngine engine) {
        this.runtimeService = engine.getRuntimeService();
        this.taskService = engine.getTaskService();
        this.formService = engine.getFormService();
        this.identityService = engine.getIdentityService();
    }

    /** Completes up to {@code maxSteps} tasks; the number of tasks completed. */
    int drive(String processInstanceId, int maxSteps) {
        int done = 0;
        while (done < maxSteps) {
            List<Task> open = openTasks(processInstanceId);
            if (open.isEmpty()) {
                return done;
            }
            Task task = open.get(0);
            try {
                complete(task);
                done++;
            } catch (RuntimeException | AssertionError e) {
                String message = String.valueOf(e.getMessage());
                stuck.merge(task.getTaskDefinitionKey() + ": " + message.substring(0, Math.min(120, message.length())),
                        1, Integer::sum);
                return done;
            }
        }
        List<Task> open = openTasks(processInstanceId);
        stuck.merge("more than " + maxSteps + " steps at " + (open.isEmpty() ? "?" : open.get(0).getTaskDefinitionKey()),
                1, Integer::sum);
        return done;
    }

    void complete(Task task) {
        String user = userFor(task);
        Staff.as(identityService, user, () -> {
            Map<String, Object> values = submission(task);
            taskService.claim(task.getId(), user);
            taskService.complete(task.getId(), values);
        });
    }

    /** A member of the task's first candidate group: manager, engineer or operator. */
    String userFor(Task task) {
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
            if ("candidate".equals(link.getType()) && link.getGroupId() != null) {
                return Staff.memberOf(link.getGroupId());
            }
        }
        return "manager";
    }

    /** What the task's form asks for, filled as a person would and steered past the loops. */
    Map<String, Object> submission(Task task) {
        JsonNode form = forms.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), key -> {
            try (InputStream in = formService.getDeployedTaskForm(task.getId())) {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, Object> values = FormFiller.validSubmission(form);
        values.replaceAll((key, value) -> {
            Object moveOn = MOVE_ON.get(key);
            if (moveOn == null) {
                return value;
            }
            // a checkbox gives a Boolean, a radio of 是/否 its option's text "true"/"false"
            return value instanceof Boolean ? moveOn
                    : "true".equals(value) || "false".equals(value) ? moveOn.toString() : value;
        });
        return values;
    }

    List<Task> openTasks(String processInstanceId) {
        List<Task> tasks = new ArrayList<>();
        List<String> instances = new ArrayList<>(List.of(processInstanceId));
        for (int i = 0; i < instances.size(); i++) {
            tasks.addAll(taskService.createTaskQuery().processInstanceId(instances.get(i)).list());
            runtimeService.createProcessInstanceQuery().superProcessInstanceId(instances.get(i)).list()
                    .forEach(sub -> instances.add(sub.getId()));
        }
        return tasks;
    }
}
