-- Step up: a community support referral whose needs are more than a
-- volunteer should meet, re-triaged to social prescribing or complex support.
-- The referral keeps its case (now of the new tier), its events, contacts and
-- follow-up clock; this is the record of each step up, with why.
CREATE TABLE step_ups (
  id {{ID}},
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  case_id BIGINT NOT NULL REFERENCES cases (id),
  from_tier TEXT NOT NULL,
  to_tier TEXT NOT NULL,
  from_org_id BIGINT NOT NULL REFERENCES orgs (id),
  reason TEXT NOT NULL,
  tasks_cancelled INTEGER NOT NULL DEFAULT 0,
  by_user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL
);
CREATE INDEX step_ups_referral ON step_ups (referral_id, id);
