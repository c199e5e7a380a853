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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessSubject;
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

    /**
     * Up to this many processes are read process by process (a few indexed queries each), more by process definition
     * from the earliest start (every step of those models since then).
     */
    private static final int FEW = 100;

    private final HistoryService historyService;
    private final ConformanceResults results;
    private final RepositoryService repositoryService;
    private final ClauseCatalogue catalogue;
    private final ServiceRecord serviceRecord;
    private final ProcessVisibility visibility;
    private final Evidence evidence;
    /**
     * Per process definition: the clauses its flow nodes carry, and the service item it carries out. A deployed
     * definition never changes, so these are read from its model once, not at every process's end (a walk of the
     * whole model each time).
     */
    private final Map<String, Set<String>> clausesCarried = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> itemsCarried = new ConcurrentHashMap<>();

    ConformanceService(HistoryService historyService, RepositoryService repositoryService, ClauseCatalogue catalogue,
                       ServiceRecord serviceRecord, ProcessVisibility visibility, Evidence evidence,
                       ConformanceResults results) {
        this.historyService = historyService;
        this.results = results;
        this.repositoryService = repositoryService;
        this.catalogue = catalogue;
        this.serviceRecord = serviceRecord;
        this.visibility = visibility;
        this.evidence = evidence;
    }

    public InstanceTrace trace(String processInstanceId) {
        visibility.requireReadable(processInstanceId, "服务流程 " + processInstanceId + " 不存在或无权查看");
        HistoricProcessInstance root = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        String item = itemOf(root.getProcessDefinitionId(), root.getProcessDefinitionKey());
        if (item == null) {
            throw new NotFoundException("流程 " + root.getProcessDefinitionKey() + " 不是第 7 章的服务项目");
        }
        return traces(item, List.of(root), null, new HistoryReads(), true).get(0);
    }

    /**
     * The readable subject (事项) of each process: its {@code subject} variable, set at start; for processes
     * started before there was one, the incident title or the business key. Read in chunks of 500 ids.
     */
    public Map<String, String> subjectsOf(List<HistoricProcessInstance> instances) {
        Map<String, Map<String, Object>> values = new HashMap<>();
        List<String> ids = instances.stream().map(HistoricProcessInstance::getId).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(ids.subList(from, Math.min(ids.size(), from + 500)).toArray(String[]::new))
                    .variableNameIn(ProcessSubject.VARIABLE, "title").disableCustomObjectDeserialization().list()) {
                values.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                        .put(variable.getName(), variable.getValue());
            }
        }
        Map<String, String> subjects = new HashMap<>();
        for (HistoricProcessInstance instance : instances) {
            Map<String, Object> own = values.getOrDefault(instance.getId(), Map.of());
            Object subject = own.get(ProcessSubject.VARIABLE) != null ? own.get(ProcessSubject.VARIABLE)
                    : own.get("title") != null ? own.get("title") : instance.getBusinessKey();
            if (subject != null && !subject.toString().isBlank()) {
                subjects.put(instance.getId(), subject.toString());
            }
        }
        return subjects;
    }

    /**
     * The models met while tracing, each asked from the engine once: every question is a command with
     * its own authorization check, which over a period of thousands of processes cost most of the time.
     */
    private final class Models {
        private final Map<String, BpmnModelInstance> byDefinition = new HashMap<>();

        BpmnModelInstance of(String processDefinitionId) {
            return byDefinition.computeIfAbsent(processDefinitionId, repositoryService::getBpmnModelInstance);
        }

        /** The name of the model's process (e.g. 评审并获取授权（共用）), else its key. */
        String processName(String processDefinitionId, String processKey) {
            Process process = of(processDefinitionId).getModelElementById(processKey);
            return process != null && process.getName() != null ? process.getName() : processKey;
        }

        /** The clauses the flow nodes of a model carry. */
        Set<String> carriedBy(String processDefinitionId) {
            return clausesCarried.computeIfAbsent(processDefinitionId, id -> {
                Set<String> clauses = new HashSet<>();
                for (FlowNode node : of(id).getModelElementsByType(FlowNode.class)) {
                    String value = Clauses.of(node);
                    if (value != null) {
                        for (String clause : value.split(",")) {
                            clauses.add(clause.strip());
                        }
                    }
                }
                return Set.copyOf(clauses);
            });
        }
    }

    /** The trace of one service process from its history, already loaded (for one process or a whole period). */
    private InstanceTrace trace(HistoricProcessInstance root, String item, List<HistoricActivityInstance> activities,
                                List<HistoricTaskInstance> taskList, List<ServiceAction> actions, Models models,
                                String subject) {
        History history = new History(activities, taskList, actions, models);
        Map<String, List<Step>> stepsByClause = new HashMap<>();
        for (HistoricActivityInstance activity : history.ordered(activities)) {
            BpmnModelInstance model = models.of(activity.getProcessDefinitionId());
            String clauses = Clauses.of(model.<BaseElement>getModelElementById(activity.getActivityId()));
            if (clauses == null || activity.isCanceled()) {
                continue;
            }
            Step step = history.step(activity, null);
            for (String clause : clauses.split(",")) {
                stepsByClause.computeIfAbsent(clause.strip(), c -> new ArrayList<>()).add(step);
            }
        }

        Set<String> carriedByModel = models.carriedBy(root.getProcessDefinitionId());
        List<ClauseTrace> trace = new ArrayList<>();
        OffsetDateTime firstStartOfEarlier = null;
        List<Clause> clausesOfItem = catalogue.ofItem(item);
        if (clausesOfItem.isEmpty()) {
            // a platform function outside section 7 (5.1.2 e): the clauses its model carries
            clausesOfItem = carriedByModel.stream().sorted()
                    .map(number -> catalogue.outsideSection7(number, root.getProcessDefinitionName()))
                    .filter(java.util.Objects::nonNull).toList();
        }
        for (Clause clause : clausesOfItem) {
            List<Step> steps = stepsByClause.getOrDefault(clause.number(), List.of()).stream()
                    .sorted(Comparator.comparing(Step::start)).toList();
            Status status = !carriedByModel.contains(clause.number()) ? Status.ELSEWHERE
                    : steps.isEmpty() ? Status.NOT_REACHED
                    : steps.stream().anyMatch(Step::done) ? Status.DONE : Status.PENDING;
            OffsetDateTime firstStart = steps.isEmpty() ? null : steps.get(0).start();
            boolean outOfOrder = firstStart != null && firstStartOfEarlier != null && firstStart.isBefore(firstStartOfEarlier);
            if (firstStart != null && (firstStartOfEarlier == null || firstStart.isAfter(firstStartOfEarlier))) {
                firstStartOfEarlier = firstStart;
            }
            trace.add(new ClauseTrace(clause.number(), clause.text(), status, outOfOrder,
                    steps.stream().anyMatch(Step::late), steps));
        }
        return new InstanceTrace(root.getId(), root.getProcessDefinitionKey(), root.getProcessDefinitionName(),
                item, subject, root.getBusinessKey(), root.getEndTime() == null ? "RUNNING" : "COMPLETED",
                display(root.getStartTime()), display(root.getEndTime()), trace);
    }

    /** The service item a process definition carries out, or null. */
    private String itemOf(String processDefinitionId, String processDefinitionKey) {
        return itemsCarried.computeIfAbsent(processDefinitionId, id -> Optional.ofNullable(Clauses.of(
                repositoryService.getBpmnModelInstance(id).<Process>getModelElementById(processDefinitionKey)))).orElse(null);
    }

    /**
     * Per service item and period: how many of its processes ran, and for each sub-clause in how
     * many it was done, pending, not reached or late. Processes the caller may not read are left out.
     */
    public ItemSummary summary(String item, LocalDate from, LocalDate to) {
        return summary(item, from, to, new HistoryReads());
    }

    /**
     * {@link #summary(String, LocalDate, LocalDate)}: the ended processes' outcomes as kept when they ended (see
     * {@link #endedOutcomes}), only the running ones traced from their history.
     */
    public ItemSummary summary(String item, LocalDate from, LocalDate to, HistoryReads reads) {
        Scope scope = scope(item, from, to);
        Map<String, Outcome> outcomes = new HashMap<>(endedOutcomes(
                scope.roots().stream().filter(root -> root.getEndTime() != null).toList()));
        List<HistoricProcessInstance> running = scope.roots().stream().filter(root -> root.getEndTime() == null).toList();
        traces(item, running, scope.start(), reads, false).forEach(trace -> outcomes.put(trace.processInstanceId(), Outcome.of(trace)));
        return summaryOf(scope, scope.roots().stream().map(root -> outcomes.get(root.getId()))
                .filter(java.util.Objects::nonNull).toList());
    }

    /**
     * The summary of an item and period together with the trace of each of its processes (the period
     * report). The history of all its processes is read in a few queries per process definition, not
     * process by process, so that a quarter of a busy item stays fast.
     */
    public PeriodReport periodReport(String item, LocalDate from, LocalDate to) {
        Scope scope = scope(item, from, to);
        List<InstanceTrace> traces = traces(item, scope.roots(), scope.start(), new HistoryReads(), true);
        return new PeriodReport(summaryOf(scope, traces.stream().map(Outcome::of).toList()), scope.clauses(), traces);
    }

    /**
     * The outcome of the clause check of ended service processes, by process instance: the one kept when each
     * ended, or, for a process without one (it ended before outcomes were kept, or its keeping was lost with a
     * node), traced now from its whole history and kept. An ended process's history no longer changes, so
     * neither does its outcome; the whole history decides it, not the caller's authorizations (callers
     * choose which processes they may ask about). Processes that are not service processes of section 7 are left out.
     */
    public Map<String, Outcome> endedOutcomes(List<HistoricProcessInstance> endedRoots) {
        Map<String, Outcome> outcomes = new HashMap<>(results.find(
                endedRoots.stream().map(HistoricProcessInstance::getId).toList()));
        List<HistoricProcessInstance> missing = endedRoots.stream()
                .filter(root -> root.getEndTime() != null && !outcomes.containsKey(root.getId())).toList();
        if (missing.isEmpty()) {
            return outcomes;
        }
        visibility.asPlatform(() -> {
            Map<String, List<HistoricProcessInstance>> byItem = new TreeMap<>();
            for (HistoricProcessInstance root : missing) {
                String item = itemOf(root.getProcessDefinitionId(), root.getProcessDefinitionKey());
                if (item != null && !catalogue.clausesOf(item).isEmpty()) {
                    byItem.computeIfAbsent(item, key -> new ArrayList<>()).add(root);
                }
            }
            HistoryReads reads = new HistoryReads();
            byItem.forEach((item, roots) -> {
                Date earliestStart = roots.stream().map(HistoricProcessInstance::getStartTime).min(Date::compareTo).orElseThrow();
                for (InstanceTrace trace : traces(item, roots, earliestStart, reads, false)) {
                    Outcome outcome = Outcome.of(trace);
                    results.keep(item, outcome);
                    outcomes.put(outcome.processInstanceId(), outcome);
                }
            });
            return null;
        });
        return outcomes;
    }

    /** Keeps the outcome of a service process that has just ended (called after its end was committed). */
    void keepOutcomeOf(String processInstanceId) {
        HistoricProcessInstance root = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (root != null && root.getEndTime() != null) {
            endedOutcomes(List.of(root));
        }
    }

    /**
     * The history of process definitions that period reports read, kept for one computation over several items of
     * the same period (the Appendix B measures, the dashboard): the shared steps that many items call are then read
     * once, not once per item. Read under the caller's authorizations, so not for another caller.
     */
    public static final class HistoryReads {
        private final Map<String, List<HistoricActivityInstance>> activities = new HashMap<>();
        private final Map<String, List<HistoricTaskInstance>> tasks = new HashMap<>();
    }

    /** An item and period asked about: its clauses, its models' keys and the processes started in the period. */
    private record Scope(String item, LocalDate from, LocalDate to, Date start, List<Clause> clauses, List<String> keys,
                         List<HistoricProcessInstance> roots) {
    }

    private Scope scope(String item, LocalDate from, LocalDate to) {
        List<Clause> itemClauses = catalogue.clausesOf(item);
        if (itemClauses.isEmpty()) {
            throw new InvalidInputException("item", "服务项目：标准第 7 章没有「" + item + "」");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "结束日期不得早于开始日期");
        }
        List<String> keys = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .filter(definition -> item.equals(itemOf(definition.getId(), definition.getKey())))
                .map(ProcessDefinition::getKey).toList();
        Date start = from == null ? null : EngineTime.toDate(from.atStartOfDay());
        List<HistoricProcessInstance> roots = visibility.readingAllHistoryIfGranted(() -> {
            List<HistoricProcessInstance> read = new ArrayList<>();
            for (String key : keys) {
                var query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key);
                if (start != null) {
                    query.startedAfter(start);
                }
                if (to != null) {
                    query.startedBefore(EngineTime.toDate(to.plusDays(1).atStartOfDay()));
                }
                query.orderByProcessInstanceStartTime().asc().list().stream()
                        .filter(instance -> instance.getSuperProcessInstanceId() == null).forEach(read::add);
            }
            return read;
        });
        return new Scope(item, from, to, start, itemClauses, keys, roots);
    }

    private ItemSummary summaryOf(Scope scope, List<Outcome> outcomes) {
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        scope.clauses().forEach(clause -> counts.put(clause.number(), new int[5]));
        int completed = 0;
        for (Outcome outcome : outcomes) {
            completed += outcome.ended() ? 1 : 0;
            for (ClauseOutcome clause : outcome.clauses()) {
                int[] count = counts.computeIfAbsent(clause.clause(), number -> new int[5]);
                count[clause.status().ordinal()]++;
                if (clause.late()) {
                    count[4]++;
                }
            }
        }
        List<ClauseSummary> clauses = new ArrayList<>();
        counts.forEach((clause, count) -> clauses.add(new ClauseSummary(clause, count[0], count[1], count[2], count[3], count[4])));
        return new ItemSummary(scope.item(), catalogue.itemName(scope.item()), scope.from(), scope.to(), scope.keys(),
                outcomes.size(), completed, clauses);
    }

    /**
     * The traces of an item's processes (roots), in their order. A few are read process by process; more are read
     * in a few queries per process definition from {@code start} (all history when null), taking what
     * {@code reads} holds already. The subjects only where the traces are shown.
     */
    private List<InstanceTrace> traces(String item, List<HistoricProcessInstance> roots, Date start, HistoryReads reads,
                                       boolean withSubjects) {
        if (roots.isEmpty()) {
            return List.of();
        }
        Set<String> rootIds = new HashSet<>();
        roots.forEach(root -> rootIds.add(root.getId()));
        Map<String, List<HistoricActivityInstance>> activitiesByRoot = new HashMap<>();
        Map<String, List<HistoricTaskInstance>> tasksByRoot = new HashMap<>();
        Map<String, String> subjects = visibility.readingAllHistoryIfGranted(() -> {
            readHistory(roots, rootIds, start, reads, activitiesByRoot, tasksByRoot);
            return withSubjects ? subjectsOf(roots) : Map.<String, String>of();
        });
        Map<String, List<ServiceAction>> actionsByRoot = new HashMap<>();
        serviceRecord.actionsOfAll(rootIds).forEach(action -> actionsByRoot.computeIfAbsent(
                action.rootProcessInstanceId(), id -> new ArrayList<>()).add(action));
        Models models = new Models();
        List<InstanceTrace> traces = new ArrayList<>();
        for (HistoricProcessInstance root : roots) {
            traces.add(trace(root, item, activitiesByRoot.getOrDefault(root.getId(), List.of()),
                    tasksByRoot.getOrDefault(root.getId(), List.of()), actionsByRoot.getOrDefault(root.getId(), List.of()),
                    models, subjects.get(root.getId())));
        }
        return traces;
    }

    /** The activities and tasks of the processes (roots) and of the steps they called, by root. */
    private void readHistory(List<HistoricProcessInstance> roots, Set<String> rootIds, Date start, HistoryReads reads,
                             Map<String, List<HistoricActivityInstance>> activitiesByRoot,
                             Map<String, List<HistoricTaskInstance>> tasksByRoot) {
        if (roots.size() <= FEW) {
            for (HistoricProcessInstance root : roots) {
                for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
                        .rootProcessInstanceId(root.getId()).list()) {
                    activitiesByRoot.computeIfAbsent(root.getId(), id -> new ArrayList<>()).addAll(historyService
                            .createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list());
                    tasksByRoot.computeIfAbsent(root.getId(), id -> new ArrayList<>()).addAll(historyService
                            .createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list());
                }
            }
        } else {
            // every version of the processes' models and of the steps they call, and the steps those call
            Set<String> involvedKeys = new HashSet<>();
            java.util.Deque<String> models = new java.util.ArrayDeque<>(roots.stream()
                    .map(HistoricProcessInstance::getProcessDefinitionId).distinct().toList());
            while (!models.isEmpty()) {
                BpmnModelInstance model = repositoryService.getBpmnModelInstance(models.pop());
                model.getModelElementsByType(Process.class).forEach(process -> involvedKeys.add(process.getId()));
                for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
                    if (involvedKeys.add(call.getCalledElement())) {
                        ProcessDefinition called = repositoryService.createProcessDefinitionQuery()
                                .processDefinitionKey(call.getCalledElement()).latestVersion().singleResult();
                        if (called != null) {
                            models.push(called.getId());
                        }
                    }
                }
            }
            for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKeysIn(involvedKeys.toArray(String[]::new)).list()) {
                String read = definition.getId() + "@" + (start == null ? "" : start.getTime());
                List<HistoricActivityInstance> definitionActivities = reads.activities.computeIfAbsent(read, key -> {
                    var query = historyService.createHistoricActivityInstanceQuery().processDefinitionId(definition.getId());
                    return (start == null ? query : query.startedAfter(start)).list();
                });
                List<HistoricTaskInstance> definitionTasks = reads.tasks.computeIfAbsent(read, key -> {
                    var query = historyService.createHistoricTaskInstanceQuery().processDefinitionId(definition.getId());
                    return (start == null ? query : query.startedAfter(start)).list();
                });
                definitionActivities.stream().filter(activity -> rootIds.contains(activity.getRootProcessInstanceId()))
                        .forEach(activity -> activitiesByRoot.computeIfAbsent(activity.getRootProcessInstanceId(),
                                id -> new ArrayList<>()).add(activity));
                definitionTasks.stream().filter(task -> rootIds.contains(task.getRootProcessInstanceId()))
                        .forEach(task -> tasksByRoot.computeIfAbsent(task.getRootProcessInstanceId(),
                                id -> new ArrayList<>()).add(task));
            }
        }
    }

    /**
     * What the clause check of one process found, clause by clause: what summaries and pass rates count, and what
     * is kept of an ended process. Conformant: no step of any clause late and no clause begun out of order.
     */
    public record Outcome(String processInstanceId, boolean ended, List<ClauseOutcome> clauses) {

        static Outcome of(InstanceTrace trace) {
            return new Outcome(trace.processInstanceId(), "COMPLETED".equals(trace.state()), trace.clauses().stream()
                    .map(clause -> new ClauseOutcome(clause.clause(), clause.status(), clause.late(), clause.outOfOrder()))
                    .toList());
        }

        public boolean conformant() {
            return clauses.stream().noneMatch(clause -> clause.late() || clause.outOfOrder());
        }
    }

    public record ClauseOutcome(String clause, Status status, boolean late, boolean outOfOrder) {
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

    /**
     * The history of one service process and the shared steps it called, indexed for building its steps:
     * activities per process instance in the order they happened, tasks, and the service record.
     */
    private final class History {
        private final Map<String, List<HistoricActivityInstance>> byInstance = new HashMap<>();
        private final Map<String, HistoricTaskInstance> tasks = new HashMap<>();
        private final Map<String, ServiceAction> actionsByTask = new HashMap<>();
        private final Map<String, ServiceAction> actionsByActivity = new HashMap<>();
        private final Models models;

        History(List<HistoricActivityInstance> activities, List<HistoricTaskInstance> taskList,
                List<ServiceAction> actions, Models models) {
            this.models = models;
            for (HistoricActivityInstance activity : activities) {
                byInstance.computeIfAbsent(activity.getProcessInstanceId(), id -> new ArrayList<>()).add(activity);
            }
            byInstance.replaceAll((id, list) -> ordered(list));
            taskList.forEach(task -> tasks.put(task.getId(), task));
            for (ServiceAction action : actions) {
                if (action.taskId() != null) {
                    actionsByTask.put(action.taskId(), action);
                }
                actionsByActivity.put(action.processInstanceId() + "/" + action.activityId(), action);
            }
        }

        /** In the order they happened: start times tie within a second on MySQL, the sequence counter does not. */
        List<HistoricActivityInstance> ordered(List<HistoricActivityInstance> activities) {
            return activities.stream().sorted(Comparator.comparing(HistoricActivityInstance::getStartTime)
                    .thenComparingLong(ConformanceService::sequenceOf)).toList();
        }

        ServiceAction actionOf(HistoricActivityInstance activity) {
            return activity.getTaskId() != null ? actionsByTask.get(activity.getTaskId())
                    : actionsByActivity.get(activity.getProcessInstanceId() + "/" + activity.getActivityId());
        }

        Step step(HistoricActivityInstance activity, Integer round) {
            HistoricTaskInstance task = activity.getTaskId() == null ? null : tasks.get(activity.getTaskId());
            ServiceAction action = actionOf(activity);
            CalledProcess called = "callActivity".equals(activity.getActivityType()) ? called(activity) : null;
            return Step.of(activity, task, action, action == null ? null : evidence.fields(action.evidence()), round,
                    called);
        }

        /**
         * What people did inside the shared step a call activity started: its tasks and recorded steps in
         * order, numbered in rounds (a round begins each time its first task comes again, e.g. a plan
         * reviewed again after it was sent back).
         */
        CalledProcess called(HistoricActivityInstance call) {
            String id = call.getCalledProcessInstanceId();
            List<HistoricActivityInstance> inner = id == null ? List.of() : byInstance.getOrDefault(id, List.of());
            if (inner.isEmpty()) {
                return null;
            }
            HistoricActivityInstance first = inner.get(0);
            String firstTask = inner.stream().filter(a -> "userTask".equals(a.getActivityType()))
                    .map(HistoricActivityInstance::getActivityId).findFirst().orElse(null);
            List<Step> steps = new ArrayList<>();
            int round = 0;
            for (HistoricActivityInstance activity : inner) {
                if (activity.isCanceled() && activity.getEndTime() != null) {
                    continue;
                }
                boolean isTask = "userTask".equals(activity.getActivityType());
                boolean isCall = "callActivity".equals(activity.getActivityType());
                if (!isTask && !isCall && actionOf(activity) == null) {
                    continue;
                }
                if (activity.getActivityId().equals(firstTask)) {
                    round++;
                }
                steps.add(step(activity, Math.max(round, 1)));
            }
            return new CalledProcess(id, first.getProcessDefinitionKey(),
                    models.processName(first.getProcessDefinitionId(), first.getProcessDefinitionKey()),
                    Math.max(round, 1), steps);
        }
    }

    private static long sequenceOf(HistoricActivityInstance activity) {
        return activity instanceof HistoricActivityInstanceEventEntity event ? event.getSequenceCounter() : 0L;
    }

    /**
     * One flow node that carried out a clause. For a call activity, {@code called} holds the steps done
     * inside the shared step, and actor, group and evidence are those of the person whose step decided
     * it (the last task done inside, e.g. the manager who approved the plan).
     */
    public record Step(String processInstanceId, String activityId, String activityType, String name, String actor,
                       String actorGroup,
                       OffsetDateTime start, OffsetDateTime end, OffsetDateTime due, boolean late, String evidence,
                       List<Evidence.Field> fields, Integer round, CalledProcess called) {

        static Step of(HistoricActivityInstance activity, HistoricTaskInstance task, ServiceAction action,
                       List<Evidence.Field> fields, Integer round, CalledProcess called) {
            Date due = task == null ? null : task.getDueDate();
            Date end = activity.getEndTime();
            boolean late = due != null && (end != null ? end.after(due) : ClockUtil.getCurrentTime().after(due));
            String actor = action != null ? action.actor() : task != null ? task.getAssignee() : null;
            String group = action == null ? null : action.actorGroup();
            String evidence = action == null ? null : action.evidence();
            if (called != null) {
                Step decider = called.decidingStep();
                if (decider != null) {
                    actor = decider.actor();
                    group = decider.actorGroup();
                    evidence = decider.evidence();
                    fields = decider.fields();
                }
                late = late || called.steps().stream().anyMatch(Step::late);
            }
            return new Step(activity.getProcessInstanceId(), activity.getActivityId(), activity.getActivityType(),
                    activity.getActivityName(),
                    actor, group, display(activity.getStartTime()), display(end), display(due), late, evidence,
                    fields == null ? List.of() : fields, round, called);
        }

        /** A person's task (user task), not an automatic step. */
        public boolean taskLike() {
            return "userTask".equals(activityType);
        }

        /** Done: ended, and for a shared step ended with its deciding step done (e.g. the review approved). */
        public boolean done() {
            return end != null && (called == null || called.decided());
        }
    }

    /**
     * The shared step a call activity started (a process of processes/shared/): its instance, name, how
     * many rounds it went (2 = sent back once and redone) and what was done inside, in order.
     */
    public record CalledProcess(String processInstanceId, String processKey, String processName, int rounds,
                                List<Step> steps) {

        /** The step of a person that decided the shared step: the last task done inside. */
        public Step decidingStep() {
            Step decider = null;
            for (Step step : steps) {
                if (step.end() != null && step.taskLike()) {
                    decider = step;
                }
            }
            return decider;
        }

        /** Whether the deciding step is done and nothing inside still waits. */
        public boolean decided() {
            return decidingStep() != null && steps.stream().allMatch(step -> step.end() != null);
        }
    }

    public record ClauseTrace(String clause, String text, Status status, boolean outOfOrder, boolean late,
                              List<Step> steps) {
    }

    public record InstanceTrace(String processInstanceId, String processKey, String processName, String item,
                                String subject, String businessKey, String state, OffsetDateTime start, OffsetDateTime end, List<ClauseTrace> clauses) {
    }
}
