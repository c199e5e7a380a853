-- A notice drafted in a 安全通告 process (7.4.5) names that process: its rendered document is kept with the process.
ALTER TABLE notice ADD COLUMN process_instance_id VARCHAR(64);
CREATE INDEX ix_notice_process ON notice (process_instance_id);
