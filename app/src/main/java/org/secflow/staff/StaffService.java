package org.secflow.staff;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.secflow.evaluation.EvaluationKpis;
import org.secflow.process.DeadlineTimers;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.security.ApiPermissions;
import org.secflow.security.Groups;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff register (人员管理 5.2.3.1, GB/T 28827.1—2022 6): the engine's users of the staff groups with their
 * qualifications (资质) and expiry reminders, the trainings they took (7.4.6 records), their duty shifts, and their
 * Appendix B figures. Also the one place that says whether a person holds the qualification a task needs.
 */
@Service
public class StaffService {

    /** A qualification ending within this many days is 即将到期 and its holder and management are reminded. */
    public static final int REMIND_DAYS = 30;
    static final int MAX_SHIFT_HOURS = 24;
    private static final String TRAINING_KEY = "securityTraining";
    private static final String TRAINING_DELIVERY = "userTask_deliverTraining";

    private final StaffMapper mapper;
    private final IdentityService identityService;
    private final ApiPermissions permissions;
    private final ServiceRecord serviceRecord;
    private final EvaluationKpis kpis;
    private final DeadlineTimers timers;

    StaffService(StaffMapper mapper, @Lazy IdentityService identityService, ApiPermissions permissions,
                 ServiceRecord serviceRecord, @Lazy EvaluationKpis kpis, DeadlineTimers timers) {
        this.mapper = mapper;
        this.identityService = identityService;
        this.permissions = permissions;
        this.serviceRecord = serviceRecord;
        this.kpis = kpis;
        this.timers = timers;
    }

    // ---- the register (API)

    /** Every member of the staff groups with group, qualifications and whether on duty now. */
    public List<PersonSummary> register() {
        permissions.require(PlatformPermission.READ, PlatformResource.STAFF_REGISTER);
        LocalDate today = EngineTime.now().toLocalDate();
        Map<String, List<Qualification>> qualifications = new LinkedHashMap<>();
        mapper.allQualifications().forEach(q -> qualifications.computeIfAbsent(q.userId(), id -> new ArrayList<>()).add(q));
        List<String> onDuty = mapper.shiftsAt(EngineTime.now()).stream().map(DutyShift::userId).toList();
        Map<String, PersonSummary> people = new LinkedHashMap<>();
        for (String group : Groups.STAFF) {
            for (User user : identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
                PersonSummary known = people.get(user.getId());
                List<String> groups = known == null ? new ArrayList<>() : new ArrayList<>(known.groups());
                groups.add(group);
                people.put(user.getId(), new PersonSummary(user.getId(), name(user), groups,
                        qualifications.getOrDefault(user.getId(), List.of()).stream().map(q -> view(q, today)).toList(),
                        onDuty.contains(user.getId())));
            }
        }
        return List.copyOf(people.values());
    }

    /**
     * One person's entry: management and auditors read everybody's, everybody else their own. The Appendix B
     * figures are those of the period (default: this year until today).
     */
    public Person person(String userId, LocalDate from, LocalDate to) {
        if (!userId.equals(permissions.currentUser())) {
            permissions.require(PlatformPermission.READ, PlatformResource.STAFF_REGISTER);
        }
        User user = user(userId);
        LocalDate today = EngineTime.now().toLocalDate();
        LocalDate periodFrom = from != null ? from : today.withDayOfYear(1);
        LocalDate periodTo = to != null ? to : today;
        EvaluationKpis.PersonKpi figures = kpis.compute(periodFrom, periodTo).perPerson().stream()
                .filter(kpi -> kpi.person().equals(userId)).findFirst()
                .orElse(new EvaluationKpis.PersonKpi(userId, 0, 0, null));
        return new Person(userId, name(user), groupsOf(userId),
                mapper.qualificationsOf(userId).stream().map(q -> view(q, today)).toList(),
                trainings(user), mapper.shiftsOf(userId, EngineTime.now().minusDays(REMIND_DAYS)).stream()
                .map(StaffService::view).toList(), new Figures(periodFrom, periodTo, figures.tasksWithDeadline(),
                figures.completedInTime(), figures.onTimeRate()));
    }

