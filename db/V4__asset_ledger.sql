-- 资产信息台账 (5.1.2 a, 7.4.1): the assets of every kind the standard names, their lifecycle, what
-- discovery imports observed, and every change as a ledger line with before/after values.

-- One asset. identifier is the IP, domain, URL, host:port, app id … that names it; unique per kind.
-- owner_unit and exposure may stay empty only while a discovered asset waits for confirmation (7.4.1.4).
CREATE TABLE asset (
  id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
  kind                  VARCHAR(16)   NOT NULL,
  name                  VARCHAR(200)  NOT NULL,
  identifier            VARCHAR(255)  NOT NULL,
  owner_unit            VARCHAR(200)  NULL,
  grading_level         VARCHAR(16)   NOT NULL,
  grading_filing        VARCHAR(16)   NOT NULL,
  ip_filing             VARCHAR(16)   NOT NULL,
  icp_filing_number     VARCHAR(64)   NULL,
  exposure              VARCHAR(16)   NULL,
  state                 VARCHAR(16)   NOT NULL,
  parent_id             BIGINT        NULL,
  pending_confirmation  BOOLEAN       NOT NULL DEFAULT FALSE,
  discovery_source      VARCHAR(200)  NULL,
  description           VARCHAR(1000) NULL,
  created_by            VARCHAR(64)   NOT NULL,
  created_at            DATETIME      NOT NULL,
  updated_at            DATETIME      NOT NULL,
  retired_at            DATETIME      NULL,
  last_seen_at          DATETIME      NULL,
  CONSTRAINT uk_asset_kind_identifier UNIQUE (kind, identifier)
);
CREATE INDEX ix_asset_state ON asset (state);
CREATE INDEX ix_asset_owner ON asset (owner_unit);
CREATE INDEX ix_asset_parent ON asset (parent_id);

-- One import of a discovery tool's results (7.4.1.4), with its counts.
CREATE TABLE asset_import (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  file_name      VARCHAR(255)  NOT NULL,
  source         VARCHAR(200)  NOT NULL,
  matched_count  INT           NOT NULL,
  unknown_count  INT           NOT NULL,
  imported_by    VARCHAR(64)   NOT NULL,
  imported_at    DATETIME      NOT NULL
);

-- What a discovery import saw of an asset: whether its (sub-)domain resolved, whether its port was
-- open. The quarterly reclamation list (7.4.1.5) is computed from these, without network access.
CREATE TABLE asset_observation (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  asset_id       BIGINT        NOT NULL,
  import_id      BIGINT        NOT NULL,
  observed_at    DATETIME      NOT NULL,
  resolves       BOOLEAN       NULL,
  port_open      BOOLEAN       NULL
);
CREATE INDEX ix_observation_asset ON asset_observation (asset_id, observed_at);

-- Ledger lines of changes made over the API have no process; lines name the asset they changed
-- and, for a field, its value before and after.
ALTER TABLE asset_ledger_line MODIFY root_process_instance_id VARCHAR(64) NULL;
ALTER TABLE asset_ledger_line MODIFY process_definition_key VARCHAR(255) NULL;
ALTER TABLE asset_ledger_line ADD COLUMN asset_id BIGINT NULL;
ALTER TABLE asset_ledger_line ADD COLUMN changed_field VARCHAR(64) NULL;
ALTER TABLE asset_ledger_line ADD COLUMN value_before VARCHAR(1000) NULL;
ALTER TABLE asset_ledger_line ADD COLUMN value_after VARCHAR(1000) NULL;
CREATE INDEX ix_ledger_line_asset_id ON asset_ledger_line (asset_id, recorded_at);
