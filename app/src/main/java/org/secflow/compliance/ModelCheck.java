package org.secflow.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.secflow.process.Clauses;

/**
 * The conventions every model keeps (ARCHITECTURE.md), as a list of problems naming the element,
 * its clause and what is wrong: records kept at least a year, every user task routed to a staff
 * group and given a Camunda Form of the same deployment, service tasks calling beans, clause
 * values that exist, and every sub-clause of a service item carried by some flow node.
 */
final class ModelCheck {

    static final int MIN_HISTORY_DAYS = 365;
    private static final Set<String> STAFF = Set.of("management", "technical", "operations");

    private ModelCheck() {
    }

    /** Problems of one model; {@code formIds} are the forms deployed with it. */
    static List<ModelProblem> problems(String resource, BpmnModelInstance model, Collection<String> formIds,
                                       ClauseCatalogue catalogue) {
        List<ModelProblem> problems = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable()) {
                continue;
            }
            Integer days = historyDays(process.getCamundaHistoryTimeToLiveString());
            if (days == null || days < MIN_HISTORY_DAYS) {
                problems.add(new ModelProblem(resource, process.getId(), null, "historyTimeToLive 须不少于 "
                        + MIN_HISTORY_DAYS + " 天（7.2.6.7 记录保存不少于 1 年），当前为 "
                        + process.getCamundaHistoryTimeToLiveString()));
            }
        }
        // in a service item's model every person's step says which sub-clause it does (shared steps take the caller's)
        boolean servesItem = model.getModelElementsByType(Process.class).stream().anyMatch(p -> itemOf(p) != null);
        // by the flows' targetRef: a task need not list its incoming flows in the XML
        Set<String> flowTargets = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.SequenceFlow.class)
                .stream().filter(flow -> flow.getTarget() != null).map(flow -> flow.getTarget().getId())
                .collect(java.util.stream.Collectors.toSet());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String clause = Clauses.of(node);
            java.util.function.Consumer<String> problem =
                    message -> problems.add(new ModelProblem(resource, node.getId(), clause, message));
            if (clause != null) {
                for (String number : clause.split(",")) {
                    if (number.strip().matches("7\\.\\d+\\.\\d+\\.\\d+") && !catalogue.contains(number.strip())) {
                        problem.accept("标准中没有条款 " + number.strip());
                    }
                }
            }
            if (node instanceof UserTask task) {
                if (task.getName() == null || task.getName().isBlank()) {
                    problem.accept("用户任务须有名称（任务列表、记录和报告中以它称呼这一步）");
                }
                if (!flowTargets.contains(task.getId()) && !task.isForCompensation()) {
                    problem.accept("用户任务没有进入的顺序流，流程永远不会执行到它");
                }
                if (clause == null && servesItem) {
                    problem.accept("用户任务须标注它所执行的条款（clause 属性）");
                }
                String groups = task.getCamundaCandidateGroups();
                if (groups == null || !STAFF.containsAll(List.of(groups.split("\\s*,\\s*")))) {
                    problem.accept("用户任务须指派给 management、technical 或 operations 组，当前为 " + groups);
                }
                if (task.getCamundaFormRef() == null || !"deployment".equals(task.getCamundaFormRefBinding())) {
                    problem.accept("用户任务须引用同一部署中的 Camunda 表单（formRef，binding=deployment）");
                } else if (!formIds.contains(task.getCamundaFormRef())) {
                    problem.accept("表单 " + task.getCamundaFormRef() + " 未随模型一起部署");
                }
            }
            if (node instanceof ServiceTask task && task.getCamundaDelegateExpression() == null) {
                problem.accept("服务任务须通过 delegateExpression 调用 Spring Bean");
            }
        }
        return problems;
    }

    /** Sub-clauses of the service items these models are for that no flow node carries. */
    static List<String> missingClauses(Collection<String> items, Map<String, ?> carried, ClauseCatalogue catalogue) {
        return items.stream().flatMap(item -> catalogue.ofItem(item).stream())
                .map(Clause::number).filter(number -> !carried.containsKey(number)).toList();
    }

    static String itemOf(Process process) {
        String clause = Clauses.of(process);
        return clause != null && clause.matches("7\\.\\d+\\.\\d+") ? clause : null;
    }

    private static Integer historyDays(String ttl) {
        if (ttl == null || ttl.isBlank()) {
            return null;
        }
        String days = ttl.strip().startsWith("P") ? ttl.strip().substring(1, ttl.strip().length() - 1) : ttl.strip();
        try {
            return Integer.parseInt(days);
        } catch (NumberFormatException notDays) {
            return null;
        }
    }
}
