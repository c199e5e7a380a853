package org.secflow.incident;

import static org.secflow.incident.EmergencyResponse.Vars.*;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.secflow.decision.DecisionService;
import org.secflow.decision.IncidentDecision;
import org.secflow.decision.IncidentFacts;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessVisibility;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.process.SlaBreach;
import org.secflow.process.SlaBreachMapper;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The use cases of emergency response (7.5.1): intake, grading, report, closing. */
@Service
public class IncidentService {

    private final IncidentMapper mapper;
    private final DecisionService decisions;
    private final ServiceRecord serviceRecord;
    private final SlaBreachMapper breaches;
    private final DocumentService documents;
    private final RuntimeService runtimeService;
    private final ProcessVisibility visibility;
    private final IncidentAlerts alerts;

    IncidentService(IncidentMapper mapper, DecisionService decisions, ServiceRecord serviceRecord,
                    SlaBreachMapper breaches, DocumentService documents, RuntimeService runtimeService,
                    ProcessVisibility visibility, IncidentAlerts alerts) {
        this.alerts = alerts;
        this.mapper = mapper;
        this.decisions = decisions;
        this.serviceRecord = serviceRecord;
        this.breaches = breaches;
        this.documents = documents;
        this.runtimeService = runtimeService;
        this.visibility = visibility;
    }

