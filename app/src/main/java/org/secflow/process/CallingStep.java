package org.secflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * The node of a service item that called a shared step (processes/shared/): the shared step carries no
 * clause of its own, it does the clause of the call activity that started it, for that item.
 *
 * @param clause      the clause numbers of the calling node, e.g. {@code 7.2.5.3}
 * @param processName the calling process, e.g. {@code 终端安全 7.2.5}
 * @param stepName    the calling node, e.g. {@code 评审终端安全方案}
 */
public record CallingStep(String clause, String processName, String stepName) {

    /** The first calling node up the chain that carries a clause, or null for a process nobody called. */
    public static CallingStep of(DelegateExecution execution) {
        ExecutionEntity caller = ((ExecutionEntity) execution).getProcessInstance().getSuperExecution();
        while (caller != null) {
            FlowElement node = caller.getBpmnModelElementInstance();
            String clause = Clauses.of(node);
            if (clause != null) {
                String processName = caller.getProcessDefinition().getName();
                return new CallingStep(clause, processName != null ? processName : caller.getProcessDefinition().getKey(),
                        node.getName() != null ? node.getName() : node.getId());
            }
            caller = caller.getProcessInstance().getSuperExecution();
        }
        return null;
    }

    /** The service item and step, as the Tasklist card shows it: {@code 终端安全 7.2.5 · 评审终端安全方案}. */
    public String service() {
        return processName + " · " + stepName;
    }

    /** The whole line, as the task's description shows it: {@code 条款 7.2.5.3 · 终端安全 7.2.5 · 评审终端安全方案}. */
    public String describe() {
        return "条款 " + clause + " · " + service();
    }
}
