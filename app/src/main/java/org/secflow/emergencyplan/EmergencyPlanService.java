package org.secflow.emergencyplan;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceRecord;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/** Emergency plans per grade: drafts (7.5.1.3), training and publication (7.5.1.4). */
@Service
public class EmergencyPlanService {

    /** The grades a plan is written for and the form fields that carry each plan's text. */
    static final Map<String, String> PLAN_FIELDS = new LinkedHashMap<>();

    static {
        PLAN_FIELDS.put("I", "planGradeI");
        PLAN_FIELDS.put("II", "planGradeII");
        PLAN_FIELDS.put("III", "planGradeIII");
        PLAN_FIELDS.put("IV", "planGradeIV");
    }

    static final String TRAINING_INCOMPLETE = "TRAINING_INCOMPLETE";

    private final EmergencyPlanMapper mapper;
    private final ServiceRecord serviceRecord;

    EmergencyPlanService(EmergencyPlanMapper mapper, ServiceRecord serviceRecord) {
        this.mapper = mapper;
        this.serviceRecord = serviceRecord;
    }

    /** 7.5.1.3: keeps the four graded plans of this version as drafts; a revision supersedes the last draft. */
    public void saveDraft(DelegateExecution execution) {
        List<FieldError> missing = new ArrayList<>();
        String version = text(execution, "planVersion");
        if (version == null) {
            missing.add(new FieldError("planVersion", "预案版本号：必填"));
        }
        PLAN_FIELDS.forEach((grade, field) -> {
            if (text(execution, field) == null) {
                missing.add(new FieldError(field, grade + "级事件预案：必填"));
            }
        });
        if (!missing.isEmpty()) {
            throw new InvalidInputException("应急预案不完整", missing);
        }
        String actor = serviceRecord.currentActor(null);
        LocalDateTime now = EngineTime.now();
        mapper.supersedeDrafts(execution.getProcessInstanceId());
        PLAN_FIELDS.forEach((grade, field) -> mapper.insertPlan(new EmergencyPlan(execution.getProcessInstanceId(),
                version, grade, text(execution, field), EmergencyPlan.DRAFT, actor, now, null)));
        serviceRecord.recordStep(execution, Map.of("planVersion", version, "grades", PLAN_FIELDS.keySet()));
    }

    /**
     * 7.5.1.4: records the training entered in the previous task and publishes the reviewed plans;
     * without a training with at least one participant the plans are not published and the
     * training task comes back (BPMN error {@value #TRAINING_INCOMPLETE}).
     */
    public void publish(DelegateExecution execution) {
        String participants = text(execution, "participants");
        List<String> names = participants == null ? List.of()
                : participants.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        LocalDateTime heldAt = EngineTime.parse(execution.getVariable("trainingDate"));
        String trainer = text(execution, "trainer");
        if (names.isEmpty() || heldAt == null || trainer == null) {
            throw new BpmnError(TRAINING_INCOMPLETE, "发布前须记录培训时间、讲师和参训人员");
        }
        String version = text(execution, "planVersion");
        mapper.insertTraining(new PlanTraining(execution.getProcessInstanceId(), version, heldAt, trainer,
                String.join("\n", names), names.size(), text(execution, "trainingContent"),
                serviceRecord.currentActor(null)));
        mapper.publish(execution.getProcessInstanceId(), EngineTime.now());
        serviceRecord.recordStep(execution, Map.of("planVersion", version, "participants", names.size()));
    }

    public List<EmergencyPlan> plans(String processInstanceId) {
        return mapper.findByProcessInstance(processInstanceId);
    }

    public List<PlanTraining> trainings(String processInstanceId) {
        return mapper.findTrainings(processInstanceId);
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