    @Transactional
    public QualificationView addQualification(String userId, QualificationRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.STAFF_REGISTER);
        user(userId);
        List<FieldError> errors = new ArrayList<>();
        String name = required(request == null ? null : request.name(), "name", "资质名称", 200, errors);
        String number = required(request == null ? null : request.number(), "number", "证书编号", 100, errors);
        String issuer = required(request == null ? null : request.issuer(), "issuer", "发证机构", 200, errors);
        String covers = request == null || request.covers() == null || request.covers().isBlank() ? null
                : request.covers().strip();
        if (covers != null && covers.length() > 500) {
            errors.add(new FieldError("covers", "适用工作：不超过 500 字"));
        }
        LocalDate validUntil = null;
        String until = request == null ? null : request.validUntil();
        if (until == null || until.isBlank()) {
            errors.add(new FieldError("validUntil", "有效期至：必填（yyyy-MM-dd）"));
        } else {
            try {
                validUntil = LocalDate.parse(until.strip());
                if (validUntil.getYear() > 2037) {
                    errors.add(new FieldError("validUntil", "有效期至：不得晚于 2037-12-31"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("validUntil", "有效期至：应为日期，格式 yyyy-MM-dd"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("资质信息不完整或有误", errors);
        }
        Qualification qualification = new Qualification(null, userId, name, number, issuer, validUntil, covers,
                permissions.currentUser(), EngineTime.now());
        StaffMapper.GeneratedKey key = new StaffMapper.GeneratedKey();
        mapper.insertQualification(qualification, key);
        Qualification saved = mapper.findQualification(key.getId());
        QualificationExpiry.schedule(timers, saved);
        return view(saved, EngineTime.now().toLocalDate());
    }

    @Transactional
    public void removeQualification(String userId, long id) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.STAFF_REGISTER);
        Qualification qualification = mapper.findQualification(id);
        if (qualification == null || !qualification.userId().equals(userId)) {
            throw new NotFoundException("人员 " + userId + " 没有资质 " + id);
        }
        mapper.deleteQualification(id);
    }

    @Transactional
    public ShiftView addShift(String userId, ShiftRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.STAFF_REGISTER);
        user(userId);
        List<FieldError> errors = new ArrayList<>();
        String post = required(request == null ? null : request.post(), "post", "值班岗位", 100, errors);
        LocalDateTime starts = time(request == null ? null : request.startsAt(), "startsAt", "开始时间", errors);
        LocalDateTime ends = time(request == null ? null : request.endsAt(), "endsAt", "结束时间", errors);
        shiftProblem(starts, ends).ifPresent(reason -> errors.add(new FieldError("endsAt", reason)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("值班信息不完整或有误", errors);
        }
        DutyShift shift = new DutyShift(null, userId, post, starts, ends, null, permissions.currentUser(), EngineTime.now());
        mapper.insertShift(shift);
        return view(shift);
    }

    /** Who is on duty at the time (default now), of any duty plan or 重保 roster. */
    public List<ShiftView> onDuty(LocalDateTime at) {
        permissions.require(PlatformPermission.READ, PlatformResource.STAFF_REGISTER);
        return mapper.shiftsAt(at == null ? EngineTime.now() : at).stream().map(StaffService::view).toList();
    }

    // ---- for the processes

    /**
     * Null when the person holds a qualification valid today for the work, else the warning to show to whoever
     * assigns the task (and to the person).
     */
    public String missingQualification(String userId, String work) {
        LocalDate today = EngineTime.now().toLocalDate();
        List<Qualification> held = mapper.qualificationsOf(userId);
        if (held.stream().anyMatch(q -> q.qualifiesFor(work, today))) {
            return null;
        }
        boolean expired = held.stream().anyMatch(q -> q.name().contains(work)
                || (q.covers() != null && q.covers().contains(work)));
        return "资质提醒：" + userId + " " + (expired ? "的「" + work + "」资质已过期" : "没有「" + work + "」资质")
                + "（人员台账 5.2.3.1），本任务要求持有该资质，请确认或改派。";
    }

    /** A 安全重保 roster's shifts; the caller validated them (7×24 coverage). */
    public void recordShifts(List<DutyShift> shifts) {
        shifts.forEach(mapper::insertShift);
    }

    public List<DutyShift> shiftsOfProcess(String processInstanceId) {
        return mapper.shiftsOfProcess(processInstanceId);
    }

    /** Whether the user exists and is a member of a staff group. */
    public boolean isStaff(String userId) {
        return !groupsOf(userId).isEmpty();
    }

    /** Why a shift is not one (end not after start, longer than a day), or empty. */
    public static java.util.Optional<String> shiftProblem(LocalDateTime starts, LocalDateTime ends) {
        if (starts == null || ends == null) {
            return java.util.Optional.empty();
        }
        if (!ends.isAfter(starts)) {
            return java.util.Optional.of("结束时间须晚于开始时间");
        }
        if (ends.isAfter(starts.plusHours(MAX_SHIFT_HOURS))) {
            return java.util.Optional.of("一个班次不超过 " + MAX_SHIFT_HOURS + " 小时");
        }
        return java.util.Optional.empty();
    }

    // ---- helpers

    /** The deliveries of 7.4.6 whose participants name the person (user id or name), the last three years. */
    private List<Training> trainings(User user) {
        LocalDateTime now = EngineTime.now();
        List<Training> trainings = new ArrayList<>();
        for (ServiceAction delivery : serviceRecord.actionsAt(TRAINING_KEY, TRAINING_DELIVERY, now.minusYears(3),
                now.plusDays(1))) {
            Map<String, Object> values = serviceRecord.evidenceValues(delivery);
            Object participants = values.get("participants");
            if (participants != null && participants.toString().lines().map(String::strip)
                    .anyMatch(line -> line.equals(user.getId()) || (!name(user).isBlank() && line.contains(name(user))))) {
                trainings.add(new Training(delivery.rootProcessInstanceId(), text(values.get("trainingHeldAt")),
                        text(values.get("trainingMode")), text(values.get("deliveredContent"))));
            }
        }
        return trainings;
    }

    private User user(String userId) {
        User user = userId == null ? null : identityService.createUserQuery().userId(userId).singleResult();
        if (user == null || groupsOf(userId).isEmpty()) {
            throw new NotFoundException("人员 " + userId + " 不存在或不属于服务人员组");
        }
        return user;
    }

    private List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .filter(Groups.STAFF::contains).toList();
    }

    private static String name(User user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        return (first + last).strip();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String required(String value, String field, String label, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, label + "：必填"));
            return null;
        }
        if (value.strip().length() > max) {
            errors.add(new FieldError(field, label + "：不超过 " + max + " 字"));
        }
        return value.strip();
    }

    private static LocalDateTime time(String value, String field, String label, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, label + "：必填（yyyy-MM-ddTHH:mm:ss+08:00）"));
            return null;
        }
        LocalDateTime time = EngineTime.parse(value);
        if (time == null) {
            errors.add(new FieldError(field, label + "：应为时间，格式 yyyy-MM-ddTHH:mm:ss+08:00"));
        } else if (time.getYear() > 2037) {
            errors.add(new FieldError(field, label + "：不得晚于 2037 年"));
        }
        return time;
    }

    static QualificationView view(Qualification q, LocalDate today) {
        String status = q.validUntil().isBefore(today) ? "已过期"
                : q.validUntil().isAfter(today.plusDays(REMIND_DAYS)) ? "有效" : "即将到期";
        return new QualificationView(q.id(), q.name(), q.certNumber(), q.issuer(), q.validUntil(), q.covers(), status,
                q.recordedBy(), EngineTime.forDisplay(q.recordedAt()));
    }

    static ShiftView view(DutyShift s) {
        return new ShiftView(s.userId(), s.post(), EngineTime.forDisplay(s.startsAt()), EngineTime.forDisplay(s.endsAt()),
                s.processInstanceId());
    }

    public record QualificationRequest(String name, String number, String issuer, String validUntil, String covers) {
    }

    public record ShiftRequest(String post, String startsAt, String endsAt) {
    }

    public record QualificationView(Long id, String name, String number, String issuer, LocalDate validUntil,
                                    String covers, String status, String recordedBy, OffsetDateTime recordedAt) {
    }

    public record ShiftView(String userId, String post, OffsetDateTime startsAt, OffsetDateTime endsAt,
                            String processInstanceId) {
    }

    public record Training(String processInstanceId, String heldAt, String mode, String content) {
    }

    /** Appendix B per person (常规任务按时完成率) for the period. */
    public record Figures(LocalDate from, LocalDate to, int tasksWithDeadline, int completedInTime, Double onTimeRate) {
    }

    public record PersonSummary(String userId, String name, List<String> groups, List<QualificationView> qualifications,
                                boolean onDutyNow) {
    }

    public record Person(String userId, String name, List<String> groups, List<QualificationView> qualifications,
                         List<Training> trainings, List<ShiftView> shifts, Figures figures) {
    }
}
