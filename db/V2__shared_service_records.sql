-- Records of the shared steps of every service item.

-- The service process an action belongs to, also when it ran in a called shared step.
ALTER TABLE service_action ADD COLUMN root_process_instance_id VARCHAR(64);
UPDATE service_action SET root_process_instance_id = process_instance_id;
CREATE INDEX ix_action_root ON service_action (root_process_instance_id, occurred_at);

-- 资产信息台账更新记录: each change a service made to the asset ledger, with the clause that made it.
CREATE TABLE asset_ledger_line (
  id                        BIGINT AUTO_INCREMENT PRIMARY KEY,
  root_process_instance_id  VARCHAR(64)   NOT NULL,
  process_definition_key    VARCHAR(255)  NOT NULL,
  clause                    VARCHAR(128),
  asset                     VARCHAR(255)  NOT NULL,
  change_description        VARCHAR(1000) NOT NULL,
  recorded_by               VARCHAR(64)   NOT NULL,
  recorded_at               DATETIME      NOT NULL
);
CREATE INDEX ix_ledger_line_process ON asset_ledger_line (root_process_instance_id);
CREATE INDEX ix_ledger_line_asset ON asset_ledger_line (asset);
