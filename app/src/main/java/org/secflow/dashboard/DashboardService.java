package org.secflow.dashboard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.secflow.compliance.AuditHistory;
import org.secflow.compliance.ClauseCatalogue;
import org.secflow.compliance.ConformanceService;
import org.secflow.evaluation.EvaluationKpis;
import org.secflow.incident.EmergencyResponse;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessVisibility;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.vulnerability.VulnerabilityState;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The figures of the dashboard (5.1.2 g), computed on request from the records: our own tables by SQL
 * aggregates, the engine's history for deadlines, clause traces and recurring duties, and the Appendix B
 * measures of {@link EvaluationKpis}. Each panel holds only what the caller may read: a kind of platform
 * data the caller has no READ on, or a process whose history they may not read, is left out and named in
 * {@link Summary#unavailable()}. Nothing here writes.
 */
@Service
public class DashboardService {

    /** 即将超时: a deadline within this many hours. */
    static final int APPROACHING_HOURS = 4;
    /** A recurring duty is due soon when its next run or an open task's deadline is this close. */
    static final int DUE_SOON_DAYS = 7;
    static final int DEFAULT_PERIOD_DAYS = 90;
    static final int MAX_PERIOD_DAYS = 366;
    static final int TOP_HOSTS = 10;
    static final List<String> INCIDENT_GRADES = List.of("I", "II", "III", "IV");
    static final List<String> SLA_STAGES = List.of("首报时限", "响应时限", "到场时限", "处置时限", "报告时限");
    static final List<String> VULNERABILITY_GRADES = List.of("超危", "高危", "中危", "低危");
    /** The service item each panel of platform data belongs to (the item filter shows it or not). */
    static final String INCIDENT_ITEM = "7.5.1";
    static final String VULNERABILITY_ITEM = "7.4.2";
    static final String ASSET_ITEM = "7.4.1";
    static final String TICKET_ITEM = "7.3.1";

    private final DashboardMapper mapper;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final ConformanceService conformance;
    private final AuditHistory auditHistory;
    private final ClauseCatalogue catalogue;
    private final EvaluationKpis kpis;
    private final ApiPermissions permissions;
    private final ProcessVisibility visibility;
    private final DashboardTargets targets;

    DashboardService(DashboardMapper mapper, HistoryService historyService, RepositoryService repositoryService,
                     ManagementService managementService, ConformanceService conformance, AuditHistory auditHistory,
                     ClauseCatalogue catalogue, EvaluationKpis kpis, ApiPermissions permissions,
                     ProcessVisibility visibility, DashboardTargets targets) {
        this.mapper = mapper;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.conformance = conformance;
        this.auditHistory = auditHistory;
        this.catalogue = catalogue;
        this.kpis = kpis;
        this.permissions = permissions;
        this.visibility = visibility;
        this.targets = targets;
    }

    /** The filters, checked: period (default the last 90 days up to today), 使用方, service item. */
    public Filter filter(LocalDate from, LocalDate to, String unit, String item) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = EngineTime.now().toLocalDate();
        LocalDate end = to != null ? to : (from != null ? from.plusDays(DEFAULT_PERIOD_DAYS - 1) : today);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_PERIOD_DAYS - 1);
        if (end.isBefore(start)) {
            errors.add(new FieldError("to", "结束日期不得早于开始日期"));
        } else if (ChronoUnit.DAYS.between(start, end) >= MAX_PERIOD_DAYS) {
            errors.add(new FieldError("to", "统计期间不得超过 " + MAX_PERIOD_DAYS + " 天"));
        }
        String ownerUnit = unit == null || unit.isBlank() ? null : unit.strip();
        if (ownerUnit != null && ownerUnit.length() > 200) {
            errors.add(new FieldError("unit", "使用方不得超过 200 个字符"));
        }
        String serviceItem = item == null || item.isBlank() ? null : item.strip();
        if (serviceItem != null && catalogue.ofItem(serviceItem).isEmpty()) {
            errors.add(new FieldError("item", "标准第 7 章没有服务项目「" + serviceItem + "」"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("查询条件无效", errors);
        }
        return new Filter(start, end, ownerUnit, serviceItem);
    }

    public Summary summary(Filter filter) {
        LocalDateTime now = EngineTime.now();
        Map<String, String> unavailable = new LinkedHashMap<>();
        boolean incidentsReadable = visibility.mayReadHistoryOf(EmergencyResponse.PROCESS_KEY);
        if (!incidentsReadable) {
            unavailable.put("incidents", "无权查看应急响应流程的记录");
        }
        Incidents incidents = filter.shows(INCIDENT_ITEM) && incidentsReadable ? incidents(filter, now) : null;
        Vulnerabilities vulnerabilities = filter.shows(VULNERABILITY_ITEM)
                && readable(PlatformResource.VULNERABILITY, "vulnerabilities", "无权查看漏洞记录", unavailable)
                ? vulnerabilities(filter) : null;
        Assets assets = filter.shows(ASSET_ITEM) && readable(PlatformResource.ASSET, "assets", "无权查看资产台账", unavailable)
                ? assets(filter) : null;
        Tickets tickets = filter.shows(TICKET_ITEM) && readable(PlatformResource.TICKET, "tickets", "无权查看工单", unavailable)
                ? tickets(filter) : null;
        EvaluationKpis.Kpis measured = kpis.compute(filter.from(), filter.to());
        return new Summary(filter.from(), filter.to(), filter.unit(), filter.item(), EngineTime.forDisplay(now),
                APPROACHING_HOURS, incidents, slaBreaches(filter),
                new TimeToControl(measured.incidentsHandled(), measured.averageMinutesToControl()), vulnerabilities, assets, tickets,
                conformance(filter), measures(measured), duties(filter, now), unavailable);
    }

    private boolean readable(PlatformResource resource, String panel, String reason, Map<String, String> unavailable) {
        boolean readable = permissions.allows(PlatformPermission.READ, resource);
        if (!readable) {
            unavailable.put(panel, reason);
        }
        return readable;
    }

    // ---- incidents ---------------------------------------------------------------------------------------

    /**
     * Open incidents reported in the period by grade and SLA state: missed when an SLA breach is recorded or
     * an open task's deadline (respond, on site, report …) has passed; approaching when one falls within
     * {@value #APPROACHING_HOURS} hours; in time otherwise. Deadlines are the engine's task due dates.
     */
    private Incidents incidents(Filter filter, LocalDateTime now) {
        List<DashboardMapper.OpenIncident> open = mapper.openIncidents(filter.start(), filter.end(), filter.unit());
        Map<String, Date> earliestDue = new HashMap<>();
        for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery()
                .processDefinitionKey(EmergencyResponse.PROCESS_KEY).unfinished()
                .taskDueBefore(EngineTime.toDate(now.plusHours(APPROACHING_HOURS))).list()) {
            earliestDue.merge(task.getProcessInstanceId(), task.getDueDate(), (a, b) -> a.before(b) ? a : b);
        }
        Date nowDate = EngineTime.toDate(now);
        Map<String, int[]> byGrade = new LinkedHashMap<>();
        INCIDENT_GRADES.forEach(grade -> byGrade.put(grade, new int[3]));
        for (DashboardMapper.OpenIncident incident : open) {
            Date due = earliestDue.get(incident.processInstanceId());
            int state = incident.breaches() > 0 || (due != null && due.before(nowDate)) ? 2 : due != null ? 1 : 0;
            byGrade.computeIfAbsent(incident.grade() == null ? "未定级" : incident.grade(), grade -> new int[3])[state]++;
        }
        List<GradeSla> grades = new ArrayList<>();
        byGrade.forEach((grade, counts) -> grades.add(new GradeSla(grade, counts[0], counts[1], counts[2],
                counts[0] + counts[1] + counts[2])));
        Map<LocalDate, int[]> weeks = weeks(filter);
        mapper.incidentsReported(filter.start(), filter.end(), filter.unit()).forEach(time -> count(weeks, time, 0));
        mapper.incidentsClosed(filter.start(), filter.end(), filter.unit()).forEach(time -> count(weeks, time, 1));
        List<Week> trend = new ArrayList<>();
        weeks.forEach((monday, counts) -> trend.add(new Week(monday, counts[0], counts[1])));
        return new Incidents(open.size(), grades, trend);
    }

    /** Breaches of SLAs recorded in the period by stage, of processes the caller may read (and of the item). */
    private List<StageCount> slaBreaches(Filter filter) {
        List<DashboardMapper.Breach> breaches = mapper.breaches(filter.start(), filter.end());
        Set<String> readable = new HashSet<>();
        Set<String> ids = new HashSet<>();
        breaches.forEach(breach -> ids.add(breach.processInstanceId()));
        Set<String> itemKeys = filter.item() == null ? null : processKeysOf(filter.item());
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 500) {
            for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
                    .processInstanceIds(new HashSet<>(all.subList(i, Math.min(all.size(), i + 500)))).list()) {
                if (itemKeys == null || itemKeys.contains(instance.getProcessDefinitionKey())) {
                    readable.add(instance.getId());
                }
            }
        }
        Map<String, Integer> byStage = new LinkedHashMap<>();
        SLA_STAGES.forEach(stage -> byStage.put(stage, 0));
        breaches.stream().filter(breach -> readable.contains(breach.processInstanceId()))
                .forEach(breach -> byStage.merge(breach.slaName(), 1, Integer::sum));
        List<StageCount> stages = new ArrayList<>();
        byStage.forEach((stage, count) -> stages.add(new StageCount(stage, count)));
        return stages;
    }

    // ---- vulnerabilities, assets, tickets ----------------------------------------------------------------

    private Vulnerabilities vulnerabilities(Filter filter) {
        Map<String, Map<String, Long>> byGrade = new LinkedHashMap<>();
        VULNERABILITY_GRADES.forEach(grade -> byGrade.put(grade, new LinkedHashMap<>()));
        long found = 0;
        long fixed = 0;
        for (DashboardMapper.Count row : mapper.vulnerabilitiesByGradeAndState(filter.start(), filter.end(), filter.unit())) {
            VulnerabilityState state = VulnerabilityState.valueOf(row.key2());
            byGrade.computeIfAbsent(row.key(), grade -> new LinkedHashMap<>()).merge(state.label(), row.count(), Long::sum);
            if (state != VulnerabilityState.FALSE_POSITIVE) {
                found += row.count();
                fixed += state.fixed() ? row.count() : 0;
            }
        }
        List<GradeStates> grades = new ArrayList<>();
        byGrade.forEach((grade, states) -> grades.add(new GradeStates(grade, states)));
        Map<LocalDate, int[]> weeks = weeks(filter);
        mapper.vulnerabilitiesFirstSeen(filter.start(), filter.end(), filter.unit()).forEach(time -> count(weeks, time, 0));
        mapper.vulnerabilitiesDisposed(filter.start(), filter.end(), filter.unit()).forEach(time -> count(weeks, time, 1));
        List<Week> perWeek = new ArrayList<>();
        weeks.forEach((monday, counts) -> perWeek.add(new Week(monday, counts[0], counts[1])));
        List<HostCount> hosts = mapper.hostsWithMostOpenSevere(filter.start(), filter.end(), filter.unit(), TOP_HOSTS)
                .stream().map(row -> new HostCount(row.key(), row.count())).toList();
        return new Vulnerabilities(found, fixed, rate(fixed, found), targets.of("vulnerabilityFixRate"), grades,
                perWeek, hosts);
    }

    private Assets assets(Filter filter) {
        return new Assets(mapper.assetsInLedger(filter.unit()), counts(mapper.assetsByKind(filter.unit())),
                counts(mapper.assetsByExposure(filter.unit())), mapper.assetsUngraded(filter.unit()),
                mapper.assetsUnfiled(filter.unit()));
    }

    private Tickets tickets(Filter filter) {
        DashboardMapper.TicketResponses responses = mapper.ticketResponses(filter.start(), filter.end(), filter.unit());
        return new Tickets(responses.tickets(), counts(mapper.ticketsByStatus(filter.start(), filter.end(), filter.unit())),
                responses.answered(), responses.answeredInTime(), rate(responses.answeredInTime(), responses.tickets()),
                targets.of("ticketResponseRate"));
    }

    private static Map<String, Long> counts(List<DashboardMapper.Count> rows) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(row.key() == null ? "未登记" : row.key(), row.count(), Long::sum));
        return counts;
    }

    // ---- clause conformance, Appendix B, recurring duties --------------------------------------------------

    /** Per service item with processes started in the period: each sub-clause done, pending, not reached, late. */
    private List<ConformanceService.ItemSummary> conformance(Filter filter) {
        List<String> items = filter.item() != null ? List.of(filter.item())
                : auditHistory.items().stream().map(AuditHistory.Item::item).toList();
        List<ConformanceService.ItemSummary> rows = new ArrayList<>();
        ConformanceService.HistoryReads reads = new ConformanceService.HistoryReads();
        for (String item : items) {
            rows.add(conformance.summary(item, filter.from(), filter.to(), reads));
        }
        return rows;
    }

    private List<Measure> measures(EvaluationKpis.Kpis k) {
        List<Measure> measures = new ArrayList<>();
        measures.add(measure("incidentTimelinessRate", "应急响应时效（处置及时率）", k.incidentTimelinessRate(), k.incidentsHandled()));
        measures.add(measure("onTimeCompletionRate", "日常任务按时完成率", k.onTimeCompletionRate(), k.tasksWithDeadline()));
        measures.add(measure("recordCompletenessRate", "操作日志完整率", k.recordCompletenessRate(), k.tasksCompleted()));
        measures.add(measure("compliancePassRate", "安全合规检查通过率", k.compliancePassRate(), k.serviceProcessesChecked()));
        measures.add(measure("trainingCoverageRate", "人员培训覆盖率", k.trainingCoverageRate(), k.trainingExpected()));
        measures.add(measure("trainingPassRate", "培训考核合格率", k.trainingPassRate(), k.trainingAttended()));
        measures.add(measure("vulnerabilityFixRate", "漏洞修复率", k.vulnerabilityFixRate(), k.vulnerabilitiesFound()));
        measures.add(measure("riskRemediationRate", "风险识别与整改完成率", k.riskRemediationRate(), k.highRiskVulnerabilities()));
        measures.add(measure("ticketResponseRate", "工单按时响应率", rate(k.ticketsAnsweredInTime(), k.tickets()), k.tickets()));
        return measures;
    }

    private Measure measure(String key, String name, Double value, long basis) {
        Double target = targets.of(key);
        return new Measure(key, name, value, target, basis, value == null || target == null ? null : value >= target);
    }

    /**
     * The recurring duties (processes started by a timer: quarterly, monthly, yearly deliverables): how many
     * runs started in the period ended, open tasks overdue or due within {@value #DUE_SOON_DAYS} days, and
     * the next scheduled start.
     */
    private List<Duty> duties(Filter filter, LocalDateTime now) {
        List<Duty> duties = new ArrayList<>();
        Date nowDate = EngineTime.toDate(now);
        Date soon = EngineTime.toDate(now.plusDays(DUE_SOON_DAYS));
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().list()) {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
            Process process = model.getModelElementById(definition.getKey());
            boolean timerStarted = model.getModelElementsByType(StartEvent.class).stream()
                    .anyMatch(start -> start.getParentElement() == process
                            && !start.getChildElementsByType(TimerEventDefinition.class).isEmpty());
            String item = Clauses.of(process);
            if (!timerStarted || (filter.item() != null && !filter.item().equals(item))) {
                continue;
            }
            long done = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(definition.getKey())
                    .startedAfter(EngineTime.toDate(filter.start())).startedBefore(EngineTime.toDate(filter.end()))
                    .finished().count();
            long running = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(definition.getKey())
                    .unfinished().count();
            long overdue = historyService.createHistoricTaskInstanceQuery().processDefinitionKey(definition.getKey())
                    .unfinished().taskDueBefore(nowDate).count();
            long dueSoon = historyService.createHistoricTaskInstanceQuery().processDefinitionKey(definition.getKey())
                    .unfinished().taskDueAfter(nowDate).taskDueBefore(soon).count();
            Date next = managementService.createJobQuery().processDefinitionKey(definition.getKey()).timers()
                    .list().stream().filter(job -> job.getProcessInstanceId() == null).map(Job::getDuedate)
                    .filter(java.util.Objects::nonNull).min(Date::compareTo).orElse(null);
            String state = overdue > 0 ? "OVERDUE"
                    : dueSoon > 0 || (next != null && next.before(soon)) ? "DUE_SOON" : done > 0 ? "DONE" : "SCHEDULED";
            duties.add(new Duty(definition.getKey(), definition.getName(), item, done, running, overdue, dueSoon,
                    next == null ? null : EngineTime.forDisplay(EngineTime.toLocal(next)), state));
        }
        return duties;
    }

    private Set<String> processKeysOf(String item) {
        Set<String> keys = new HashSet<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            if (item.equals(Clauses.of(repositoryService.getBpmnModelInstance(definition.getId())
                    .<Process>getModelElementById(definition.getKey())))) {
                keys.add(definition.getKey());
            }
        }
        return keys;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** One bucket per week (starting Monday) that the period touches. */
    private static Map<LocalDate, int[]> weeks(Filter filter) {
        Map<LocalDate, int[]> weeks = new TreeMap<>();
        for (LocalDate monday = monday(filter.from()); !monday.isAfter(filter.to()); monday = monday.plusWeeks(1)) {
            weeks.put(monday, new int[2]);
        }
        return weeks;
    }

    private static void count(Map<LocalDate, int[]> weeks, LocalDateTime time, int column) {
        int[] counts = weeks.get(monday(time.toLocalDate()));
        if (counts != null) {
            counts[column]++;
        }
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** The checked filters; the period's days are inclusive. */
    public record Filter(LocalDate from, LocalDate to, String unit, String item) {
        LocalDateTime start() {
            return from.atStartOfDay();
        }

        LocalDateTime end() {
            return to.plusDays(1).atStartOfDay();
        }

        /** Whether a panel of a service item is shown under the item filter. */
        boolean shows(String panelItem) {
            return item == null || item.equals(panelItem);
        }
    }

    /** Every panel; null where the item filter does not concern it or the caller may not read it (see unavailable). */
    public record Summary(LocalDate from, LocalDate to, String unit, String item, OffsetDateTime generatedAt,
                          int approachingHours, Incidents incidents, List<StageCount> slaBreaches,
                          TimeToControl timeToControl,
                          Vulnerabilities vulnerabilities, Assets assets, Tickets tickets,
                          List<ConformanceService.ItemSummary> conformance, List<Measure> measures, List<Duty> duties,
                          Map<String, String> unavailable) {
    }

    public record GradeSla(String grade, int inTime, int approaching, int missed, int total) {
    }

    public record Week(LocalDate week, int opened, int closed) {
    }

    public record Incidents(int open, List<GradeSla> byGrade, List<Week> trend) {
    }

    /** Incidents whose handling (7.5.1.8) ended in the period, and their mean minutes from report to control. */
    public record TimeToControl(int incidents, Long meanMinutes) {
    }

    public record StageCount(String stage, int breaches) {
    }

    public record GradeStates(String grade, Map<String, Long> states) {
    }

    public record HostCount(String host, long openSevere) {
    }

    public record Vulnerabilities(long found, long fixed, Double fixRate, Double fixRateTarget,
                                  List<GradeStates> byGradeAndState, List<Week> perWeek, List<HostCount> topHosts) {
    }

    public record Assets(long total, Map<String, Long> byKind, Map<String, Long> byExposure, long ungraded,
                         long unfiled) {
    }

    public record Tickets(long total, Map<String, Long> byStatus, long answered, long answeredInTime,
                          Double responseInTimeRate, Double responseInTimeTarget) {
    }

    public record Measure(String key, String name, Double value, Double target, long basis, Boolean met) {
    }

    public record Duty(String processKey, String processName, String item, long done, long running, long overdue,
                       long dueSoon, OffsetDateTime nextRun, String state) {
    }
}
