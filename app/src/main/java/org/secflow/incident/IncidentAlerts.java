package org.secflow.incident;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.secflow.notification.Announcement;
import org.secflow.notification.NotificationEvent;
import org.secflow.notification.NotificationService;
import org.secflow.process.EngineTime;
import org.secflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Tells management, in the grading's transaction, about a grade I or II incident or one with a duty to
 * report to the regulator, with the deadlines that matter most.
 */
@Component
class IncidentAlerts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final NotificationService notifications;

    IncidentAlerts(NotificationService notifications) {
        this.notifications = notifications;
    }

    void graded(Incident incident, String regradeReason, String actor) {
        boolean major = "I".equals(incident.getGrade()) || "II".equals(incident.getGrade());
        if (!major && !incident.isMustReport()) {
            return;
        }
        String grade = incident.getGrade() + " 级（" + incident.getGradeName() + "）";
        StringBuilder body = new StringBuilder("事件「" + incident.getTitle() + "」"
                + (regradeReason == null ? "定级为 " : "重新定级为 ") + grade + "。");
        if (regradeReason != null) {
            body.append("定级变更原因：").append(regradeReason).append("。");
        }
        append(body, "响应期限", incident.getRespondDue());
        if (incident.isMustReport()) {
            body.append("须向监管单位报告（报告单位类型：").append(incident.getReporterType()).append("）。");
            append(body, "首报期限", incident.getFirstReportDue());
            append(body, "书面报告期限", incident.getReportDue());
        }
        LocalDateTime deadline = incident.isMustReport() && incident.getFirstReportDue() != null
                ? incident.getFirstReportDue() : incident.getRespondDue();
        notifications.announce(new Announcement(NotificationEvent.INCIDENT_GRADED,
                (incident.isMustReport() ? "须报告监管：" : "重大事件：") + grade + " " + incident.getTitle(),
                body.toString(), notifications.link("/api/incidents/" + incident.getId()), null,
                incident.getProcessInstanceId(), deadline, Set.of(), Set.of(Groups.MANAGEMENT), actor));
    }

    private static void append(StringBuilder body, String what, LocalDateTime due) {
        if (due != null) {
            body.append(what).append("：").append(EngineTime.forDisplay(due).format(TIME)).append("。");
        }
    }
}
