-- Operations platform (5.1.2 c-d, 5.1.3): alerts and their groups, tickets, knowledge base, notices.

-- 告警聚合: alerts of the same source, type and asset within the aggregation window form one group,
-- which is triaged once (研判).
CREATE TABLE alert_group (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  source               VARCHAR(200)  NOT NULL,
  alert_type           VARCHAR(200)  NOT NULL,
  asset                VARCHAR(255)  NOT NULL,
  severity             VARCHAR(16)   NOT NULL,
  alert_count          INT           NOT NULL,
  first_seen_at        DATETIME      NOT NULL,
  last_seen_at         DATETIME      NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  outcome              VARCHAR(32),
  triage_note          VARCHAR(4000),
  triaged_by           VARCHAR(64),
  triaged_at           DATETIME,
  incident_id          BIGINT,
  process_instance_id  VARCHAR(64)
);
CREATE INDEX ix_alert_group_key ON alert_group (source, alert_type, asset, status, last_seen_at);

CREATE TABLE alert (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  group_id     BIGINT        NOT NULL,
  source       VARCHAR(200)  NOT NULL,
  alert_type   VARCHAR(200)  NOT NULL,
  asset        VARCHAR(255)  NOT NULL,
  severity     VARCHAR(16)   NOT NULL,
  title        VARCHAR(200)  NOT NULL,
  detail       VARCHAR(4000),
  occurred_at  DATETIME,
  received_at  DATETIME      NOT NULL,
  received_by  VARCHAR(64)   NOT NULL
);
CREATE INDEX ix_alert_group ON alert (group_id);

-- 工单: every service request, with its SLA deadlines and the process that serves it.
CREATE TABLE ticket (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  kind                 VARCHAR(16)   NOT NULL,
  channel              VARCHAR(16)   NOT NULL,
  priority             VARCHAR(16)   NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  title                VARCHAR(200)  NOT NULL,
  description          VARCHAR(4000) NOT NULL,
  requesting_unit      VARCHAR(200)  NOT NULL,
  contact_person       VARCHAR(200)  NOT NULL,
  contact_info         VARCHAR(200)  NOT NULL,
  assignee             VARCHAR(64),
  resolution           VARCHAR(4000),
  response_due         DATETIME      NOT NULL,
  resolve_due          DATETIME      NOT NULL,
  first_response_at    DATETIME,
  first_response_by    VARCHAR(64),
  resolved_at          DATETIME,
  closed_at            DATETIME,
  process_instance_id  VARCHAR(64),
  created_by           VARCHAR(64)   NOT NULL,
  created_at           DATETIME      NOT NULL
);
CREATE INDEX ix_ticket_status ON ticket (status, created_at);
CREATE INDEX ix_ticket_process ON ticket (process_instance_id);

-- 知识库: articles and their search terms (CJK characters and bigrams, ASCII words), because
-- neither H2 nor MariaDB segments Chinese text in a full-text index.
CREATE TABLE knowledge_article (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  title             VARCHAR(200)  NOT NULL,
  content           TEXT          NOT NULL,
  category          VARCHAR(64),
  status            VARCHAR(16)   NOT NULL,
  source_ticket_id  BIGINT,
  created_by        VARCHAR(64)   NOT NULL,
  created_at        DATETIME      NOT NULL,
  updated_at        DATETIME      NOT NULL
);

CREATE TABLE knowledge_term (
  article_id  BIGINT       NOT NULL,
  term        VARCHAR(64)  NOT NULL,
  weight      INT          NOT NULL
);
CREATE INDEX ix_knowledge_term ON knowledge_term (term, article_id);
CREATE INDEX ix_knowledge_term_article ON knowledge_term (article_id);

-- 安全通告 (7.4.5) with the elements of GB/T 43557-2023, its recipients and the messages delivered.
CREATE TABLE notice (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  notice_no        VARCHAR(32),
  kind             VARCHAR(32)   NOT NULL,
  title            VARCHAR(200)  NOT NULL,
  content          TEXT          NOT NULL,
  reporting_unit   VARCHAR(200)  NOT NULL,
  reporter         VARCHAR(200)  NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  discovered_at    DATETIME,
  vuln_type        VARCHAR(32),
  vuln_level       VARCHAR(16),
  cve_id           VARCHAR(64),
  cnvd_id          VARCHAR(64),
  cnnvd_id         VARCHAR(64),
  affected_scope   VARCHAR(4000),
  consequence      VARCHAR(4000),
  related_info     VARCHAR(4000),
  created_by       VARCHAR(64)   NOT NULL,
  created_at       DATETIME      NOT NULL,
  submitted_at     DATETIME
);
CREATE UNIQUE INDEX ux_notice_no ON notice (notice_no);

CREATE TABLE notice_recipient (
  notice_id       BIGINT       NOT NULL,
  recipient_type  VARCHAR(8)   NOT NULL,
  recipient_id    VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_notice_recipient ON notice_recipient (notice_id);

CREATE TABLE notice_message (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  notice_id     BIGINT       NOT NULL,
  user_id       VARCHAR(64)  NOT NULL,
  delivered_at  DATETIME     NOT NULL,
  read_at       DATETIME
);
CREATE UNIQUE INDEX ux_notice_message ON notice_message (notice_id, user_id);
CREATE INDEX ix_notice_message_user ON notice_message (user_id, read_at);
