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
    static List<String> problems(String resource, BpmnModelInstance model, Collection<String> formIds,
                                 ClauseCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable()) {
                continue;
            }
            Integer days = historyDays(process.getCamundaHistoryTimeToLiveString());
            if (days == null || days < MIN_HISTORY_DAYS) {
                problems.add(resource + " " + process.getId() + "：historyTimeToLive 须不少于 " + MIN_HISTORY_DAYS
                        + " 天（7.2.6.7 记录保存不少于 1 年），当前为 " + process.getCamundaHistoryTimeToLiveString());
            }
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String clause = Clauses.of(node);
            String where = resource + " " + node.getId() + (clause == null ? "" : "（条款 " + clause + "）");
            if (clause != null) {
                for (String number : clause.split(",")) {
                    if (number.strip().matches("7\\.\\d+\\.\\d+\\.\\d+") && !catalogue.contains(number.strip())) {
                        problems.add(where + "：标准中没有条款 " + number.strip());
                    }
                }
            }
            if (node instanceof UserTask task) {
                String groups = task.getCamundaCandidateGroups();
                if (groups == null || !STAFF.containsAll(List.of(groups.split("\\s*,\\s*")))) {
                    problems.add(where + "：用户任务须指派给 management、technical 或 operations 组，当前为 " + groups);
                }
                if (task.getCamundaFormRef() == null || !"deployment".equals(task.getCamundaFormRefBinding())) {
                    problems.add(where + "：用户任务须引用同一部署中的 Camunda 表单（formRef，binding=deployment）");
                } else if (!formIds.contains(task.getCamundaFormRef())) {
                    problems.add(where + "：表单 " + task.getCamundaFormRef() + " 未随模型一起部署");
                }
            }
            if (node instanceof ServiceTask task && task.getCamundaDelegateExpression() == null) {
                problems.add(where + "：服务任务须通过 delegateExpression 调用 Spring Bean");
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
