-- Volunteers and the community support tasks they do: volunteers with their
-- skills, weekly availability and days off, DBS checks and training passport;
-- the task details matching needs (extending 004's tasks); offers, answers,
-- hours logged; the 14-day stop and its extensions; volunteers a person has
-- declined. Times are UTC seconds; days are day numbers (London local dates);
-- coordinates are millionths of a degree; booleans are 0/1. docs/VOLUNTEERS.md.

-- A volunteer belongs to one provider organisation; with consent_to_share
-- they are also in the shared pool other providers' coordinators match from.
-- user_id links the volunteer's own sign-in account (self-service), if any.
-- Position is the centroid of the home postcode's district (postcode_districts).
CREATE TABLE volunteers (
  id {{ID}},
  user_id BIGINT UNIQUE REFERENCES users (id),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),
  postcode TEXT NOT NULL,
  outcode TEXT NOT NULL REFERENCES postcode_districts (outcode),
  lat_e6 BIGINT NOT NULL,
  lon_e6 BIGINT NOT NULL,
  travel_radius_m INTEGER NOT NULL CHECK (travel_radius_m BETWEEN 0 AND 500000),
  has_car INTEGER NOT NULL DEFAULT 0 CHECK (has_car IN (0, 1)),
  max_tasks_per_week INTEGER NOT NULL DEFAULT 2 CHECK (max_tasks_per_week BETWEEN 0 AND 100),
  dbs_level TEXT CHECK (dbs_level IN ('basic', 'standard', 'enhanced')),
  dbs_certificate_day BIGINT,
  dbs_update_service INTEGER NOT NULL DEFAULT 0 CHECK (dbs_update_service IN (0, 1)),
  dbs_renewal_day BIGINT,
  status TEXT NOT NULL DEFAULT 'applicant' CHECK (status IN ('applicant', 'active', 'paused', 'left')),
  notes TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX volunteers_org ON volunteers (org_id, status);
CREATE INDEX volunteers_pool ON volunteers (status, consent_to_share);

-- Codes of data/vocab/volunteer_skills.csv.
CREATE TABLE volunteer_skills (
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  code TEXT NOT NULL,
  PRIMARY KEY (volunteer_id, code)
);

-- Weekly availability in London local time: weekday 0 = Monday.
CREATE TABLE volunteer_availability (
  id {{ID}},
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  CHECK (end_minute > start_minute)
);
CREATE INDEX volunteer_availability_volunteer ON volunteer_availability (volunteer_id, weekday, start_minute);

-- Exceptions to the weekly pattern: whole London local days off.
CREATE TABLE volunteer_days_off (
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  day BIGINT NOT NULL,
  PRIMARY KEY (volunteer_id, day)
);

-- The volunteer passport: training modules and when each was completed.
CREATE TABLE volunteer_training (
  id {{ID}},
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  module TEXT NOT NULL,
  completed_day BIGINT NOT NULL
);
CREATE INDEX volunteer_training_volunteer ON volunteer_training (volunteer_id, completed_day);

-- What matching needs to know about a task. type (004) is the main activity,
-- a code of volunteer_skills; task_skills lists anything else it needs.
-- status: open, offered, accepted, done, missed, cancelled. volunteer_id is
-- the volunteer offered the task (offered) or doing it (accepted and after).
ALTER TABLE tasks ADD COLUMN home_visit INTEGER NOT NULL DEFAULT 0 CHECK (home_visit IN (0, 1));
ALTER TABLE tasks ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 0 AND 1440);
ALTER TABLE tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5);
ALTER TABLE tasks ADD COLUMN details TEXT;
ALTER TABLE tasks ADD COLUMN volunteer_id BIGINT REFERENCES volunteers (id);
ALTER TABLE tasks ADD COLUMN match_reason TEXT;
ALTER TABLE tasks ADD COLUMN offered_at BIGINT;
ALTER TABLE tasks ADD COLUMN offered_by_user_id BIGINT REFERENCES users (id);
ALTER TABLE tasks ADD COLUMN answered_at BIGINT;
ALTER TABLE tasks ADD COLUMN minutes_logged INTEGER CHECK (minutes_logged BETWEEN 0 AND 1440);
ALTER TABLE tasks ADD COLUMN outcome_note TEXT;
ALTER TABLE tasks ADD COLUMN closed_at BIGINT;
ALTER TABLE tasks ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX tasks_volunteer ON tasks (volunteer_id, window_from);

CREATE TABLE task_skills (
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  code TEXT NOT NULL,
  PRIMARY KEY (task_id, code)
);

-- A volunteer who turned an offer down is not offered that task again.
CREATE TABLE task_declines (
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  at BIGINT NOT NULL,
  PRIMARY KEY (task_id, volunteer_id)
);

-- A person who does not want a volunteer again: never matched to them.
CREATE TABLE person_declined_volunteers (
  person_id BIGINT NOT NULL REFERENCES people (id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  reason TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL,
  PRIMARY KEY (person_id, volunteer_id)
);

-- Community support stops 14 days after it starts (the case opening) unless
-- a coordinator extends it; the latest extension's until_at wins.
CREATE TABLE support_extensions (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  until_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX support_extensions_referral ON support_extensions (referral_id, until_at);
