-- Tamper-evident audit trail: history events an auditor cares about, appended in the engine's own
-- transaction, then sealed into a hash chain (sequence, previous hash, own hash) in commit order.
CREATE TABLE audit_entry (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_type           VARCHAR(64)   NOT NULL,
  process_instance_id  VARCHAR(64),
  actor                VARCHAR(64),
  occurred_at          DATETIME      NOT NULL,
  content              TEXT          NOT NULL,
  content_hash         CHAR(64)      NOT NULL,
  chain_seq            BIGINT        NULL,
  prev_hash            CHAR(64)      NULL,
  entry_hash           CHAR(64)      NULL,
  CONSTRAINT uk_audit_seq UNIQUE (chain_seq)
);
CREATE INDEX ix_audit_unsealed ON audit_entry (chain_seq, id);
CREATE INDEX ix_audit_process ON audit_entry (process_instance_id);

-- The end of the chain: the lock sealers take, and what lets a deleted last entry be seen.
CREATE TABLE audit_chain_head (
  id          INT          PRIMARY KEY,
  last_seq    BIGINT       NOT NULL,
  last_hash   CHAR(64)     NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
