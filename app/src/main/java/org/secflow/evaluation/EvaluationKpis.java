package org.secflow.evaluation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.secflow.compliance.ConformanceService;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessVisibility;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.servicedesk.TicketService;
import org.secflow.vulnerability.VulnerabilityService;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The measurable items of Appendix B computed from the engine's history and the service record for a
 * period: how fast incidents were brought under control against their resolve deadline, how many tasks
 * with a deadline were completed in time (overall and per person), how complete the record is, training
 * coverage and pass rate, the share of service processes that passed the clause check, vulnerability fix
 * and risk remediation rates, and ticket response times. Only history the caller may read counts.
 */
@Service
public class EvaluationKpis {

    private static final int CHUNK = 500;

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ServiceRecord serviceRecord;
    private final ConformanceService conformance;
    private final VulnerabilityService vulnerabilities;
    private final TicketService tickets;
    private final ProcessVisibility visibility;

    EvaluationKpis(HistoryService historyService, RepositoryService repositoryService, ServiceRecord serviceRecord,
                   ConformanceService conformance, VulnerabilityService vulnerabilities, TicketService tickets,
                   ProcessVisibility visibility) {
        this.visibility = visibility;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.serviceRecord = serviceRecord;
        this.conformance = conformance;
        this.vulnerabilities = vulnerabilities;
        this.tickets = tickets;
    }

