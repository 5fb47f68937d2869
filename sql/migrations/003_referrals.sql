-- Referral intake: people, referrals, their reasons and events, the per-year
-- reference sequence, and self-referral rate limiting. Times are UTC seconds;
-- dates are day numbers (days since 1970-01-01); booleans are 0/1.

-- One row per person, whoever referred them and however often: matched by NHS
-- number, else by match_key (normalised names + date of birth + postcode).
CREATE TABLE people (
  id {{ID}},
  nhs_number TEXT,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth BIGINT NOT NULL,
  gender TEXT,
  ethnicity TEXT,
  disability TEXT,
  employment TEXT,
  housing TEXT,
  money_worries INTEGER,
  postcode TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  email TEXT,
  preferred_contact TEXT,
  practice_code TEXT REFERENCES practices (code),
  outcode TEXT NOT NULL,
  area TEXT REFERENCES areas (code),
  match_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Unique when present (partial, so people without one cost the index nothing).
CREATE UNIQUE INDEX people_nhs_number ON people (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX people_match_key ON people (match_key);

-- Status codes: received (at intake), triaged, allocated, in_progress,
-- closed, rejected, withdrawn (DESIGN section 4). Open = the first four.
CREATE TABLE referrals (
  id {{ID}},
  reference TEXT NOT NULL UNIQUE,
  person_id BIGINT NOT NULL REFERENCES people (id),
  source TEXT NOT NULL,
  -- ORs, not IN (...): SQLite checks an IN list of three or more through a
  -- temporary B-tree built afresh on every insert (a third of an import's time).
  channel TEXT NOT NULL CHECK (channel = 'form' OR channel = 'self' OR channel = 'api' OR channel = 'import'),
  referrer_name TEXT,
  referrer_org TEXT,
  referrer_role TEXT,
  referrer_email TEXT,
  referrer_phone TEXT,
  referrer_user_id BIGINT REFERENCES users (id),
  referrer_org_id BIGINT REFERENCES orgs (id),
  details TEXT,
  urgency TEXT NOT NULL,
  safeguarding INTEGER NOT NULL DEFAULT 0,
  lives_alone INTEGER,
  consent_referral INTEGER NOT NULL CHECK (consent_referral = 1),
  consent_data_sharing INTEGER NOT NULL CHECK (consent_data_sharing = 1),
  discharge_hospital TEXT,
  discharge_ward TEXT,
  discharge_expected_day BIGINT,
  home_check_needed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'received',
  received_at BIGINT NOT NULL,
  sla_due_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  duplicate_of_referral_id BIGINT REFERENCES referrals (id)
);
CREATE INDEX referrals_queue ON referrals (status, sla_due_at);
CREATE INDEX referrals_person ON referrals (person_id, status);
CREATE INDEX referrals_referrer ON referrals (referrer_user_id, id) WHERE referrer_user_id IS NOT NULL;

CREATE TABLE referral_reasons (
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  code TEXT NOT NULL,
  PRIMARY KEY (referral_id, code)
);

-- Every change of a referral, with who and when (the closed loop shows these).
CREATE TABLE referral_events (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, id);

-- Last reference number issued per two-digit year, updated in the same
-- transaction as the referral that takes it.
CREATE TABLE reference_seq (
  yy INTEGER PRIMARY KEY,
  last_no BIGINT NOT NULL
);

-- Public self-referral submissions per client address, for rate limiting.
CREATE TABLE self_referral_attempts (
  addr TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX self_referral_attempts_addr ON self_referral_attempts (addr, at);
