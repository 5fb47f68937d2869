-- Triage, the follow-up contacts, workers and allocation: rule sets (versioned
-- JSON, one active), triage decisions, contacts, workers with their clusters,
-- areas and absences, cases, community support tasks and signpost records.
-- Times are UTC seconds; days are day numbers (days since 1970-01-01, London
-- local dates); booleans are 0/1. Each status change of a referral is also a
-- row of referral_events (003).

-- The triage rules (core/triage_rules, docs/TRIAGE.md) as saved by the
-- programme lead: every version is kept; exactly one is active.
CREATE TABLE triage_rule_sets (
  version BIGINT PRIMARY KEY,
  rules_json TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX triage_rule_sets_active ON triage_rule_sets (active) WHERE active = 1;

-- One row per triage of a referral: what the rules suggested (with the rules
-- version and the reason) and what the coordinator decided. outcome is
-- confirmed (the suggested tier), overridden (another tier, with
-- override_reason) or rejected (tier decline, with a rejection_reasons code).
CREATE TABLE triage_decisions (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  rule_version BIGINT NOT NULL,
  rule_name TEXT NOT NULL,
  suggested_tier TEXT NOT NULL,
  suggestion_reason TEXT NOT NULL,
  home_check INTEGER NOT NULL DEFAULT 0,
  tier TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('confirmed', 'overridden', 'rejected')),
  override_reason TEXT,
  rejection_reason TEXT,
  note TEXT,
  decided_by_user_id BIGINT REFERENCES users (id),
  decided_at BIGINT NOT NULL
);
CREATE INDEX triage_decisions_referral ON triage_decisions (referral_id, id);

-- Attempts to reach the person: the follow-up KPI counts the first
-- successful one (at is when it happened, recorded_at when it was entered).
CREATE TABLE contacts (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  at BIGINT NOT NULL,
  mode TEXT NOT NULL,
  outcome TEXT NOT NULL,
  note TEXT,
  by_user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX contacts_referral ON contacts (referral_id, outcome, at);

-- Staff who take cases: Living Well Workers (link_worker, attached to GP
-- clusters) and support workers (complex and discharge support, covering
-- areas), employed by a provider organisation.
CREATE TABLE workers (
  id {{ID}},
  user_id BIGINT NOT NULL UNIQUE REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('link_worker', 'support_worker')),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  fte_hundredths INTEGER NOT NULL CHECK (fte_hundredths BETWEEN 0 AND 100),
  dbs_checked INTEGER NOT NULL DEFAULT 0 CHECK (dbs_checked IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE INDEX workers_org ON workers (org_id);

CREATE TABLE worker_clusters (
  worker_id BIGINT NOT NULL REFERENCES workers (id),
  cluster TEXT NOT NULL REFERENCES clusters (name),
  PRIMARY KEY (worker_id, cluster)
);

CREATE TABLE worker_areas (
  worker_id BIGINT NOT NULL REFERENCES workers (id),
  area TEXT NOT NULL REFERENCES areas (code),
  PRIMARY KEY (worker_id, area)
);

-- Leave, sickness, training: London local days from_day to to_day inclusive.
CREATE TABLE worker_absences (
  id {{ID}},
  worker_id BIGINT NOT NULL REFERENCES workers (id),
  from_day BIGINT NOT NULL,
  to_day BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CHECK (to_day >= from_day)
);
CREATE INDEX worker_absences_worker ON worker_absences (worker_id, to_day);

-- The support a triaged referral gets, held by one organisation (the
-- relationship that lets its staff read the referral) and, for social
-- prescribing and complex support, one worker.
CREATE TABLE cases (
  id {{ID}},
  referral_id BIGINT NOT NULL UNIQUE REFERENCES referrals (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  tier TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  worker_id BIGINT REFERENCES workers (id),
  allocation_reason TEXT NOT NULL DEFAULT '',
  overflowed INTEGER NOT NULL DEFAULT 0,
  home_check_needed INTEGER NOT NULL DEFAULT 0,
  opened_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at BIGINT,
  closure_reason TEXT
);
CREATE INDEX cases_org ON cases (org_id, status);
CREATE INDEX cases_worker ON cases (worker_id, opened_at);

-- Community support: a task per allocation for volunteer matching (the
-- volunteers work extends this table).
CREATE TABLE tasks (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  case_id BIGINT REFERENCES cases (id),
  type TEXT NOT NULL,
  postcode TEXT NOT NULL,
  window_from BIGINT NOT NULL,
  window_to BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  created_at BIGINT NOT NULL
);
CREATE INDEX tasks_status ON tasks (status, window_to);
CREATE INDEX tasks_referral ON tasks (referral_id);

-- Signposting: the information given, by whom and when.
CREATE TABLE signposts (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  information TEXT NOT NULL,
  given_by_user_id BIGINT REFERENCES users (id),
  given_at BIGINT NOT NULL
);
CREATE INDEX signposts_referral ON signposts (referral_id);
