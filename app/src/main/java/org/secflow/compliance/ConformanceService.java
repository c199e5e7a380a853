package org.secflow.compliance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessVisibility;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The clause trace of one service process, from the engine's history (the process and the shared
 * steps it called) and the service record: for each sub-clause of its item, whether it was done,
 * is pending or was not reached, by whom, when, against which deadline, with what evidence.
 */
@Service
public class ConformanceService {

    /** ELSEWHERE: a sub-clause of the item that another process of the item carries (e.g. the yearly plan review). */
    public enum Status { DONE, PENDING, NOT_REACHED, ELSEWHERE }

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ClauseCatalogue catalogue;
    private final ServiceRecord serviceRecord;
    private final ProcessVisibility visibility;

    ConformanceService(HistoryService historyService, RepositoryService repositoryService, ClauseCatalogue catalogue,
                       ServiceRecord serviceRecord, ProcessVisibility visibility) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.catalogue = catalogue;
        this.serviceRecord = serviceRecord;
        this.visibility = visibility;
    }

    public InstanceTrace trace(String processInstanceId) {
        visibility.requireReadable(processInstanceId, "服务流程 " + processInstanceId + " 不存在或无权查看");
        HistoricProcessInstance root = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        String item = itemOf(root.getProcessDefinitionId(), root.getProcessDefinitionKey());
        if (item == null) {
            throw new NotFoundException("流程 " + root.getProcessDefinitionKey() + " 不是第 7 章的服务项目");
        }
        List<HistoricActivityInstance> activities = new ArrayList<>();
        List<HistoricTaskInstance> tasks = new ArrayList<>();
        for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(processInstanceId).list()) {
            activities.addAll(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list());
            tasks.addAll(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list());
        }
        return trace(root, item, activities, tasks, serviceRecord.actionsOf(processInstanceId), new Models());
    }

    /**
     * The models met while tracing, each asked from the engine once: every question is a command with
     * its own authorization check, which over a period of thousands of processes cost most of the time.
     */
    private final class Models {
        private final Map<String, BpmnModelInstance> byDefinition = new HashMap<>();
        private final Map<String, Set<String>> carried = new HashMap<>();

        BpmnModelInstance of(String processDefinitionId) {
            return byDefinition.computeIfAbsent(processDefinitionId, repositoryService::getBpmnModelInstance);
        }

        /** The clauses the flow nodes of a model carry. */
        Set<String> carriedBy(String processDefinitionId) {
            return carried.computeIfAbsent(processDefinitionId, id -> {
                Set<String> clauses = new HashSet<>();
                for (FlowNode node : of(id).getModelElementsByType(FlowNode.class)) {
                    String value = Clauses.of(node);
                    if (value != null) {
                        for (String clause : value.split(",")) {
                            clauses.add(clause.strip());
                        }
                    }
                }
                return clauses;
            });
        }
    }

    /** The trace of one service process from its history, already loaded (for one process or a whole period). */
    private InstanceTrace trace(HistoricProcessInstance root, String item, List<HistoricActivityInstance> activities,
                                List<HistoricTaskInstance> taskList, List<ServiceAction> actions, Models models) {
        Map<String, ServiceAction> actionsByTask = new HashMap<>();
        Map<String, ServiceAction> actionsByActivity = new HashMap<>();
        for (ServiceAction action : actions) {
            if (action.taskId() != null) {
                actionsByTask.put(action.taskId(), action);
            }
            actionsByActivity.put(action.processInstanceId() + "/" + action.activityId(), action);
        }
        Map<String, HistoricTaskInstance> tasks = new HashMap<>();
        taskList.forEach(task -> tasks.put(task.getId(), task));
        Map<String, List<Step>> stepsByClause = new HashMap<>();
        for (HistoricActivityInstance activity : activities) {
            BpmnModelInstance model = models.of(activity.getProcessDefinitionId());
            String clauses = Clauses.of(model.<BaseElement>getModelElementById(activity.getActivityId()));
            if (clauses == null || activity.isCanceled()) {
                continue;
            }
            HistoricTaskInstance task = activity.getTaskId() == null ? null : tasks.get(activity.getTaskId());
            ServiceAction action = activity.getTaskId() != null ? actionsByTask.get(activity.getTaskId())
                    : actionsByActivity.get(activity.getProcessInstanceId() + "/" + activity.getActivityId());
            Step step = Step.of(activity, task, action);
            for (String clause : clauses.split(",")) {
                stepsByClause.computeIfAbsent(clause.strip(), c -> new ArrayList<>()).add(step);
            }
        }

        Set<String> carriedByModel = models.carriedBy(root.getProcessDefinitionId());
        List<ClauseTrace> trace = new ArrayList<>();
        OffsetDateTime firstStartOfEarlier = null;
        for (Clause clause : catalogue.ofItem(item)) {
            List<Step> steps = stepsByClause.getOrDefault(clause.number(), List.of()).stream()
                    .sorted(Comparator.comparing(Step::start)).toList();
            Status status = !carriedByModel.contains(clause.number()) ? Status.ELSEWHERE
                    : steps.isEmpty() ? Status.NOT_REACHED
                    : steps.stream().anyMatch(step -> step.end() != null) ? Status.DONE : Status.PENDING;
            OffsetDateTime firstStart = steps.isEmpty() ? null : steps.get(0).start();
            boolean outOfOrder = firstStart != null && firstStartOfEarlier != null && firstStart.isBefore(firstStartOfEarlier);
            if (firstStart != null && (firstStartOfEarlier == null || firstStart.isAfter(firstStartOfEarlier))) {
                firstStartOfEarlier = firstStart;
            }
            trace.add(new ClauseTrace(clause.number(), clause.text(), status, outOfOrder,
                    steps.stream().anyMatch(Step::late), steps));
        }
        return new InstanceTrace(root.getId(), root.getProcessDefinitionKey(), root.getProcessDefinitionName(),
                item, root.getEndTime() == null ? "RUNNING" : "COMPLETED",
                display(root.getStartTime()), display(root.getEndTime()), trace);
    }

    /** The service item a process definition carries out, or null. */
    private String itemOf(String processDefinitionId, String processDefinitionKey) {
        return Clauses.of(repositoryService.getBpmnModelInstance(processDefinitionId)
                .<Process>getModelElementById(processDefinitionKey));
    }

    /**
     * Per service item and period: how many of its processes ran, and for each sub-clause in how
     * many it was done, pending, not reached or late. Processes the caller may not read are left out.
     */
    public ItemSummary summary(String item, LocalDate from, LocalDate to) {
        return periodReport(item, from, to).summary();
    }

    /**
     * The summary of an item and period together with the trace of each of its processes (the period
     * report). The history of all its processes is read in a few queries per process definition, not
     * process by process, so that a quarter of a busy item stays fast.
     */
    public PeriodReport periodReport(String item, LocalDate from, LocalDate to) {
        if (catalogue.ofItem(item).isEmpty()) {
            throw new InvalidInputException("item", "服务项目：标准第 7 章没有「" + item + "」");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "结束日期不得早于开始日期");
        }
        List<ProcessDefinition> latest = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .filter(definition -> item.equals(itemOf(definition.getId(), definition.getKey()))).toList();
        List<String> keys = latest.stream().map(ProcessDefinition::getKey).toList();

        Date start = from == null ? null : EngineTime.toDate(from.atStartOfDay());
        List<HistoricProcessInstance> roots = new ArrayList<>();
        for (String key : keys) {
            var query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key);
            if (start != null) {
                query.startedAfter(start);
            }
            if (to != null) {
                query.startedBefore(EngineTime.toDate(to.plusDays(1).atStartOfDay()));
            }
            query.orderByProcessInstanceStartTime().asc().list().stream()
                    .filter(instance -> instance.getSuperProcessInstanceId() == null).forEach(roots::add);
        }
        Set<String> rootIds = new HashSet<>();
        roots.forEach(root -> rootIds.add(root.getId()));

        // every version of the item's models and of the shared steps they call
        Set<String> involvedKeys = new HashSet<>(keys);
        for (ProcessDefinition definition : latest) {
            repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(CallActivity.class)
                    .forEach(call -> involvedKeys.add(call.getCalledElement()));
        }
        Map<String, List<HistoricActivityInstance>> activitiesByRoot = new HashMap<>();
        Map<String, List<HistoricTaskInstance>> tasksByRoot = new HashMap<>();
        if (!rootIds.isEmpty()) {
            for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKeysIn(involvedKeys.toArray(String[]::new)).list()) {
                var activityQuery = historyService.createHistoricActivityInstanceQuery().processDefinitionId(definition.getId());
                var taskQuery = historyService.createHistoricTaskInstanceQuery().processDefinitionId(definition.getId());
                if (start != null) {
                    activityQuery.startedAfter(start);
                    taskQuery.startedAfter(start);
                }
                activityQuery.list().stream().filter(activity -> rootIds.contains(activity.getRootProcessInstanceId()))
                        .forEach(activity -> activitiesByRoot.computeIfAbsent(activity.getRootProcessInstanceId(),
                                id -> new ArrayList<>()).add(activity));
                taskQuery.list().stream().filter(task -> rootIds.contains(task.getRootProcessInstanceId()))
                        .forEach(task -> tasksByRoot.computeIfAbsent(task.getRootProcessInstanceId(),
                                id -> new ArrayList<>()).add(task));
            }
        }
        Map<String, List<ServiceAction>> actionsByRoot = new HashMap<>();
        serviceRecord.actionsOfAll(rootIds).forEach(action -> actionsByRoot.computeIfAbsent(
                action.rootProcessInstanceId(), id -> new ArrayList<>()).add(action));

        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        catalogue.ofItem(item).forEach(clause -> counts.put(clause.number(), new int[5]));
        List<InstanceTrace> traces = new ArrayList<>();
        int completed = 0;
        Models models = new Models();
        for (HistoricProcessInstance root : roots) {
            InstanceTrace trace = trace(root, item, activitiesByRoot.getOrDefault(root.getId(), List.of()),
                    tasksByRoot.getOrDefault(root.getId(), List.of()), actionsByRoot.getOrDefault(root.getId(), List.of()),
                    models);
            traces.add(trace);
            if ("COMPLETED".equals(trace.state())) {
                completed++;
            }
            for (ClauseTrace clause : trace.clauses()) {
                int[] count = counts.get(clause.clause());
                count[clause.status().ordinal()]++;
                if (clause.late()) {
                    count[4]++;
                }
            }
        }
        List<ClauseSummary> clauses = new ArrayList<>();
        counts.forEach((clause, count) -> clauses.add(new ClauseSummary(clause, count[0], count[1], count[2], count[3], count[4])));
        ItemSummary summary = new ItemSummary(item, catalogue.ofItem(item).get(0).itemName(), from, to, keys,
                traces.size(), completed, clauses);
        return new PeriodReport(summary, catalogue.ofItem(item), traces);
    }

    /** An item's summary for a period, its clauses with their text, and the trace of every process in it. */
    public record PeriodReport(ItemSummary summary, List<Clause> clauseTexts, List<InstanceTrace> traces) {
    }

    public record ClauseSummary(String clause, int done, int pending, int notReached, int elsewhere, int late) {
    }

    public record ItemSummary(String item, String itemName, LocalDate from, LocalDate to, List<String> processKeys,
                              int instances, int completed, List<ClauseSummary> clauses) {
    }

    private static OffsetDateTime display(Date date) {
        return EngineTime.forDisplay(EngineTime.toLocal(date));
    }

    /** One flow node that carried out a clause. */
    public record Step(String processInstanceId, String activityId, String name, String actor, String actorGroup,
                       OffsetDateTime start, OffsetDateTime end, OffsetDateTime due, boolean late, String evidence) {

        static Step of(HistoricActivityInstance activity, HistoricTaskInstance task, ServiceAction action) {
            Date due = task == null ? null : task.getDueDate();
            Date end = activity.getEndTime();
            boolean late = due != null && (end != null ? end.after(due) : ClockUtil.getCurrentTime().after(due));
            String actor = action != null ? action.actor() : task != null ? task.getAssignee() : null;
            return new Step(activity.getProcessInstanceId(), activity.getActivityId(), activity.getActivityName(),
                    actor, action == null ? null : action.actorGroup(), display(activity.getStartTime()),
                    display(end), display(due), late, action == null ? null : action.evidence());
        }
    }

    public record ClauseTrace(String clause, String text, Status status, boolean outOfOrder, boolean late,
                              List<Step> steps) {
    }

    public record InstanceTrace(String processInstanceId, String processKey, String processName, String item,
                                String state, OffsetDateTime start, OffsetDateTime end, List<ClauseTrace> clauses) {
    }
}
