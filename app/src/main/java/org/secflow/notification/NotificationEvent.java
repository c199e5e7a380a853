package org.secflow.notification;

/** What a person or a group can be told about; the label is what users read in settings and messages. */
public enum NotificationEvent {
    TASK_CREATED("本组新任务"),
    TASK_ASSIGNED("指派给我的任务"),
    SLA_APPROACHING("即将超时提醒"),
    SLA_MISSED("任务已超时"),
    SLA_BREACHED("SLA 超时升级"),
    INCIDENT_GRADED("重大事件及报告时限"),
    NOTICE_PUBLISHED("安全通告"),
    VULNERABILITY_FOUND("超危/高危漏洞"),
    TICKET_OVERDUE("工单响应超时"),
    QUALIFICATION_EXPIRING("资质即将到期");

    private final String label;

    NotificationEvent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
