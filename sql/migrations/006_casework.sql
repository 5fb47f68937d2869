-- Case work and outcomes (docs/CASEWORK.md): what a worker records on a case
-- opened at allocation (004): assessments with needs per domain, goals and
-- their progress, sessions, onward referrals with a closed-loop status,
-- unmet needs, safeguarding concerns (never deleted), consents to represent
-- the person, case studies and outcome measures; closure details, and a
-- SNOMED CT code on the referral events that exports read. Vocabularies
-- (need_domains, need_levels, goal_statuses, onward_referral_statuses,
-- safeguarding_categories, closure_reasons, session_modes) are data/vocab.
-- Times are UTC seconds; booleans 0/1; scores in hundredths of a point.

-- Closure: whether continuing support is arranged (NULL until closed), the
-- ~5 sessions planned, and drop-outs (closed as unable to contact after the
-- setting dropout_attempts unsuccessful attempts in a row).
ALTER TABLE cases ADD COLUMN continuing_support INTEGER;
ALTER TABLE cases ADD COLUMN planned_sessions INTEGER NOT NULL DEFAULT 5;
ALTER TABLE cases ADD COLUMN dropout INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN closed_by_user_id BIGINT REFERENCES users (id);

-- The SNOMED CT concept an event stands for, when it has one:
-- 871731000000106 (referral to social prescribing service: the first session
-- of a social prescribing case) and 871711000000103 (social prescribing
-- declined: such a case closed as declined by the person).
ALTER TABLE referral_events ADD COLUMN snomed_code TEXT;

-- The holistic assessment: each save is a new version; the latest counts.
CREATE TABLE case_assessments (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  version INTEGER NOT NULL,
  what_matters TEXT NOT NULL,
  strengths TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL,
  UNIQUE (case_id, version)
);

-- Needs of one assessment, one row per need_domains code assessed.
CREATE TABLE case_assessment_needs (
  assessment_id BIGINT NOT NULL REFERENCES case_assessments (id),
  domain TEXT NOT NULL,
  level TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, domain)
);

-- Goals agreed with the person: progress 0-10 and a goal_statuses code,
-- with every update kept.
CREATE TABLE case_goals (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  domain TEXT,
  goal TEXT NOT NULL,
  status TEXT NOT NULL,
  progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 10),
  by_user_id BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX case_goals_case ON case_goals (case_id, id);

CREATE TABLE case_goal_updates (
  id {{ID}},
  goal_id BIGINT NOT NULL REFERENCES case_goals (id),
  progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 10),
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX case_goal_updates_goal ON case_goal_updates (goal_id, id);

-- Sessions with the person (a session_modes code; minutes).
CREATE TABLE case_sessions (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  at BIGINT NOT NULL,
  mode TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
  notes TEXT NOT NULL DEFAULT '',
  next_step TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX case_sessions_case ON case_sessions (case_id, at);

-- Onward referrals to community services. service_id names a directory
-- service (migration 007) without a foreign key; service_name is kept as
-- given. status is an onward_referral_statuses code; each change is a row
-- of onward_referral_updates.
CREATE TABLE onward_referrals (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  service_id BIGINT,
  service_name TEXT NOT NULL,
  domain TEXT,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  made_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX onward_referrals_case ON onward_referrals (case_id, id);
CREATE INDEX onward_referrals_service ON onward_referrals (service_id, status);

CREATE TABLE onward_referral_updates (
  id {{ID}},
  onward_referral_id BIGINT NOT NULL REFERENCES onward_referrals (id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX onward_referral_updates_ref ON onward_referral_updates (onward_referral_id, id);

-- Needs that could not be met, and where (an area code): the "gaps in
-- community resources" report.
CREATE TABLE unmet_needs (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  domain TEXT,
  need TEXT NOT NULL,
  area TEXT,
  note TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX unmet_needs_case ON unmet_needs (case_id);
CREATE INDEX unmet_needs_area ON unmet_needs (area, domain);

-- Safeguarding concerns: never deleted or changed. No statement deletes or
-- updates them; each row gets a seal row in the same transaction whose
-- foreign key (ON DELETE RESTRICT) makes the database itself refuse to
-- delete a sealed concern, on SQLite and PostgreSQL alike.
CREATE TABLE safeguarding_concerns (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  category TEXT NOT NULL,
  concern TEXT NOT NULL,
  action TEXT NOT NULL,
  escalated_to TEXT NOT NULL DEFAULT '',
  raised_at BIGINT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX safeguarding_concerns_case ON safeguarding_concerns (case_id, id);

CREATE TABLE safeguarding_seals (
  concern_id BIGINT PRIMARY KEY REFERENCES safeguarding_concerns (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
  sealed_at BIGINT NOT NULL
);

-- The person's recorded consent for the worker to represent them to a
-- third party (to whom, for what).
CREATE TABLE case_consents (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  third_party TEXT NOT NULL,
  purpose TEXT NOT NULL,
  given_at BIGINT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL
);
CREATE INDEX case_consents_case ON case_consents (case_id);

-- Case studies and unexpected outcomes, only with the person's consent.
CREATE TABLE case_studies (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  story TEXT NOT NULL,
  unexpected_outcomes TEXT NOT NULL DEFAULT '',
  consent INTEGER NOT NULL CHECK (consent = 1),
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX case_studies_case ON case_studies (case_id);

-- Outcome measures (core/instrument): answers as comma-separated integers in
-- item order; raw total and score in hundredths (NULL for ONS4, which is
-- never summed). One baseline and one follow-up per instrument per case:
-- the pair a report compares. person_id lets reports pair per person.
CREATE TABLE measures (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  instrument TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('baseline', 'follow_up')),
  answers TEXT NOT NULL,
  raw INTEGER,
  score_x100 INTEGER,
  at BIGINT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  UNIQUE (case_id, instrument, phase)
);
CREATE INDEX measures_person ON measures (person_id, instrument, phase);
