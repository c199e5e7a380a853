package org.secflow.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.secflow.compliance.ConformanceService.ClauseTrace;
import org.secflow.compliance.ConformanceService.InstanceTrace;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessSubject;
import org.secflow.process.ProcessVisibility;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.stereotype.Service;

/**
 * What the auditors' history page (/audit/) shows: the service processes of section 7 by item, period,
 * state and incident grade, and one process's diagram with the path it took and its clauses. Reads the
 * engine's history only, so the engine's READ_HISTORY authorizations decide what a caller sees.
 */
@Service
public class AuditHistory {

    public static final List<String> GRADES = List.of("I", "II", "III", "IV");
    public static final List<String> STATES = List.of("running", "completed");

    /** Where a flow node carrying clauses stands, as the badge on the diagram shows it. */
    public enum NodeStatus { DONE, PENDING, NOT_REACHED }

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ClauseCatalogue catalogue;
    private final ConformanceService conformance;
    private final ProcessVisibility visibility;

    AuditHistory(HistoryService historyService, RepositoryService repositoryService, ClauseCatalogue catalogue,
                 ConformanceService conformance, ProcessVisibility visibility) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.catalogue = catalogue;
        this.conformance = conformance;
        this.visibility = visibility;
    }

    /** Root instances of the service processes (sub-processes of shared steps are part of their caller). */
    public Page<InstanceRow> instances(String item, LocalDate from, LocalDate to, String status, String grade,
                                       String q, Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        if (q != null && q.strip().length() > 100) {
            errors.add(new FieldError("q", "搜索内容不得超过 100 个字符"));
        }
        if (item != null && !item.isBlank() && !catalogue.isItem(item)) {
            errors.add(new FieldError("item", "标准第 7 章没有服务项目「" + item + "」"));
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("to", "结束日期不得早于开始日期"));
        }
        if (status != null && !status.isBlank() && !STATES.contains(status)) {
            errors.add(new FieldError("status", "须为以下之一：running、completed"));
        }
        if (grade != null && !grade.isBlank() && !GRADES.contains(grade)) {
            errors.add(new FieldError("grade", "须为以下之一：I、II、III、IV"));
        }
        PageRequest paging = null;
        try {
            paging = PageRequest.of(page, size);
        } catch (InvalidInputException e) {
            errors.addAll(e.getFields());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("查询条件无效", errors);
        }

        Map<String, String> itemByKey = itemsByProcessKey();
        List<String> keys = itemByKey.entrySet().stream()
                .filter(entry -> item == null || item.isBlank() || entry.getValue().equals(item))
                .map(Map.Entry::getKey).toList();
        if (keys.isEmpty()) {
            return paging.of(List.of(), 0);
        }
        HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKeyIn(keys.toArray(String[]::new)).rootProcessInstances();
        if (from != null) {
            query.startedAfter(EngineTime.toDate(from.atStartOfDay()));
        }
        if (to != null) {
            query.startedBefore(EngineTime.toDate(to.plusDays(1).atStartOfDay()));
        }
        if ("running".equals(status)) {
            query.unfinished();
        } else if ("completed".equals(status)) {
            query.finished();
        }
        if (grade != null && !grade.isBlank()) {
            // the incident's current grade, re-grades included (7.5.1.6): only emergency responses carry it
            query.variableValueEquals("grade", grade);
        }
        if (q != null && !q.isBlank()) {
            // the subject (事项) the process got at its start: incident title, ticket, 使用方 and request …
            query.variableValueLike(ProcessSubject.VARIABLE, "%" + escapeLike(q.strip()) + "%");
        }
        long total = query.count();
        // the id breaks ties of start times (whole seconds on MySQL), so that pages neither repeat nor skip a row
        List<HistoricProcessInstance> instances = query.orderByProcessInstanceStartTime().desc()
                .orderByProcessInstanceId().desc().listPage((int) paging.offset(), paging.size());

        Map<String, Map<String, Object>> variables = new HashMap<>();
        if (!instances.isEmpty()) {
            for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                    .variableNameIn("grade", "gradeName", "title").disableCustomObjectDeserialization().list()) {
                variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                        .put(variable.getName(), variable.getValue());
            }
        }
        Map<String, String> subjects = conformance.subjectsOf(instances);
        List<InstanceRow> rows = instances.stream().map(instance -> {
            Map<String, Object> vars = variables.getOrDefault(instance.getId(), Map.of());
            String rowItem = itemByKey.get(instance.getProcessDefinitionKey());
            return new InstanceRow(instance.getId(), instance.getProcessDefinitionKey(),
                    instance.getProcessDefinitionName(), rowItem, catalogue.itemName(rowItem),
                    instance.getBusinessKey(), subjects.get(instance.getId()), (String) vars.get("title"),
                    instance.getEndTime() == null ? "RUNNING" : "COMPLETED",
                    display(instance.getStartTime()), display(instance.getEndTime()),
                    (String) vars.get("grade"), (String) vars.get("gradeName"), instance.getStartUserId());
        }).toList();
        return paging.of(rows, total);
    }

    /**
     * The service items of section 7 that have a deployed process, each with its name (the dashboard's conformance
     * per item reads these; processes of 5.1.2 e are listed and filtered by item, but have no sub-clauses to count).
     */
    public List<Item> items() {
        Set<String> items = new LinkedHashSet<>(itemsByProcessKey().values());
        items.removeIf(item -> catalogue.ofItem(item).isEmpty());
        return items.stream().sorted(AuditHistory::compareNumbers)
                .map(item -> new Item(item, catalogue.itemName(item))).toList();
    }

    /**
     * The diagram of the instance's process definition, the flow nodes it went through (and the sequence
     * flows between them), and for each node that carries clauses where that clause stands.
     */
    public Diagram diagram(String processInstanceId) {
        visibility.requireReadable(processInstanceId, "服务流程 " + processInstanceId + " 不存在或无权查看");
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance.getSuperProcessInstanceId() != null) {
            return calledDiagram(instance);
        }
        InstanceTrace trace = conformance.trace(processInstanceId);
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId());
        Path path = path(processInstanceId, model);

        Map<String, ClauseTrace> clauses = new HashMap<>();
        trace.clauses().forEach(clause -> clauses.put(clause.clause(), clause));
        List<NodeClauses> nodes = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String carried = Clauses.of(node);
            if (carried == null) {
                continue;
            }
            List<String> numbers = Arrays.stream(carried.split(",")).map(String::strip).toList();
            NodeStatus status = path.reached().getOrDefault(node.getId(), NodeStatus.NOT_REACHED);
            boolean late = status != NodeStatus.NOT_REACHED && numbers.stream()
                    .map(clauses::get).anyMatch(clause -> clause != null && clause.steps().stream()
                            .anyMatch(step -> step.late() && (step.activityId().equals(node.getId())
                                    || !step.processInstanceId().equals(processInstanceId))));
            if (status == NodeStatus.DONE && node instanceof CallActivity && numbers.stream().map(clauses::get)
                    .anyMatch(clause -> clause != null && clause.status() == ConformanceService.Status.PENDING)) {
                status = NodeStatus.PENDING; // the call returned but what it decides is not done
            }
            nodes.add(new NodeClauses(node.getId(), node.getElementType().getTypeName(), node.getName(), numbers, status, late));
        }
        return new Diagram(processInstanceId, instance.getProcessDefinitionId(), trace.processKey(),
                trace.processName(), trace.item(), trace.subject(), null, null, xml(instance), path.executed(),
                path.active(), path.takenFlows(), nodes, path.calls());
    }

    /**
     * The diagram of a shared step a call activity started: its own executed path, each of its tasks badged
     * with the clause of the calling node, and the way back to the caller.
     */
    private Diagram calledDiagram(HistoricProcessInstance instance) {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId());
        Path path = path(instance.getId(), model);
        HistoricActivityInstance call = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getSuperProcessInstanceId()).activityType("callActivity").list().stream()
                .filter(activity -> instance.getId().equals(activity.getCalledProcessInstanceId()))
                .findFirst().orElse(null);
        List<String> numbers = List.of();
        String callerItem = null;
        if (call != null) {
            BpmnModelInstance callerModel = repositoryService.getBpmnModelInstance(call.getProcessDefinitionId());
            String carried = Clauses.of(callerModel.<FlowNode>getModelElementById(call.getActivityId()));
            numbers = carried == null ? List.of() : Arrays.stream(carried.split(",")).map(String::strip).toList();
            callerItem = Clauses.of(callerModel.<Process>getModelElementById(call.getProcessDefinitionKey()));
        }
        Map<String, Boolean> lateTasks = new HashMap<>();
        for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            boolean late = task.getDueDate() != null && (task.getEndTime() != null ? task.getEndTime().after(task.getDueDate())
                    : ClockUtil.getCurrentTime().after(task.getDueDate()));
            lateTasks.merge(task.getTaskDefinitionKey(), late, Boolean::logicalOr);
        }
        List<NodeClauses> nodes = new ArrayList<>();
        if (!numbers.isEmpty()) {
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                if (node instanceof UserTask || node instanceof ServiceTask || node instanceof CallActivity) {
                    NodeStatus status = path.reached().getOrDefault(node.getId(), NodeStatus.NOT_REACHED);
                    nodes.add(new NodeClauses(node.getId(), node.getElementType().getTypeName(), node.getName(), numbers,
                            status, lateTasks.getOrDefault(node.getId(), false)));
                }
            }
        }
        String name = instance.getProcessDefinitionName() != null ? instance.getProcessDefinitionName()
                : instance.getProcessDefinitionKey();
        Caller caller = call == null ? null : new Caller(instance.getSuperProcessInstanceId(), call.getActivityId(),
                call.getActivityName(), String.join(",", numbers));
        String subject = conformance.subjectsOf(List.of(instance)).get(instance.getId());
        return new Diagram(instance.getId(), instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(), name,
                callerItem, subject, instance.getRootProcessInstanceId(), caller, xml(instance), path.executed(),
                path.active(), path.takenFlows(), nodes, path.calls());
    }

    private String xml(HistoricProcessInstance instance) {
        try (InputStream in = repositoryService.getProcessModel(instance.getProcessDefinitionId())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nodes an instance reached, those still waiting, the flows it took, and what its call activities started. */
    private record Path(Map<String, NodeStatus> reached, List<String> executed, List<String> active,
                        List<String> takenFlows, Map<String, List<String>> calls) {
    }

    private Path path(String processInstanceId, BpmnModelInstance model) {
        Map<String, NodeStatus> reached = new LinkedHashMap<>();
        Map<String, List<String>> calls = new LinkedHashMap<>();
        // positions in the order the steps happened: start times alone tie on MySQL (whole seconds),
        // the engine's sequence counter orders the steps within a second
        Map<String, List<Integer>> runs = new HashMap<>();
        List<HistoricActivityInstance> history = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list();
        for (int position = 0; position < history.size(); position++) {
            HistoricActivityInstance activity = history.get(position);
            if (activity.isCanceled() && activity.getEndTime() != null) {
                continue;
            }
            runs.computeIfAbsent(activity.getActivityId(), id -> new ArrayList<>()).add(position);
            NodeStatus now = activity.getEndTime() == null ? NodeStatus.PENDING : NodeStatus.DONE;
            reached.merge(activity.getActivityId(), now,
                    (before, after) -> before == NodeStatus.PENDING || after == NodeStatus.PENDING ? NodeStatus.PENDING : NodeStatus.DONE);
            if (activity.getCalledProcessInstanceId() != null) {
                calls.computeIfAbsent(activity.getActivityId(), id -> new ArrayList<>()).add(activity.getCalledProcessInstanceId());
            }
        }
        // The history keeps no sequence flows: a flow counts as taken when its target ran after a finished run
        // of its source (so a loop back that was never taken stays unmarked).
        List<String> takenFlows = new ArrayList<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            List<Integer> sources = runs.getOrDefault(flow.getSource().getId(), List.of());
            List<Integer> targets = runs.getOrDefault(flow.getTarget().getId(), List.of());
            boolean taken = sources.stream().filter(source -> history.get(source).getEndTime() != null)
                    .anyMatch(source -> targets.stream().anyMatch(target -> target > source));
            if (taken) {
                takenFlows.add(flow.getId());
            }
        }
        return new Path(reached, List.copyOf(reached.keySet()),
                reached.entrySet().stream().filter(e -> e.getValue() == NodeStatus.PENDING).map(Map.Entry::getKey).toList(),
                takenFlows, calls);
    }

    /** Process key → the section 7 item its latest version carries (the process's own {@code clause}). */
    private Map<String, String> itemsByProcessKey() {
        Map<String, String> items = new LinkedHashMap<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            String item = Clauses.of(repositoryService.getBpmnModelInstance(definition.getId())
                    .<Process>getModelElementById(definition.getKey()));
            if (item != null && catalogue.isItem(item)) {
                items.put(definition.getKey(), item);
            }
        }
        return items;
    }

    /** The search text literally: % and _ are no wildcards for the user. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static int compareNumbers(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            // leading digits: "5.1.2 e" (a platform function of 5.1.2) sorts before 7.x
            int c = Integer.compare(leadingNumber(x[i]), leadingNumber(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int leadingNumber(String part) {
        String digits = part.replaceAll("^(\\d*).*$", "$1");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static OffsetDateTime display(java.util.Date date) {
        return EngineTime.forDisplay(EngineTime.toLocal(date));
    }

    public record Item(String item, String name) {
    }

    public record InstanceRow(String processInstanceId, String processKey, String processName, String item,
                              String itemName, String businessKey, String subject, String title, String state, OffsetDateTime start,
                              OffsetDateTime end, String grade, String gradeName, String startedBy) {
    }

    /** {@code type}: the BPMN element, e.g. userTask, callActivity, boundaryEvent. */
    public record NodeClauses(String activityId, String type, String name, List<String> clauses, NodeStatus status, boolean late) {
    }

    /**
     * {@code executed}: ids of the flow nodes the instance reached (in order of first start);
     * {@code active}: those still waiting; {@code takenFlows}: sequence flows between reached nodes;
     * {@code calls}: per call activity the instances of the shared step it started (one per run), whose
     * diagrams this same call gives; for such a shared step {@code caller} names the node that called it and
     * {@code rootProcessInstanceId} the service process.
     */
    public record Diagram(String processInstanceId, String processDefinitionId, String processKey, String processName,
                          String item, String subject, String rootProcessInstanceId, Caller caller, String bpmnXml,
                          List<String> executed, List<String> active, List<String> takenFlows, List<NodeClauses> nodes,
                          Map<String, List<String>> calls) {
    }

    /** The call activity that started a shared step: its process instance, node and clauses. */
    public record Caller(String processInstanceId, String activityId, String name, String clause) {
    }
}
