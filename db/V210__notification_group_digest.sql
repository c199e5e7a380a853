-- Per group: new-task notices (TASK_CREATED) by mail and robot at once, or bundled into one digest per period.
-- A delivery waiting for its group's digest is status DIGEST; when bundled it is DIGESTED and names the
-- notification of the digest that carried it.

CREATE TABLE notification_group_setting (
    group_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    task_created   VARCHAR(20) NOT NULL,
    digest_minutes INT         NOT NULL
);

ALTER TABLE notification_delivery ADD COLUMN bundled_into BIGINT;