    /**
     * Intake over REST: starts an emergency response whose first steps register and grade the
     * incident in this same transaction; bad input starts nothing.
     */
    @Transactional
    public Incident report(IncidentReport report) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(TITLE, report.title());
        variables.put(DESCRIPTION, report.description());
        variables.put(CATEGORY, report.category());
        variables.put(SUBCATEGORY, report.subcategory());
        variables.put(OBJECT_IMPORTANCE, report.objectImportance());
        variables.put(SYSTEM_LOSS, report.systemLoss());
        variables.put(SOCIAL_IMPACT, report.socialImpact());
        variables.put(REPORTER_TYPE, report.reporterType());
        variables.put(AFFECTED_ASSETS, report.affectedAssets() == null ? null
                : String.join("\n", report.affectedAssets().stream()
                        .filter(asset -> asset != null && !asset.isBlank()).map(String::strip).toList()));
        variables.put(CHANNEL, report.channel());
        variables.put(MEASURES_TAKEN, report.measuresTaken());
        IncidentValidator.validateReport(variables);
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(EmergencyResponse.PROCESS_KEY, variables);
        return mapper.findByProcessInstance(instance.getId());
    }

    /** 7.5.1.5: keeps what was reported, from REST or from the Tasklist's start form. */
    public void register(DelegateExecution execution) {
        Map<String, Object> variables = execution.getVariables();
        IncidentValidator.validateReport(variables);
        Incident incident = new Incident();
        incident.setProcessInstanceId(execution.getProcessInstanceId());
        incident.setTitle((String) variables.get(TITLE));
        incident.setDescription((String) variables.get(DESCRIPTION));
        incident.setCategory((String) variables.get(CATEGORY));
        incident.setSubcategory((String) variables.get(SUBCATEGORY));
        incident.setObjectImportance((String) variables.get(OBJECT_IMPORTANCE));
        incident.setSystemLoss((String) variables.get(SYSTEM_LOSS));
        incident.setSocialImpact((String) variables.get(SOCIAL_IMPACT));
        incident.setReporterType((String) variables.get(REPORTER_TYPE));
        incident.setChannel((String) variables.get(CHANNEL));
        incident.setAffectedAssets((String) variables.get(AFFECTED_ASSETS));
        incident.setMeasuresTaken((String) variables.get(MEASURES_TAKEN));
        incident.setStatus(Incident.OPEN);
        incident.setReportedBy(serviceRecord.currentActor((String) variables.get(REPORTED_BY)));
        incident.setReportedAt(EngineTime.now());
        mapper.insert(incident);
        execution.setVariable(INCIDENT_ID, incident.getId());
        serviceRecord.recordStep(execution, Map.of("incidentId", incident.getId(), "channel", incident.getChannel()));
    }

    /** 7.5.1.2, 7.5.1.6: the first grade, decided by the rules from the reported facts. */
    public void grade(DelegateExecution execution) {
        decide(execution, null);
    }

    /** 7.5.1.6: a person changed the grading facts; the new grade is decided with the reason kept. */
    public void regrade(DelegateExecution execution) {
        IncidentValidator.validateRegrade(execution.getVariables());
        decide(execution, (String) execution.getVariable(REGRADE_REASON));
        // the form's checkbox is a question for this visit of the task only
        execution.setVariable(REGRADE, false);
    }

    private void decide(DelegateExecution execution, String reason) {
        Incident incident = mapper.findById((Long) execution.getVariable(INCIDENT_ID));
        incident.setObjectImportance((String) execution.getVariable(OBJECT_IMPORTANCE));
        incident.setSystemLoss((String) execution.getVariable(SYSTEM_LOSS));
        incident.setSocialImpact((String) execution.getVariable(SOCIAL_IMPACT));
        IncidentDecision decision = decisions.decideIncident(new IncidentFacts(incident.getObjectImportance(),
                incident.getSystemLoss(), incident.getSocialImpact(), incident.getReporterType()));

        // Deadlines run from the moment the incident was received, also after a re-grade.
        LocalDateTime received = incident.getReportedAt();
        incident.setGrade(decision.getGrade());
        incident.setGradeName(decision.getGradeName());
        incident.setMustReport(decision.isMustReport());
        incident.setFirstReportDue(after(received, decision.getFirstReportWithin()));
        incident.setRespondDue(after(received, decision.getRespondWithin()));
        incident.setOnSiteDue(after(received, decision.getOnSiteWithin()));
        incident.setResolveDue(after(received, decision.getResolveWithin()));
        incident.setReportDue(after(received, decision.getReportWithin()));
        incident.setRuleSetVersion(decision.getRuleSetVersion());
        mapper.updateGrade(incident);
        String actor = serviceRecord.currentActor(null);
        mapper.insertGrading(new IncidentGrading(incident.getId(), decision.getGrade(), decision.getGradeName(),
                incident.getObjectImportance(), incident.getSystemLoss(), incident.getSocialImpact(),
                decision.isMustReport(), reason, actor, EngineTime.now(), decision.getRuleSetVersion()));

        execution.setVariable(GRADE, decision.getGrade());
        execution.setVariable(GRADE_NAME, decision.getGradeName());
        execution.setVariable(MUST_REPORT, decision.isMustReport());
        execution.setVariable(FIRST_REPORT_DUE, EngineTime.toDate(incident.getFirstReportDue()));
        execution.setVariable(RESPOND_DUE, EngineTime.toDate(incident.getRespondDue()));
        execution.setVariable(ON_SITE_DUE, EngineTime.toDate(incident.getOnSiteDue()));
        execution.setVariable(RESOLVE_DUE, EngineTime.toDate(incident.getResolveDue()));
        execution.setVariable(REPORT_DUE, EngineTime.toDate(incident.getReportDue()));

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("grade", decision.getGrade());
        evidence.put("gradeName", decision.getGradeName());
        evidence.put("mustReport", decision.isMustReport());
        evidence.put("ruleSetVersion", decision.getRuleSetVersion());
        if (reason != null) {
            evidence.put("reason", reason);
        }
        serviceRecord.recordStep(execution, evidence);
        alerts.graded(incident, reason, actor);
    }

    private static LocalDateTime after(LocalDateTime start, Duration duration) {
        return duration == null ? null : start.plus(duration);
    }

    /** 7.5.1.10: renders the emergency response report from the records and keeps it as a new version. */
    public void renderReport(DelegateExecution execution) {
        Incident incident = mapper.findById((Long) execution.getVariable(INCIDENT_ID));
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.put("incident", incident);
        model.put("gradings", mapper.findGradings(incident.getId()));
        model.put("actions", serviceRecord.actionsOf(execution.getProcessInstanceId()));
        model.put("breaches", breaches.findByProcessInstance(execution.getProcessInstanceId()));
        model.put("generatedAt", EngineTime.forDisplay(EngineTime.now()));
        ServiceDocument document = documents.renderAndStore(execution.getProcessInstanceId(),
                EmergencyResponse.REPORT_KIND, "应急响应报告：" + incident.getTitle(), "emergency-response-report",
                model, serviceRecord.currentActor(null));
        serviceRecord.recordStep(execution, Map.of("document", document.kind(), "version", document.version()));
    }

    /** 7.5.1.11: asks the emergency plan process for a revision, with the incident's proposal. */
    public void requestPlanRevision(DelegateExecution execution) {
        runtimeService.createMessageCorrelation(EmergencyResponse.MESSAGE_PLAN_REVISION)
                .setVariable("sourceIncidentId", execution.getVariable(INCIDENT_ID))
                .setVariable(IMPROVEMENT_PROPOSAL, execution.getVariable(IMPROVEMENT_PROPOSAL))
                .correlateStartMessage();
        serviceRecord.recordStep(execution, Map.of("message", EmergencyResponse.MESSAGE_PLAN_REVISION));
    }

    /** The incident's handling is over: the record is closed. */
    public void close(DelegateExecution execution) {
        long id = (Long) execution.getVariable(INCIDENT_ID);
        mapper.close(id, EngineTime.now());
        serviceRecord.recordStep(execution, Map.of("status", Incident.CLOSED));
    }

    /** The incident with its grading history, if the caller may read its process history. */
    public IncidentDetails details(long id) {
        Incident incident = visible(id);
        return new IncidentDetails(incident, mapper.findGradings(id),
                serviceRecord.actionsOf(incident.getProcessInstanceId()),
                breaches.findByProcessInstance(incident.getProcessInstanceId()));
    }

    /** The latest emergency response report of the incident. */
    public ServiceDocument report(long id) {
        Incident incident = visible(id);
        return documents.latest(incident.getProcessInstanceId(), EmergencyResponse.REPORT_KIND)
                .orElseThrow(() -> new NotFoundException("事件 " + id + " 的应急响应报告尚未编制"));
    }

    /** The incident, if the caller may read its process's records. */
    private Incident visible(long id) {
        Incident incident = mapper.findById(id);
        visibility.requireReadable(incident == null ? null : incident.getProcessInstanceId(),
                "事件 " + id + " 不存在或无权查看");
        return incident;
    }

    /** An incident with everything recorded about it. */
    public record IncidentDetails(Incident incident, List<IncidentGrading> gradings,
                                  List<ServiceAction> actions, List<SlaBreach> breaches) {
    }
}
