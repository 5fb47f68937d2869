-- Workforce records (issue 17): employment dates, staff DBS (level, issue
-- day, certificate reference, Update Service check day, renewal due),
-- qualifications (codes, comma-separated) and training, own transport; and
-- the history of settings changes, so a rule that depends on when something
-- happened can ask what was in force at a time (who set what, when).
ALTER TABLE workers ADD COLUMN start_day BIGINT;
ALTER TABLE workers ADD COLUMN end_day BIGINT;
ALTER TABLE workers ADD COLUMN dbs_level TEXT NOT NULL DEFAULT '';
ALTER TABLE workers ADD COLUMN dbs_issue_day BIGINT;
ALTER TABLE workers ADD COLUMN dbs_certificate_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE workers ADD COLUMN dbs_update_check_day BIGINT;
ALTER TABLE workers ADD COLUMN dbs_renewal_day BIGINT;
ALTER TABLE workers ADD COLUMN qualifications TEXT NOT NULL DEFAULT '';
ALTER TABLE workers ADD COLUMN training TEXT NOT NULL DEFAULT '';
ALTER TABLE workers ADD COLUMN own_transport INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workers ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE setting_changes (
  id {{ID}},
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT
);
CREATE INDEX setting_changes_key ON setting_changes (key, at);
