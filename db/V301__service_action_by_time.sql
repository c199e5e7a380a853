-- Reads of the service record by period (Appendix B): the tasks recorded in a period (操作日志完整率) and one step's
-- records in a period (e.g. the training deliveries of 7.4.6.3) take a range of an index, not every row.
CREATE INDEX ix_action_occurred ON service_action (occurred_at, task_id);
CREATE INDEX ix_action_step ON service_action (process_definition_key, activity_id, occurred_at);
