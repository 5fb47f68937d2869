-- Commissioning (docs/COMMISSIONING.md): the provider framework's rounds,
-- expressions of interest, interview scores, Lot awards, service level
-- agreements with their Living Well Worker posts, staged payments in integer
-- pence, quarterly reviews, and each provider's Appendix B evidence. Kept in
-- tables of their own keyed by organisation id: orgs is not changed.
CREATE TABLE comm_rounds (
  id {{ID}},
  title TEXT NOT NULL,
  lot_value_pence BIGINT NOT NULL CHECK (lot_value_pence >= 0),
  eoi_deadline BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'awarded', 'contracted')),
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id)
);

CREATE TABLE comm_round_areas (
  round_id BIGINT NOT NULL REFERENCES comm_rounds (id),
  area TEXT NOT NULL REFERENCES areas (code),
  lots INTEGER NOT NULL CHECK (lots >= 0),
  clusters TEXT NOT NULL,
  PRIMARY KEY (round_id, area)
);

CREATE TABLE comm_milestones (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES comm_rounds (id),
  label TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX comm_milestones_round ON comm_milestones (round_id, at);

CREATE TABLE comm_eois (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES comm_rounds (id),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  min_lots INTEGER NOT NULL,
  max_lots INTEGER NOT NULL,
  clusters TEXT NOT NULL,
  specialisms TEXT NOT NULL,
  experience TEXT NOT NULL,
  track_record TEXT NOT NULL,
  shortlisted INTEGER NOT NULL DEFAULT 0 CHECK (shortlisted IN (0, 1)),
  score_x100 INTEGER,
  submitted_at BIGINT NOT NULL,
  submitted_by_user_id BIGINT REFERENCES users (id),
  UNIQUE (round_id, org_id)
);

CREATE TABLE comm_scores (
  eoi_id BIGINT NOT NULL REFERENCES comm_eois (id),
  criterion TEXT NOT NULL,
  score INTEGER NOT NULL,
  scored_at BIGINT NOT NULL,
  scored_by_user_id BIGINT REFERENCES users (id),
  PRIMARY KEY (eoi_id, criterion)
);

CREATE TABLE comm_awards (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES comm_rounds (id),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  area TEXT NOT NULL,
  cluster TEXT NOT NULL,
  lots INTEGER NOT NULL CHECK (lots > 0),
  reason TEXT NOT NULL,
  runner_up TEXT,
  override_reason TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX comm_awards_round ON comm_awards (round_id);

CREATE TABLE comm_slas (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES comm_rounds (id),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  lots INTEGER NOT NULL,
  total_pence BIGINT NOT NULL,
  signed_day BIGINT NOT NULL,
  start_day BIGINT NOT NULL,
  end_day BIGINT NOT NULL,
  mobilisation_end_day BIGINT,
  mobilisation_pct INTEGER NOT NULL DEFAULT 50 CHECK (mobilisation_pct BETWEEN 0 AND 100),
  created_at BIGINT NOT NULL,
  UNIQUE (round_id, org_id)
);
CREATE INDEX comm_slas_org ON comm_slas (org_id);

CREATE TABLE comm_sla_extensions (
  id {{ID}},
  sla_id BIGINT NOT NULL REFERENCES comm_slas (id),
  old_end_day BIGINT NOT NULL,
  new_end_day BIGINT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id)
);

-- One Living Well Worker post (0.5 FTE) per Lot.
CREATE TABLE comm_posts (
  id {{ID}},
  sla_id BIGINT NOT NULL REFERENCES comm_slas (id),
  area TEXT NOT NULL,
  cluster TEXT NOT NULL,
  fte_hundredths INTEGER NOT NULL DEFAULT 50,
  worker_id BIGINT REFERENCES workers (id),
  in_place_day BIGINT
);
CREATE INDEX comm_posts_sla ON comm_posts (sla_id);

CREATE TABLE comm_payments (
  id {{ID}},
  sla_id BIGINT NOT NULL REFERENCES comm_slas (id),
  stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 3),
  label TEXT NOT NULL,
  pence BIGINT NOT NULL,
  due_day BIGINT,
  state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'due', 'approved', 'held', 'paid')),
  hold_reason TEXT,
  hold_note TEXT,
  review_id BIGINT,
  paid_day BIGINT,
  finance_ref TEXT,
  updated_at BIGINT NOT NULL,
  UNIQUE (sla_id, stage)
);

CREATE TABLE comm_reviews (
  id {{ID}},
  sla_id BIGINT NOT NULL REFERENCES comm_slas (id),
  post_id BIGINT REFERENCES comm_posts (id),
  quarter INTEGER NOT NULL CHECK (quarter >= 1),
  from_day BIGINT NOT NULL,
  to_day BIGINT NOT NULL,
  clients INTEGER NOT NULL,
  target_x100 BIGINT NOT NULL,
  completeness_x100 INTEGER NOT NULL,
  followup_x100 INTEGER NOT NULL,
  outcomes TEXT NOT NULL,
  rag TEXT NOT NULL CHECK (rag IN ('green', 'amber', 'red')),
  notes TEXT NOT NULL,
  actions TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id)
);
CREATE INDEX comm_reviews_sla ON comm_reviews (sla_id, quarter);

-- Appendix B evidence: the file itself is kept in the database (base64 text,
-- the same on both engines), at most 512 KiB before encoding.
CREATE TABLE comm_evidence (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  criterion TEXT NOT NULL,
  title TEXT NOT NULL,
  reference TEXT NOT NULL,
  review_day BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  file_b64 TEXT NOT NULL,
  checked_by_user_id BIGINT REFERENCES users (id),
  checked_at BIGINT,
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id)
);
CREATE INDEX comm_evidence_org ON comm_evidence (org_id, criterion);

-- May a provider with a lapsed Appendix B criterion still be given new work
-- (Lots, SLAs)? 0: no (refused with the criterion named); 1: yes, flagged.
INSERT INTO settings (key, value) VALUES ('commission_lapsed_may_receive_work', '0');
-- Days before a criterion's review date that it shows as due for review.
INSERT INTO settings (key, value) VALUES ('commission_evidence_reminder_days', '30');
