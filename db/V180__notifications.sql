-- Notifications (issue 14): the outbox written in the transaction of the event that caused it,
-- per-user settings and group robots. One row of notification per person (in-platform inbox, mail)
-- or per group (robots); one row of notification_delivery per channel that must still carry it.

CREATE TABLE notification (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    event               VARCHAR(40)   NOT NULL,
    recipient_user      VARCHAR(64),
    recipient_group     VARCHAR(64),
    in_inbox            BOOLEAN       NOT NULL,
    title               VARCHAR(300)  NOT NULL,
    body                VARCHAR(4000) NOT NULL,
    link                VARCHAR(1000),
    task_id             VARCHAR(64),
    process_instance_id VARCHAR(64),
    deadline            DATETIME,
    actor               VARCHAR(64),
    created_at          DATETIME      NOT NULL,
    read_at             DATETIME
);
CREATE INDEX idx_notification_inbox ON notification (recipient_user, in_inbox, read_at);

CREATE TABLE notification_delivery (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    notification_id BIGINT        NOT NULL,
    channel         VARCHAR(20)   NOT NULL,
    target          VARCHAR(320)  NOT NULL,
    robot_id        BIGINT,
    status          VARCHAR(20)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at DATETIME      NOT NULL,
    last_error      VARCHAR(1000),
    claimed_by      VARCHAR(100),
    claimed_until   DATETIME,
    sent_at         DATETIME,
    created_at      DATETIME      NOT NULL,
    CONSTRAINT fk_delivery_notification FOREIGN KEY (notification_id) REFERENCES notification (id)
);
CREATE INDEX idx_delivery_due ON notification_delivery (status, channel, next_attempt_at);

CREATE TABLE notification_user_setting (
    user_id VARCHAR(64) NOT NULL,
    event   VARCHAR(40) NOT NULL,
    channel VARCHAR(20) NOT NULL,
    enabled BOOLEAN     NOT NULL,
    PRIMARY KEY (user_id, event, channel)
);

CREATE TABLE notification_robot (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    group_id   VARCHAR(64)   NOT NULL,
    kind       VARCHAR(20)   NOT NULL,
    name       VARCHAR(100)  NOT NULL,
    url        VARCHAR(1000) NOT NULL,
    secret     VARCHAR(200),
    events     VARCHAR(500),
    enabled    BOOLEAN       NOT NULL,
    created_at DATETIME      NOT NULL
);
CREATE INDEX idx_robot_group ON notification_robot (group_id);