    public Kpis compute(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "评价期间：必填（yyyy-MM-dd）");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "结束日期不得早于开始日期");
        }
        Date start = EngineTime.toDate(from.atStartOfDay());
        Date end = EngineTime.toDate(to.plusDays(1).atStartOfDay());

        PeriodHistory history = visibility.readingAllHistoryIfGranted(() -> readHistory(start, end));

        // 应急响应及时性: incidents whose handling (7.5.1.8) ended in the period, against the resolve deadline
        List<HistoricActivityInstance> handlings = history.handlings();
        int handledInTime = 0;
        long totalMinutes = 0;
        Map<String, Date> reportedAt = history.reportedAt();
        Map<String, Object> resolveDue = history.resolveDue();
        for (HistoricActivityInstance handling : handlings) {
            Date reported = reportedAt.get(handling.getProcessInstanceId());
            totalMinutes += Duration.between(reported.toInstant(), handling.getEndTime().toInstant()).toMinutes();
            if (resolveDue.get(handling.getProcessInstanceId()) instanceof Date due && !handling.getEndTime().after(due)) {
                handledInTime++;
            }
        }

        // 常规任务按时完成率: tasks with a deadline completed in the period, overall and per person
        Map<String, int[]> perPerson = new TreeMap<>();
        int tasksInTime = 0;
        List<HistoricTaskInstance> tasks = history.tasksWithDeadline();
        for (HistoricTaskInstance task : tasks) {
            boolean inTime = !task.getEndTime().after(task.getDueDate());
            tasksInTime += inTime ? 1 : 0;
            int[] counts = perPerson.computeIfAbsent(task.getAssignee() == null ? "（未认领）" : task.getAssignee(),
                    person -> new int[2]);
            counts[0]++;
            counts[1] += inTime ? 1 : 0;
        }
        List<PersonKpi> people = new ArrayList<>();
        perPerson.forEach((person, counts) -> people.add(new PersonKpi(person, counts[0], counts[1], rate(counts[1], counts[0]))));

        // 数据记录质量（操作日志完整率）: completed tasks of the period that have their record in the service record
        long completedTasks = history.completedTasks();
        long recordedTasks = Math.min(completedTasks,
                serviceRecord.recordedTasks(from.atStartOfDay(), to.plusDays(1).atStartOfDay()));

        Training training = training(from, to);
        Map<String, ConformanceService.Outcome> outcomes = conformance.endedOutcomes(history.endedServiceProcesses());
        int[] compliance = {outcomes.size(), (int) outcomes.values().stream().filter(ConformanceService.Outcome::conformant).count()};
        VulnerabilityService.Remediation remediation = vulnerabilities.remediation(from.atStartOfDay(), to.plusDays(1).atStartOfDay());
        TicketService.Responses responses = tickets.responses(from.atStartOfDay(), to.plusDays(1).atStartOfDay());

        return new Kpis(from, to, handlings.size(), handledInTime, rate(handledInTime, handlings.size()),
                handlings.isEmpty() ? null : totalMinutes / handlings.size(),
                tasks.size(), tasksInTime, rate(tasksInTime, tasks.size()),
                (int) completedTasks, rate(recordedTasks, completedTasks),
                training.sessions(), training.expected(), training.attended(), training.passed(),
                rate(training.attended(), training.expected()), rate(training.passed(), training.attended()),
                compliance[0], compliance[1], rate(compliance[1], compliance[0]),
                remediation.found(), remediation.fixed(), rate(remediation.fixed(), remediation.found()),
                remediation.highRisk(), remediation.highRiskRemediated(),
                rate(remediation.highRiskRemediated(), remediation.highRisk()),
                responses.tickets(), responses.answered(), responses.answeredInTime(), responses.averageResponseMinutes(),
                people);
    }

    /**
     * 人员培训覆盖率 and 培训考核合格率 from the training deliveries (7.4.6.3) recorded in the period: attended
     * against expected participants, passed against attended. Each delivery counts, also a repeated one.
     */
    private Training training(LocalDate from, LocalDate to) {
        int sessions = 0;
        int expected = 0;
        int attended = 0;
        int passed = 0;
        for (ServiceAction delivery : serviceRecord.actionsAt("securityTraining", "userTask_deliverTraining",
                from.atStartOfDay(), to.plusDays(1).atStartOfDay())) {
            Map<String, Object> values = serviceRecord.evidenceValues(delivery);
            if (values.get("expectedParticipants") instanceof Number e && values.get("attendedParticipants") instanceof Number a) {
                sessions++;
                expected += e.intValue();
                attended += a.intValue();
                passed += values.get("passedParticipants") instanceof Number p ? p.intValue() : 0;
            }
        }
        return new Training(sessions, expected, attended, passed);
    }

    private record Training(int sessions, int expected, int attended, int passed) {
    }

    /** What the measures read of the engine's history for a period [start, end). */
    private record PeriodHistory(List<HistoricActivityInstance> handlings, Map<String, Date> reportedAt,
                                 Map<String, Object> resolveDue, List<HistoricTaskInstance> tasksWithDeadline,
                                 long completedTasks, List<HistoricProcessInstance> endedServiceProcesses) {
    }

    private PeriodHistory readHistory(Date start, Date end) {
        List<HistoricActivityInstance> handlings = historyService.createHistoricActivityInstanceQuery()
                .activityId("subProcess_handleIncident").finished().finishedAfter(start).finishedBefore(end).list();
        // the incidents' start and resolve deadline read for all of them at once (chunks of 500), not one by one
        Map<String, Date> reportedAt = new HashMap<>();
        Map<String, Object> resolveDue = new HashMap<>();
        List<String> incidentIds = handlings.stream().map(HistoricActivityInstance::getProcessInstanceId).distinct().toList();
        for (int i = 0; i < incidentIds.size(); i += CHUNK) {
            List<String> chunk = incidentIds.subList(i, Math.min(incidentIds.size(), i + CHUNK));
            historyService.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).list()
                    .forEach(instance -> reportedAt.put(instance.getId(), instance.getStartTime()));
            historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk.toArray(String[]::new))
                    .variableName("resolveDue").list()
                    .forEach(variable -> resolveDue.put(variable.getProcessInstanceId(), variable.getValue()));
        }
        List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().finished()
                .taskDeleteReason("completed").finishedAfter(start).finishedBefore(end).list().stream()
                .filter(task -> task.getDueDate() != null).toList();
        long completedTasks = historyService.createHistoricTaskInstanceQuery().finished().taskDeleteReason("completed")
                .finishedAfter(start).finishedBefore(end).count();
        return new PeriodHistory(handlings, reportedAt, resolveDue, tasks, completedTasks, endedServiceProcesses(start, end));
    }

    /**
     * 安全合规检查通过率 counts the service processes of section 7 that ended in the period, and how many of them
     * passed the clause check (see {@link ConformanceService.Outcome#conformant()}).
     */
    private List<HistoricProcessInstance> endedServiceProcesses(Date start, Date end) {
        Set<String> serviceKeys = new HashSet<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            if (Clauses.of(repositoryService.getBpmnModelInstance(definition.getId())
                    .<Process>getModelElementById(definition.getKey())) != null) {
                serviceKeys.add(definition.getKey());
            }
        }
        return historyService.createHistoricProcessInstanceQuery().finished().finishedAfter(start).finishedBefore(end)
                .list().stream().filter(instance -> instance.getSuperProcessInstanceId() == null
                        && serviceKeys.contains(instance.getProcessDefinitionKey())).toList();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** Rates are shares between 0 and 1 (null when nothing was measured). */
    public record Kpis(LocalDate from, LocalDate to, int incidentsHandled, int incidentsHandledInTime,
                       Double incidentTimelinessRate, Long averageMinutesToControl, int tasksWithDeadline,
                       int tasksCompletedInTime, Double onTimeCompletionRate,
                       int tasksCompleted, Double recordCompletenessRate,
                       int trainingSessions, int trainingExpected, int trainingAttended, int trainingPassed,
                       Double trainingCoverageRate, Double trainingPassRate,
                       int serviceProcessesChecked, int serviceProcessesConformant, Double compliancePassRate,
                       int vulnerabilitiesFound, int vulnerabilitiesFixed, Double vulnerabilityFixRate,
                       int highRiskVulnerabilities, int highRiskRemediated, Double riskRemediationRate,
                       int tickets, int ticketsAnswered, int ticketsAnsweredInTime, Long averageTicketResponseMinutes,
                       List<PersonKpi> perPerson) {
    }

    public record PersonKpi(String person, int tasksWithDeadline, int completedInTime, Double onTimeRate) {
    }
}
