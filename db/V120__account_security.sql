-- Who may log in and how (GB/T 22239—2019 8.1.4.1): the state of each account beside Camunda's own
-- ACT_ID_USER (which keeps the password hash, failed attempts and lock). One row per account.
CREATE TABLE account_security (
  user_id               VARCHAR(64)  PRIMARY KEY,
  created_at            DATETIME     NOT NULL,
  -- set when someone else set the password (new account, reset by an administrator) or at expiry
  must_change_password  BOOLEAN      NOT NULL DEFAULT FALSE,
  password_changed_at   DATETIME     NULL,
  -- second factor (TOTP, RFC 6238): the Base32 secret, kept unconfirmed until the first valid code
  totp_secret           VARCHAR(64)  NULL,
  totp_confirmed_at     DATETIME     NULL,
  -- the last accepted 30-second step: a code is accepted once
  totp_last_step        BIGINT       NULL,
  last_login_at         DATETIME     NULL,
  -- disabled after a period without login, until a security administrator enables it again
  disabled_at           DATETIME     NULL
);

-- Earlier passwords (Camunda's salted hashes) so that a new password may not repeat the last ones.
CREATE TABLE password_history (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id        VARCHAR(64)   NOT NULL,
  salt           VARCHAR(255)  NULL,
  password_hash  VARCHAR(255)  NOT NULL,
  changed_at     DATETIME      NOT NULL
);
CREATE INDEX ix_password_history_user ON password_history (user_id, id);

-- One-time recovery codes of the second factor (SHA-256 of the code; a used one is kept as used).
CREATE TABLE recovery_code (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id    VARCHAR(64)  NOT NULL,
  code_hash  CHAR(64)     NOT NULL,
  used_at    DATETIME     NULL
);
CREATE INDEX ix_recovery_code_user ON recovery_code (user_id);
