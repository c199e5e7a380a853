-- Staff register (5.2.3.1, GB/T 28827.1-2022 6): the people are the engine's users; here what the engine does not keep.

-- 资质: a certificate or licence a person holds, until when. Expiry reminders are engine timers (secflow-qualification-expiry).
CREATE TABLE staff_qualification (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id       VARCHAR(64)   NOT NULL,
  name          VARCHAR(200)  NOT NULL,
  cert_number   VARCHAR(100)  NOT NULL,
  issuer        VARCHAR(200)  NOT NULL,
  valid_until   DATE          NOT NULL,
  covers        VARCHAR(500),
  recorded_by   VARCHAR(64)   NOT NULL,
  recorded_at   DATETIME      NOT NULL
);
CREATE INDEX ix_qualification_user ON staff_qualification (user_id);
CREATE INDEX ix_qualification_valid ON staff_qualification (valid_until);

-- 值班: one shift of one person; a 安全重保 roster (process_instance_id) or the register's own duty plan (null).
CREATE TABLE duty_shift (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id              VARCHAR(64)   NOT NULL,
  post                 VARCHAR(100)  NOT NULL,
  starts_at            DATETIME      NOT NULL,
  ends_at              DATETIME      NOT NULL,
  process_instance_id  VARCHAR(64),
  recorded_by          VARCHAR(64)   NOT NULL,
  recorded_at          DATETIME      NOT NULL
);
CREATE INDEX ix_shift_user ON duty_shift (user_id, starts_at);
CREATE INDEX ix_shift_process ON duty_shift (process_instance_id);
CREATE INDEX ix_shift_time ON duty_shift (starts_at, ends_at);
