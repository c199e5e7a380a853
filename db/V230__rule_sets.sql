-- Versions of the rule set (规则管理): who changed the decision tables or rule files, when and why, the
-- tables as typed and the DRL that ran. The newest version is the active one on every node; going back is
-- a new version equal to an old one, so nothing is ever overwritten.
CREATE TABLE rule_set_version (
  version        INT           NOT NULL PRIMARY KEY,
  based_on       INT           NULL,
  reason         VARCHAR(2000) NOT NULL,
  tables_json    MEDIUMTEXT    NULL,
  drl_files      MEDIUMTEXT    NOT NULL,
  generated_drl  MEDIUMTEXT    NOT NULL,
  created_by     VARCHAR(64)   NOT NULL,
  created_at     DATETIME      NOT NULL
);

-- Every decision keeps the version of the rule set that made it, so that an auditor can tell which
-- table graded an incident, set its deadlines, or graded a vulnerability.
ALTER TABLE incident ADD COLUMN rule_set_version INT NULL;
ALTER TABLE incident_grading ADD COLUMN rule_set_version INT NULL;
ALTER TABLE vulnerability ADD COLUMN rule_set_version INT NULL;
