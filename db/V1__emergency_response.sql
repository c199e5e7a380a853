-- Records that the standard asks the provider to keep for emergency response (7.5.1) and the
-- shared service records every service item writes. MySQL dialect; H2 runs it in MySQL mode.

-- One reported network security incident (7.5.1.5) and its current grade (7.5.1.6).
CREATE TABLE incident (
  id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id    VARCHAR(64)   NOT NULL,
  title                  VARCHAR(200)  NOT NULL,
  description            VARCHAR(4000) NOT NULL,
  category               VARCHAR(32)   NOT NULL,
  subcategory            VARCHAR(64),
  object_importance      VARCHAR(16)   NOT NULL,
  system_loss            VARCHAR(16)   NOT NULL,
  social_impact          VARCHAR(16)   NOT NULL,
  reporter_type          VARCHAR(32)   NOT NULL,
  channel                VARCHAR(16)   NOT NULL,
  affected_assets        VARCHAR(4000) NOT NULL,
  measures_taken         VARCHAR(4000),
  grade                  VARCHAR(4),
  grade_name             VARCHAR(8),
  must_report            BOOLEAN       NOT NULL DEFAULT FALSE,
  first_report_due       DATETIME      NULL,
  respond_due            DATETIME      NULL,
  on_site_due            DATETIME      NULL,
  resolve_due            DATETIME      NULL,
  report_due             DATETIME      NULL,
  status                 VARCHAR(16)   NOT NULL,
  reported_by            VARCHAR(64)   NOT NULL,
  reported_at            DATETIME      NOT NULL,
  closed_at              DATETIME      NULL,
  CONSTRAINT uk_incident_process UNIQUE (process_instance_id)
);

-- Every grading decision, the first and each re-grade with its reason: both stay (7.5.1.6).
CREATE TABLE incident_grading (
  id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
  incident_id         BIGINT        NOT NULL,
  grade               VARCHAR(4)    NOT NULL,
  grade_name          VARCHAR(8)    NOT NULL,
  object_importance   VARCHAR(16)   NOT NULL,
  system_loss         VARCHAR(16)   NOT NULL,
  social_impact       VARCHAR(16)   NOT NULL,
  must_report         BOOLEAN       NOT NULL,
  reason              VARCHAR(4000),
  decided_by          VARCHAR(64)   NOT NULL,
  decided_at          DATETIME      NOT NULL,
  CONSTRAINT fk_grading_incident FOREIGN KEY (incident_id) REFERENCES incident (id)
);
CREATE INDEX ix_grading_incident ON incident_grading (incident_id);

-- The service record: each activity of any service process with actor, role, time and the
-- evidence entered (7.5.1.9 and the "记录服务过程" step of every item).
CREATE TABLE service_action (
  id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id    VARCHAR(64)   NOT NULL,
  process_definition_key VARCHAR(255)  NOT NULL,
  activity_id            VARCHAR(255)  NOT NULL,
  activity_name          VARCHAR(255)  NOT NULL,
  clause                 VARCHAR(128),
  task_id                VARCHAR(64),
  actor                  VARCHAR(64)   NOT NULL,
  actor_group            VARCHAR(64),
  occurred_at            DATETIME      NOT NULL,
  evidence               TEXT
);
CREATE INDEX ix_action_process ON service_action (process_instance_id, occurred_at);

-- A missed service-level deadline and the group it was escalated to.
CREATE TABLE sla_breach (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  activity_id          VARCHAR(255)  NOT NULL,
  sla_name             VARCHAR(64)   NOT NULL,
  due_at               DATETIME      NULL,
  breached_at          DATETIME      NOT NULL,
  escalated_to         VARCHAR(64)   NOT NULL
);
CREATE INDEX ix_breach_process ON sla_breach (process_instance_id);

-- Documents the standard asks the provider to "provide" (报告), rendered with Freemarker; each
-- rendering is a new version, the latest is the current one.
CREATE TABLE service_document (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  kind                 VARCHAR(64)   NOT NULL,
  title                VARCHAR(255)  NOT NULL,
  version              INT           NOT NULL,
  html                 MEDIUMTEXT    NOT NULL,
  created_by           VARCHAR(64)   NOT NULL,
  created_at           DATETIME      NOT NULL,
  CONSTRAINT uk_document_version UNIQUE (process_instance_id, kind, version)
);

-- Emergency plans per grade (7.5.1.3) and their review / publication (7.5.1.4).
CREATE TABLE emergency_plan (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  plan_version         VARCHAR(32)   NOT NULL,
  grade                VARCHAR(4)    NOT NULL,
  content              TEXT          NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  drafted_by           VARCHAR(64)   NOT NULL,
  drafted_at           DATETIME      NOT NULL,
  published_at         DATETIME      NULL
);
CREATE INDEX ix_plan_process ON emergency_plan (process_instance_id);

-- Training on a plan before it is published (7.5.1.4).
CREATE TABLE plan_training (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  plan_version         VARCHAR(32)   NOT NULL,
  held_at              DATETIME      NOT NULL,
  trainer              VARCHAR(64)   NOT NULL,
  participants         VARCHAR(4000) NOT NULL,
  participant_count    INT           NOT NULL,
  content              VARCHAR(4000) NOT NULL,
  recorded_by          VARCHAR(64)   NOT NULL
);
