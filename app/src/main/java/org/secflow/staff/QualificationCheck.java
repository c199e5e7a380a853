package org.secflow.staff;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A user task whose model names the qualification its work needs ({@code <camunda:property name="qualification"
 * value="渗透测试"/>}, e.g. the testing steps of 7.3.5) is checked whenever it is claimed or assigned: when the new
 * assignee holds no valid qualification for that work, the task gets the local variable {@value #WARNING}, which
 * the task's form shows (read-only, 资质提醒) and the Tasklist's cards list, so that whoever assigned it (and the
 * assignee) sees it at once; assigning to a qualified person removes it. It warns and does not refuse: the
 * provider may let an unqualified person work under supervision, and the engine's history keeps the warning.
 */
@Component
class QualificationCheck extends AbstractProcessEnginePlugin {

    static final String PROPERTY = "qualification";
    static final String WARNING = "qualificationWarning";

    private final StaffService staff;

    QualificationCheck(@Lazy StaffService staff) {
        this.staff = staff;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                String work = requiredQualification(userTaskElement);
                if (work != null) {
                    TaskListener check = task -> check(task, work);
                    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                            .addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, check);
                }
            }
        });
    }

    void check(DelegateTask task, String work) {
        String warning = task.getAssignee() == null ? null : staff.missingQualification(task.getAssignee(), work);
        if (warning == null) {
            task.removeVariableLocal(WARNING);
        } else {
            task.setVariableLocal(WARNING, warning);
        }
    }

    private static String requiredQualification(Element userTask) {
        Element properties = BpmnParseUtil.findCamundaExtensionElement(userTask, "properties");
        if (properties == null) {
            return null;
        }
        for (Element property : properties.elements()) {
            if (PROPERTY.equals(property.attribute("name")) && property.attribute("value") != null
                    && !property.attribute("value").isBlank()) {
                return property.attribute("value").strip();
            }
        }
        return null;
    }
}
