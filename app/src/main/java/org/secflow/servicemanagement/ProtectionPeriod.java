package org.secflow.servicemanagement;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceRecord;
import org.secflow.report.ServiceDocument;
import org.secflow.staff.DutyShift;
import org.secflow.staff.StaffService;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * 安全重保 (5.1.2 e): a protection period (重大活动、节假日) with its plan, a duty roster that covers the whole period
 * 7×24, a 日报 for every day of the period (a timer of the model opens one task a day at 17:00) and a closing report.
 * Days are those of the provider's zone (Asia/Shanghai).
 */
@Service
public class ProtectionPeriod {

    static final String KEY = "securityProtection";
    static final int MAX_DAYS = 62;
    /** When each day's 日报 task opens (provider's zone). */
    static final java.time.LocalTime REPORT_TIME = java.time.LocalTime.of(17, 0);
    /** Model variables of the daily report loop: when the next 日报 task opens, and how many are still to come. */
    static final String NEXT_REPORT = "nextDailyReportAt";
    static final String REPORTS_LEFT = "dailyReportsLeft";
    private static final DateTimeFormatter ROSTER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ServiceManagementMapper mapper;
    private final ServiceRecord serviceRecord;
    private final StaffService staff;
    private final Documents documents;

    ProtectionPeriod(ServiceManagementMapper mapper, ServiceRecord serviceRecord, StaffService staff, Documents documents) {
        this.mapper = mapper;
        this.serviceRecord = serviceRecord;
        this.staff = staff;
        this.documents = documents;
    }

