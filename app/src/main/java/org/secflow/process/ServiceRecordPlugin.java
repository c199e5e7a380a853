package org.secflow.process;

import java.lang.reflect.Field;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Adds to every user task of every model the service-record listener and the clause as a task
 * variable, and to every process its readable subject, so that no model can forget them and
 * administrators' models get them too.
 */
@Component
public class ServiceRecordPlugin extends AbstractProcessEnginePlugin {

    /** Task variable with the clause numbers the task carries out (for a shared step: those of its calling node). */
    public static final String CLAUSE_VARIABLE = "clause";
    /** Task variable of a shared step's task: the service item and node that called it, e.g. 边界安全 7.2.1 · 组织评审并获取授权. */
    public static final String SERVICE_VARIABLE = "serviceStep";

    private static final Field TASK_VARIABLES = taskVariables();

    private final ServiceRecord serviceRecord;

    public ServiceRecordPlugin(ServiceRecord serviceRecord) {
        this.serviceRecord = serviceRecord;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        TaskListener recordCompletion = serviceRecord::recordTaskCompleted;
        // the clause on the task itself, so that the Tasklist's cards and filters can show it
        TaskListener showClause = ServiceRecordPlugin::showClause;
        ExecutionListener setSubject = ProcessSubject::setAtStart;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, setSubject);
            }

            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, showClause);
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, recordCompletion);
            }
        });
    }

    /**
     * A task of a shared step carries no clause: it shows the clause, service item and step of the node
     * that called it (card variables, and the description when the model gives none), so that three
     * identical review cards tell which service each belongs to.
     */
    static void showClause(DelegateTask task) {
        if (task instanceof TaskEntity entity) {
            hasNoStoredVariables(entity);
        }
        String clause = Clauses.of(task.getBpmnModelElementInstance());
        if (clause == null) {
            CallingStep caller = CallingStep.of(task.getExecution());
            if (caller != null) {
                clause = caller.clause();
                task.setVariableLocal(SERVICE_VARIABLE, caller.service());
                if (task.getDescription() == null || task.getDescription().isBlank()) {
                    task.setDescription(caller.describe());
                }
            }
        }
        task.setVariableLocal(CLAUSE_VARIABLE, clause);
    }

    /**
     * A task being created has no variables in the database yet: its variable store starts empty, as the engine
     * starts a new execution's, instead of asking the database for them at its first variable (a query joining two
     * executions, once per task).
     */
    private static void hasNoStoredVariables(TaskEntity task) {
        try {
            VariableStore<?> store = (VariableStore<?>) TASK_VARIABLES.get(task);
            if (!store.isInitialized()) {
                store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
                store.forceInitialization();
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field taskVariables() {
        try {
            Field field = TaskEntity.class.getDeclaredField("variableStore");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda's TaskEntity has no variable store field any more", e);
        }
    }
}
