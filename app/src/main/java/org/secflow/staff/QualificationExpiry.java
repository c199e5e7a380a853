package org.secflow.staff;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.secflow.notification.Announcement;
import org.secflow.notification.NotificationEvent;
import org.secflow.notification.NotificationService;
import org.secflow.process.DeadlineJob;
import org.secflow.process.DeadlineTimers;
import org.secflow.process.EngineTime;
import org.secflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * The reminder that a qualification ends within {@value StaffService#REMIND_DAYS} days, as an engine timer scheduled
 * with the qualification (like a ticket's response deadline): at 09:00 of the day 30 days before it ends, or at once
 * when it is registered with less time left. The holder and management hear of it, unless the qualification was
 * removed or the holder has a later one of the same name by then (renewed).
 */
@Component
class QualificationExpiry extends DeadlineJob {

    static final String TYPE = "secflow-qualification-expiry";
    static final LocalTime REMIND_AT = LocalTime.of(9, 0);

    private final StaffMapper mapper;
    private final NotificationService notifications;

    // no DeadlineTimers here: the engine's plugin takes this job handler before the engine exists
    QualificationExpiry(StaffMapper mapper, NotificationService notifications) {
        this.mapper = mapper;
        this.notifications = notifications;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Schedules the reminder of a qualification just registered; none for one that has already ended. */
    static void schedule(DeadlineTimers timers, Qualification qualification) {
        LocalDateTime remindAt = qualification.validUntil().minusDays(StaffService.REMIND_DAYS).atTime(REMIND_AT);
        LocalDateTime now = EngineTime.now();
        if (qualification.validUntil().isBefore(now.toLocalDate())) {
            return; // already ended: the register shows it as 已过期, nothing to remind of
        }
        timers.schedule(TYPE, String.valueOf(qualification.id()), remindAt.isBefore(now) ? now : remindAt);
    }

    @Override
    protected void fire(String key, CommandContext context) {
        Qualification qualification = mapper.findQualification(Long.parseLong(key));
        if (qualification == null) {
            return; // removed from the register
        }
        boolean renewed = mapper.qualificationsOf(qualification.userId()).stream()
                .anyMatch(other -> other.name().equals(qualification.name())
                        && other.validUntil().isAfter(qualification.validUntil()));
        if (renewed) {
            return;
        }
        notifications.announce(new Announcement(NotificationEvent.QUALIFICATION_EXPIRING,
                "资质即将到期：" + qualification.userId() + " " + qualification.name(),
                "人员 " + qualification.userId() + " 的资质「" + qualification.name() + "」（证书编号 "
                        + qualification.certNumber() + "，" + qualification.issuer() + "）有效期至 "
                        + qualification.validUntil() + "，请及时办理复审或换证，并在人员台账中登记新证书。",
                notifications.link("/api/staff/" + qualification.userId()), null, null,
                qualification.validUntil().atTime(23, 59, 59), Set.of(qualification.userId()),
                Set.of(Groups.MANAGEMENT), null));
    }
}
