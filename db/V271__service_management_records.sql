-- Records of the service management functions of 5.1.2 e: 钓鱼测试, 安全重保, 上线检测.

-- 钓鱼测试记录: per target unit of one exercise (the platform records; it does not send mail).
CREATE TABLE phishing_result (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  unit                 VARCHAR(200)  NOT NULL,
  targets              INT           NOT NULL,
  sent                 INT           NOT NULL,
  opened               INT           NOT NULL,
  clicked              INT           NOT NULL,
  reported             INT           NOT NULL,
  recorded_by          VARCHAR(64)   NOT NULL,
  recorded_at          DATETIME      NOT NULL
);
CREATE INDEX ix_phishing_process ON phishing_result (process_instance_id);

-- 重保日报: one per day of a protection period.
CREATE TABLE protection_daily_report (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  report_date          DATE          NOT NULL,
  alerts               INT           NOT NULL,
  incidents            INT           NOT NULL,
  summary              VARCHAR(4000) NOT NULL,
  recorded_by          VARCHAR(64)   NOT NULL,
  recorded_at          DATETIME      NOT NULL,
  CONSTRAINT uq_daily_report UNIQUE (process_instance_id, report_date)
);

-- 上线检测结论: the go/no-go decision of each round of checks.
CREATE TABLE launch_decision (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  process_instance_id  VARCHAR(64)   NOT NULL,
  system_name          VARCHAR(200)  NOT NULL,
  decision             VARCHAR(20)   NOT NULL,
  finding_count        INT           NOT NULL,
  reason               VARCHAR(4000) NOT NULL,
  decided_by           VARCHAR(64)   NOT NULL,
  decided_at           DATETIME      NOT NULL
);
CREATE INDEX ix_launch_process ON launch_decision (process_instance_id);
