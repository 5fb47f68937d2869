-- Evaluation extracts (docs/EVALUATION.md). A person may withdraw their
-- consent to their data being shared for evaluation after referral: they are
-- then left out of every extract (and counted in its manifest).
CREATE TABLE data_sharing_withdrawals (
  person_id BIGINT PRIMARY KEY REFERENCES people (id),
  at BIGINT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  note TEXT NOT NULL DEFAULT ''
);

-- Extracts asked for on the programme lead's page and run by the jobs
-- thread: queued, running, done or failed; the files are in dir.
CREATE TABLE evaluation_extracts (
  id {{ID}},
  from_day BIGINT NOT NULL,
  to_day BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  requested_by_user_id BIGINT REFERENCES users (id),
  requested_at BIGINT NOT NULL,
  finished_at BIGINT,
  dir TEXT NOT NULL DEFAULT '',
  referrals BIGINT,
  message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evaluation_extracts_status ON evaluation_extracts (status, id);

-- Where the server keeps the extracts it runs, and the key file it uses
-- (owner-only, 32 bytes): empty until an administrator sets them.
INSERT INTO settings (key, value) VALUES ('evaluation_extract_dir', '') ON CONFLICT (key) DO NOTHING;
INSERT INTO settings (key, value) VALUES ('evaluation_key_file', '') ON CONFLICT (key) DO NOTHING;
