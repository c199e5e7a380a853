-- Checkpoints of the audit chain: after a verification found the chain whole up to an entry, that entry's place and
-- hash, MACed with the key ("<key id>:<HMAC-SM3>") so that nobody without the key can move a checkpoint. A later
-- incremental verification starts there (the checkpoint's entry checked again) instead of at the first entry.
CREATE TABLE audit_checkpoint (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  chain_seq    BIGINT       NOT NULL,
  entry_hash   CHAR(64)     NOT NULL,
  verified_at  DATETIME     NOT NULL,
  verified_by  VARCHAR(64),
  full_chain   BOOLEAN      NOT NULL,
  mac          VARCHAR(128) NOT NULL
);
CREATE INDEX ix_audit_checkpoint_seq ON audit_checkpoint (chain_seq);
