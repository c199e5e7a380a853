package org.secflow.process;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Adds to every user task of every model the service-record listener and the clause as a task
 * variable, so that no model can forget them and administrators' models get them too.
 */
@Component
public class ServiceRecordPlugin extends AbstractProcessEnginePlugin {

    /** Task variable with the clause numbers the task carries out. */
    public static final String CLAUSE_VARIABLE = "clause";

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
        TaskListener showClause = task -> task.setVariableLocal(CLAUSE_VARIABLE,
                Clauses.of(task.getBpmnModelElementInstance()));
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, showClause);
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, recordCompletion);
            }
        });
    }
}
