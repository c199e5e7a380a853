-- The administrators' studio (issue 12): drafts of models and their forms kept on the server, and the
-- migrations run from one version to another with their plan and a result per instance. Saves, deploys
-- and migrations are also in the audit trail; these tables keep what the trail does not: the draft's
-- text and the plan.

CREATE TABLE model_draft (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    process_key        VARCHAR(255)  NOT NULL,
    base_definition_id VARCHAR(64),
    bpmn_xml           MEDIUMTEXT    NOT NULL,
    forms_json         MEDIUMTEXT    NOT NULL,
    revision           INT           NOT NULL,
    created_by         VARCHAR(64)   NOT NULL,
    updated_by         VARCHAR(64)   NOT NULL,
    updated_at         DATETIME      NOT NULL
);
CREATE INDEX idx_model_draft_key ON model_draft (process_key);

CREATE TABLE model_migration (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_definition_id VARCHAR(64)   NOT NULL,
    target_definition_id VARCHAR(64)   NOT NULL,
    plan_json            MEDIUMTEXT    NOT NULL,
    instance_count       INT           NOT NULL,
    mode                 VARCHAR(10)   NOT NULL,
    batch_id             VARCHAR(64),
    started_by           VARCHAR(64)   NOT NULL,
    started_at           DATETIME      NOT NULL,
    results_json         MEDIUMTEXT
);
