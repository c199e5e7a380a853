-- The clause check of each ended service process of section 7, kept once it has ended: its history no longer changes,
-- so the conformance summaries, the dashboard and the Appendix B pass rate of a period read this row instead of
-- tracing the process's whole history again. Written after the process ended (and for any ended process a
-- computation finds without one); one entry per clause of its item: status, late, begun out of order.
CREATE TABLE conformance_result (
  process_instance_id VARCHAR(64)  NOT NULL PRIMARY KEY,
  item                VARCHAR(16)  NOT NULL,
  conformant          BOOLEAN      NOT NULL,
  clauses             TEXT         NOT NULL,
  computed_at         DATETIME     NOT NULL
);
