package org.secflow.notification;

/** Where a notification goes: a person's inbox and mail box (per-user settings), a group's robot. */
public enum Channel {
    INBOX("站内消息"),
    EMAIL("电子邮件"),
    WEBHOOK("群机器人/Webhook");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The channels a user chooses per event. */
    static final Channel[] PERSONAL = {INBOX, EMAIL};
}
