package org.secflow.servicemanagement;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceRecord;
import org.secflow.report.ServiceDocument;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * 上线检测 (5.1.2 e): each round of checks ends in a go/no-go decision by management, kept in {@code launch_decision}
 * and rendered as a new version of the 上线检测报告 (findings, decision, conditions, who decided when).
 */
@Service
public class LaunchCheck {

    static final String KEY = "launchCheck";
    static final String REPORT = "上线检测报告";
    static final List<String> DECISIONS = List.of("准予上线", "有条件上线", "不予上线");

    private final ServiceManagementMapper mapper;
    private final ServiceRecord serviceRecord;
    private final Documents documents;

    LaunchCheck(ServiceManagementMapper mapper, ServiceRecord serviceRecord, Documents documents) {
        this.mapper = mapper;
        this.serviceRecord = serviceRecord;
        this.documents = documents;
    }

    public void recordDecision(DelegateExecution execution) {
        Object decision = execution.getVariable("launchDecision");
        Object reason = execution.getVariable("decisionReason");
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            throw new InvalidInputException("上线结论有误", List.of(new FieldError("launchDecision",
                    "上线结论须为 " + String.join("、", DECISIONS))));
        }
        if (reason == null || reason.toString().isBlank()) {
            throw new InvalidInputException("decisionReason", "结论依据：必填");
        }
        Object conditions = execution.getVariable("launchConditions");
        if ("有条件上线".equals(decision) && (conditions == null || conditions.toString().isBlank())) {
            throw new InvalidInputException("launchConditions", "有条件上线须写明上线条件");
        }
        int findings = execution.getVariable("findingCount") instanceof Number n ? n.intValue() : 0;
        LaunchDecision recorded = new LaunchDecision(execution.getProcessInstanceId(),
                String.valueOf(execution.getVariable("systemName")), decision.toString(), findings,
                reason.toString().strip(), serviceRecord.currentActor(null), EngineTime.now());
        mapper.insertLaunchDecision(recorded);
        ServiceDocument report = documents.render(execution, REPORT, "launch-check-report",
                Map.of("decisions", mapper.launchDecisions(execution.getProcessInstanceId())));
        serviceRecord.recordStep(execution, Map.of("launchDecision", recorded.decision(), "findingCount", findings,
                "document", REPORT, "version", report.version()));
    }

    public List<LaunchDecision> decisions(String processInstanceId) {
        return mapper.launchDecisions(processInstanceId);
    }
}
