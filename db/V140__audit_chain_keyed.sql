-- The audit chain keyed with HMAC-SM3 (GB/T 22239—2019 8.1.4.7, GB/T 39786—2021): each entry names the
-- algorithm and the key id it was sealed with; the key itself is outside the database. Entries sealed
-- before this version are plain SHA-256: at start-up the application verifies that old chain and re-seals
-- it with the key, keeping each old entry hash in legacy_entry_hash (see AuditChain.migrateLegacy).
ALTER TABLE audit_entry ADD COLUMN algorithm VARCHAR(16) NOT NULL DEFAULT 'SHA-256';
ALTER TABLE audit_entry ADD COLUMN key_id VARCHAR(32) NULL;
ALTER TABLE audit_entry ADD COLUMN legacy_entry_hash CHAR(64) NULL;
CREATE INDEX ix_audit_occurred ON audit_entry (occurred_at);
-- the chain's end under the key too ("<key id>:<HMAC-SM3>"), so that cutting off the last entries needs it
ALTER TABLE audit_chain_head ADD COLUMN head_mac VARCHAR(128) NULL;
