-- Vulnerabilities of the operations platform (T/DGAG 040—2025 5.1.2 b, 7.4.2).
-- Identity and description per GB/T 28458—2020, class and grade per GB/T 30279—2020 (decided by
-- rules/vulnerability-grading.drl), lifecycle 发现和报告 → 接收 → 验证 → 处置 → 发布 → 跟踪.

CREATE TABLE vulnerability (
  id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
  -- sha-256 of source|host|port|plugin or CVE: the same finding of a later scan updates this row
  fingerprint             VARCHAR(64)   NOT NULL,
  source                  VARCHAR(16)   NOT NULL,
  name                    VARCHAR(500)  NOT NULL,
  description             TEXT,
  cve_id                  VARCHAR(2000),
  cnnvd_id                VARCHAR(500),
  cnvd_id                 VARCHAR(500),
  host                    VARCHAR(255)  NOT NULL,
  port                    VARCHAR(32)   NOT NULL,
  plugin_id               VARCHAR(128),
  affected_product        VARCHAR(1000),
  existence_note          TEXT,
  detection_method        VARCHAR(1000),
  solution                TEXT,
  discoverer              VARCHAR(255),
  verifier                VARCHAR(64),
  cvss_vector             VARCHAR(200),
  cvss_score              DECIMAL(3,1),
  scanner_severity        VARCHAR(32),
  access_path             VARCHAR(16),
  trigger_requirement     VARCHAR(16),
  privilege_requirement   VARCHAR(16),
  interaction             VARCHAR(16),
  confidentiality_impact  VARCHAR(16),
  integrity_impact        VARCHAR(16),
  availability_impact     VARCHAR(16),
  exploit_cost            VARCHAR(16),
  fix_difficulty          VARCHAR(16),
  impact_scope            VARCHAR(16),
  vuln_class              VARCHAR(32)   NOT NULL,
  technical_grade         VARCHAR(16)   NOT NULL,
  grade                   VARCHAR(16)   NOT NULL,
  state                   VARCHAR(20)   NOT NULL,
  resolution              VARCHAR(32),
  first_seen              DATETIME      NOT NULL,
  last_seen               DATETIME      NOT NULL,
  created_by              VARCHAR(64)   NOT NULL,
  updated_at              DATETIME      NOT NULL
);
CREATE UNIQUE INDEX ux_vulnerability_fingerprint ON vulnerability (fingerprint);
CREATE INDEX ix_vulnerability_host ON vulnerability (host, source);
CREATE INDEX ix_vulnerability_state ON vulnerability (state, grade);

-- Every change of state: who, when, why; import_id when a scan caused it (evidence).
CREATE TABLE vulnerability_transition (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  vulnerability_id  BIGINT       NOT NULL,
  action            VARCHAR(32)  NOT NULL,
  from_state        VARCHAR(20),
  to_state          VARCHAR(20)  NOT NULL,
  note              VARCHAR(4000),
  actor             VARCHAR(64)  NOT NULL,
  occurred_at       DATETIME     NOT NULL,
  import_id         BIGINT
);
CREATE INDEX ix_vuln_transition ON vulnerability_transition (vulnerability_id, occurred_at);

-- One scanner report as imported: the evidence of what a scan saw.
CREATE TABLE vulnerability_import (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  format            VARCHAR(16)   NOT NULL,
  file_name         VARCHAR(255)  NOT NULL,
  sha256            VARCHAR(64)   NOT NULL,
  hosts_covered     TEXT          NOT NULL,
  host_count        INT           NOT NULL,
  finding_count     INT           NOT NULL,
  new_count         INT           NOT NULL,
  updated_count     INT           NOT NULL,
  suppressed_count  INT           NOT NULL,
  closed_count      INT           NOT NULL,
  reopened_count    INT           NOT NULL,
  skipped_count     INT           NOT NULL,
  imported_by       VARCHAR(64)   NOT NULL,
  imported_at       DATETIME      NOT NULL
);
CREATE INDEX ix_vuln_import_sha ON vulnerability_import (sha256);

-- Which import saw which finding.
CREATE TABLE vulnerability_sighting (
  vulnerability_id  BIGINT  NOT NULL,
  import_id         BIGINT  NOT NULL
);
CREATE INDEX ix_vuln_sighting ON vulnerability_sighting (vulnerability_id, import_id);

-- 7.4.2.5: a mitigation of a vulnerability that cannot be fixed in time, monitored until fixed.
CREATE TABLE vulnerability_mitigation (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  vulnerability_id     BIGINT        NOT NULL,
  measures             VARCHAR(4000) NOT NULL,
  review_date          DATETIME      NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  process_instance_id  VARCHAR(64),
  created_by           VARCHAR(64)   NOT NULL,
  created_at           DATETIME      NOT NULL,
  closed_at            DATETIME
);
CREATE INDEX ix_vuln_mitigation ON vulnerability_mitigation (vulnerability_id);
