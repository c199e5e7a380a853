-- 5.1.2 b 扫描工具及任务管理、漏洞情报管理; 7.2.7.5, 7.2.9.4, 7.4.4.4 关联威胁情报库; 7.4.5.2 a 漏洞预警.

-- 产品及版本 of an asset (lines 厂商|产品|版本): what vulnerability intelligence is matched against.
ALTER TABLE asset ADD COLUMN products VARCHAR(2000) NULL;

-- One intelligence feed file as imported; the same file (by SHA-256) is imported once.
CREATE TABLE intel_import (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  format           VARCHAR(16)   NOT NULL,
  source           VARCHAR(200)  NOT NULL,
  file_name        VARCHAR(255)  NOT NULL,
  sha256           CHAR(64)      NOT NULL,
  item_count       INT           NOT NULL,
  new_count        INT           NOT NULL,
  known_count      INT           NOT NULL,
  skipped_count    INT           NOT NULL,
  asset_match_count INT          NOT NULL,
  draft_count      INT           NOT NULL,
  imported_by      VARCHAR(64)   NOT NULL,
  imported_at      DATETIME      NOT NULL,
  CONSTRAINT uk_intel_import_sha256 UNIQUE (sha256)
);

-- One item of intelligence: an indicator (ip, domain, url, hash) or a vulnerability. item_key is the SHA-256 of
-- what makes it the same item in every feed (format, source id, value): a second import of it adds nothing.
CREATE TABLE intel_item (
  id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
  item_key           CHAR(64)      NOT NULL,
  kind               VARCHAR(16)   NOT NULL,
  import_id          BIGINT        NOT NULL,
  format             VARCHAR(16)   NOT NULL,
  source             VARCHAR(200)  NOT NULL,
  external_id        VARCHAR(200)  NULL,
  name               VARCHAR(500)  NOT NULL,
  description        VARCHAR(4000) NULL,
  indicator_type     VARCHAR(16)   NULL,
  indicator_value    VARCHAR(2000) NULL,
  indicator_hash     CHAR(64)      NULL,
  cve_id             VARCHAR(32)   NULL,
  cnvd_id            VARCHAR(32)   NULL,
  cnnvd_id           VARCHAR(32)   NULL,
  severity           VARCHAR(8)    NULL,
  known_exploited    BOOLEAN       NOT NULL DEFAULT FALSE,
  affected_products  MEDIUMTEXT    NULL,
  confidence         INT           NOT NULL,
  published_at       DATETIME      NULL,
  valid_from         DATETIME      NULL,
  valid_until        DATETIME      NULL,
  created_at         DATETIME      NOT NULL,
  CONSTRAINT uk_intel_item_key UNIQUE (item_key)
);
CREATE INDEX ix_intel_item_indicator ON intel_item (indicator_hash);
CREATE INDEX ix_intel_item_cve ON intel_item (cve_id);
CREATE INDEX ix_intel_item_import ON intel_item (import_id);

-- A vulnerability item that names a product an asset runs; notice_id is the 漏洞预警 draft proposed for it.
CREATE TABLE intel_asset_match (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  item_id       BIGINT        NOT NULL,
  asset_id      BIGINT        NOT NULL,
  asset_label   VARCHAR(500)  NOT NULL,
  product       VARCHAR(500)  NOT NULL,
  notice_id     BIGINT        NULL,
  matched_at    DATETIME      NOT NULL,
  CONSTRAINT uk_intel_asset_match UNIQUE (item_id, asset_id)
);
CREATE INDEX ix_intel_asset_match_asset ON intel_asset_match (asset_id);

-- An alert that named a valid indicator when it arrived (命中威胁情报).
CREATE TABLE intel_alert_hit (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  alert_id         BIGINT        NOT NULL,
  group_id         BIGINT        NOT NULL,
  item_id          BIGINT        NOT NULL,
  matched_at       DATETIME      NOT NULL,
  CONSTRAINT uk_intel_alert_hit UNIQUE (alert_id, item_id)
);
CREATE INDEX ix_intel_alert_hit_group ON intel_alert_hit (group_id);

-- 扫描工具: which scanners exist, where, and until when their licence runs.
CREATE TABLE scan_tool (
  id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
  name                VARCHAR(200)  NOT NULL,
  kind                VARCHAR(32)   NOT NULL,
  version             VARCHAR(64)   NOT NULL,
  location            VARCHAR(255)  NOT NULL,
  licence_expires_on  DATE          NULL,
  created_by          VARCHAR(64)   NOT NULL,
  created_at          DATETIME      NOT NULL,
  CONSTRAINT uk_scan_tool_name UNIQUE (name)
);

-- 资产组: the assets a scan task covers, by name.
CREATE TABLE scan_asset_group (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(200)  NOT NULL,
  description  VARCHAR(1000) NULL,
  created_by   VARCHAR(64)   NOT NULL,
  created_at   DATETIME      NOT NULL,
  CONSTRAINT uk_scan_asset_group_name UNIQUE (name)
);

CREATE TABLE scan_asset_group_member (
  group_id   BIGINT NOT NULL,
  asset_id   BIGINT NOT NULL,
  PRIMARY KEY (group_id, asset_id)
);
CREATE INDEX ix_scan_group_member_asset ON scan_asset_group_member (asset_id);

-- 扫描任务: scope (asset groups), schedule (cron), scanner.
CREATE TABLE scan_task (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(200)  NOT NULL,
  tool_id      BIGINT        NOT NULL,
  schedule     VARCHAR(100)  NOT NULL,
  description  VARCHAR(1000) NULL,
  created_by   VARCHAR(64)   NOT NULL,
  created_at   DATETIME      NOT NULL,
  CONSTRAINT uk_scan_task_name UNIQUE (name)
);

CREATE TABLE scan_task_scope (
  task_id    BIGINT NOT NULL,
  group_id   BIGINT NOT NULL,
  PRIMARY KEY (task_id, group_id)
);

-- A run of a task, linked to the vulnerability import its report produced (7.4.2.3).
CREATE TABLE scan_run (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  task_id       BIGINT        NOT NULL,
  import_id     BIGINT        NOT NULL,
  ran_at        DATETIME      NOT NULL,
  recorded_by   VARCHAR(64)   NOT NULL,
  recorded_at   DATETIME      NOT NULL
);
CREATE INDEX ix_scan_run_task ON scan_run (task_id, ran_at);
CREATE INDEX ix_scan_run_time ON scan_run (ran_at);
