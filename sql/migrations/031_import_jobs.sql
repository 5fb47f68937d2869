-- Referral imports from the hub's page: the uploaded CSV, checked (a dry
-- run: its problems kept as a CSV report), then, once confirmed, stored by
-- the background jobs thread in batches, its progress counted here.
CREATE TABLE import_jobs (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  role TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  csv TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'checked' CHECK (status IN ('checked', 'queued', 'running', 'done', 'failed')),
  rows_total BIGINT NOT NULL DEFAULT 0,
  rows_good BIGINT NOT NULL DEFAULT 0,
  rows_bad BIGINT NOT NULL DEFAULT 0,
  problems_count BIGINT NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '',
  rows_done BIGINT NOT NULL DEFAULT 0,
  rows_stored BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT
);
CREATE INDEX import_jobs_status ON import_jobs (status, id);