    /**
     * Checks the plan's period and sets the daily report loop of the model: the first report's time (17:00 of the
     * period's first day) and how many days have one.
     */
    public void schedule(DelegateExecution execution) {
        LocalDateTime start = EngineTime.parse(execution.getVariable("periodStart"));
        LocalDateTime end = EngineTime.parse(execution.getVariable("periodEnd"));
        List<FieldError> errors = new ArrayList<>();
        if (start == null) {
            errors.add(new FieldError("periodStart", "保障期开始：必填，应为时间"));
        }
        if (end == null) {
            errors.add(new FieldError("periodEnd", "保障期结束：必填，应为时间"));
        }
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add(new FieldError("periodEnd", "保障期结束须晚于开始"));
            } else if (days(start, end).size() > MAX_DAYS) {
                errors.add(new FieldError("periodEnd", "保障期不超过 " + MAX_DAYS + " 天"));
            } else if (end.getYear() > 2037) {
                errors.add(new FieldError("periodEnd", "保障期结束不得晚于 2037 年"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("重保方案的保障期有误", errors);
        }
        List<LocalDate> days = days(start, end);
        execution.setVariable(NEXT_REPORT, firstReportAt(days.get(0)));
        execution.setVariable(REPORTS_LEFT, days.size());
        serviceRecord.recordStep(execution, Map.of("periodDays", days.size(), "firstDay", days.get(0).toString(),
                "lastDay", days.get(days.size() - 1).toString()));
    }

    /** The roster entered, one {@code 开始|结束|账号|岗位} a line: staff only, no shift over 24 h, no gap in the period. */
    public void saveRoster(DelegateExecution execution) {
        LocalDateTime start = EngineTime.parse(execution.getVariable("periodStart"));
        LocalDateTime end = EngineTime.parse(execution.getVariable("periodEnd"));
        Object text = execution.getVariable("dutyRoster");
        String actor = serviceRecord.currentActor(null);
        List<FieldError> errors = new ArrayList<>();
        List<DutyShift> shifts = new ArrayList<>();
        int lineNumber = 0;
        for (String line : (text == null ? "" : text.toString()).split("\\R")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = "第 " + lineNumber + " 行：";
            String[] cells = line.split("[|｜]", -1);
            if (cells.length != 4) {
                errors.add(new FieldError("dutyRoster", where + "应为 开始|结束|账号|岗位"));
                continue;
            }
            LocalDateTime from = rosterTime(cells[0]);
            LocalDateTime to = rosterTime(cells[1]);
            String user = cells[2].strip();
            String post = cells[3].strip();
            if (from == null || to == null) {
                errors.add(new FieldError("dutyRoster", where + "时间应为 yyyy-MM-dd HH:mm"));
            } else if (StaffService.shiftProblem(from, to).isPresent()) {
                errors.add(new FieldError("dutyRoster", where + StaffService.shiftProblem(from, to).get()));
            } else if (!staff.isStaff(user)) {
                errors.add(new FieldError("dutyRoster", where + "账号「" + user + "」不是服务人员"));
            } else if (post.isEmpty() || post.length() > 100) {
                errors.add(new FieldError("dutyRoster", where + "岗位：必填，不超过 100 字"));
            } else {
                shifts.add(new DutyShift(null, user, post, from, to, execution.getProcessInstanceId(), actor, EngineTime.now()));
            }
        }
        if (errors.isEmpty()) {
            String gap = gap(shifts, start, end);
            if (gap != null) {
                errors.add(new FieldError("dutyRoster", gap));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("值班表有误", errors);
        }
        staff.recordShifts(shifts);
        serviceRecord.recordStep(execution, Map.of("shifts", shifts.size(),
                "people", shifts.stream().map(DutyShift::userId).distinct().toList()));
    }

    /** 日报 of one day of the period, once per day; rendered as 重保日报（day）. */
    public void saveDailyReport(DelegateExecution execution) {
        LocalDateTime start = EngineTime.parse(execution.getVariable("periodStart"));
        LocalDateTime end = EngineTime.parse(execution.getVariable("periodEnd"));
        LocalDate day = reportDate(execution.getVariable("reportDate"));
        List<FieldError> errors = new ArrayList<>();
        if (day == null) {
            errors.add(new FieldError("reportDate", "日报日期：必填，格式 yyyy-MM-dd"));
        } else if (!days(start, end).contains(day)) {
            errors.add(new FieldError("reportDate", "日报日期须在保障期内（" + days(start, end).get(0) + " 至 "
                    + days(start, end).get(days(start, end).size() - 1) + "）"));
        } else if (mapper.dailyReports(execution.getProcessInstanceId()).stream().anyMatch(r -> r.reportDate().equals(day))) {
            errors.add(new FieldError("reportDate", day + " 的日报已提交"));
        }
        int alerts = count(execution.getVariable("alertCount"), "alertCount", "当日告警数", errors);
        int incidents = count(execution.getVariable("incidentCount"), "incidentCount", "当日安全事件数", errors);
        Object summary = execution.getVariable("dailySummary");
        if (summary == null || summary.toString().isBlank()) {
            errors.add(new FieldError("dailySummary", "当日情况：必填"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("重保日报有误", errors);
        }
        DailyReport report = new DailyReport(execution.getProcessInstanceId(), day, alerts, incidents,
                summary.toString().strip(), serviceRecord.currentActor(null), EngineTime.now());
        mapper.insertDailyReport(report);
        String kind = "重保日报（" + day + "）";
        ServiceDocument document = documents.render(execution, kind, "protection-daily-report", Map.of("report", report,
                "onDuty", staff.shiftsOfProcess(execution.getProcessInstanceId()).stream()
                        .filter(shift -> overlaps(shift, day)).toList()));
        serviceRecord.recordStep(execution, Map.of("reportDate", day.toString(), "alerts", alerts, "incidents", incidents,
                "document", kind, "version", document.version()));
        Object next = execution.getVariable(NEXT_REPORT);
        if (next instanceof java.util.Date at) {
            execution.setVariable(NEXT_REPORT, new java.util.Date(at.getTime() + java.time.Duration.ofDays(1).toMillis()));
        }
        Object left = execution.getVariable(REPORTS_LEFT);
        execution.setVariable(REPORTS_LEFT, left instanceof Number n ? n.intValue() - 1 : 0);
    }

    /** 重保总结报告: the plan, the roster, every 日报 and the days that have none. */
    public void renderClosingReport(DelegateExecution execution) {
        LocalDateTime start = EngineTime.parse(execution.getVariable("periodStart"));
        LocalDateTime end = EngineTime.parse(execution.getVariable("periodEnd"));
        List<DailyReport> reports = mapper.dailyReports(execution.getProcessInstanceId());
        List<LocalDate> missing = days(start, end).stream()
                .filter(day -> reports.stream().noneMatch(r -> r.reportDate().equals(day))).toList();
        Map<String, Object> records = new LinkedHashMap<>();
        records.put("periodFrom", start);
        records.put("periodTo", end);
        records.put("dailyReports", reports);
        records.put("missingDays", missing.stream().map(LocalDate::toString).toList());
        records.put("roster", staff.shiftsOfProcess(execution.getProcessInstanceId()));
        records.put("alertTotal", reports.stream().mapToInt(DailyReport::alerts).sum());
        records.put("incidentTotal", reports.stream().mapToInt(DailyReport::incidents).sum());
        ServiceDocument document = documents.render(execution, "重保总结报告", "protection-closing-report", records);
        serviceRecord.recordStep(execution, Map.of("dailyReports", reports.size(), "missingDays", missing.size(),
                "document", "重保总结报告", "version", document.version()));
    }

    public List<DailyReport> dailyReports(String processInstanceId) {
        return mapper.dailyReports(processInstanceId);
    }

    private static java.util.Date firstReportAt(LocalDate day) {
        return java.util.Date.from(day.atTime(REPORT_TIME).atZone(EngineTime.DISPLAY_ZONE).toInstant());
    }

    /** The calendar days (provider's zone) the period touches. */
    static List<LocalDate> days(LocalDateTime start, LocalDateTime end) {
        LocalDate first = display(start).toLocalDate();
        LocalDate last = display(end.minusSeconds(1)).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last) && days.size() <= MAX_DAYS; day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    /** Where the shifts, sorted, leave the period uncovered; null when they cover it without a gap. */
    static String gap(List<DutyShift> shifts, LocalDateTime start, LocalDateTime end) {
        List<DutyShift> sorted = shifts.stream().sorted(Comparator.comparing(DutyShift::startsAt)).toList();
        LocalDateTime coveredUntil = start;
        for (DutyShift shift : sorted) {
            if (shift.startsAt().isAfter(coveredUntil)) {
                break;
            }
            if (shift.endsAt().isAfter(coveredUntil)) {
                coveredUntil = shift.endsAt();
            }
        }
        if (!coveredUntil.isBefore(end)) {
            return null;
        }
        LocalDateTime gapFrom = coveredUntil;
        LocalDateTime resumes = sorted.stream().map(DutyShift::startsAt).filter(t -> t.isAfter(gapFrom)).findFirst()
                .orElse(end);
        return "值班未做到 7×24 覆盖保障期：" + display(coveredUntil).format(ROSTER_TIME) + " 至 "
                + display(resumes.isBefore(end) ? resumes : end).format(ROSTER_TIME) + " 无人值班";
    }

    private static boolean overlaps(DutyShift shift, LocalDate day) {
        LocalDate from = display(shift.startsAt()).toLocalDate();
        LocalDate to = display(shift.endsAt().minusSeconds(1)).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private static LocalDateTime rosterTime(String text) {
        try {
            return LocalDateTime.parse(text.strip(), ROSTER_TIME).atZone(EngineTime.DISPLAY_ZONE)
                    .withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime display(LocalDateTime local) {
        return EngineTime.forDisplay(local).toLocalDateTime();
    }

    private static LocalDate reportDate(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof java.util.Date date) {
            return display(EngineTime.toLocal(date)).toLocalDate();
        }
        try {
            return LocalDate.parse(value.toString().strip().substring(0, Math.min(10, value.toString().strip().length())));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int count(Object value, String field, String label, List<FieldError> errors) {
        if (value instanceof Number number && number.intValue() >= 0 && number.doubleValue() == number.intValue()) {
            return number.intValue();
        }
        errors.add(new FieldError(field, label + "：应为不小于 0 的整数"));
        return 0;
    }
}
