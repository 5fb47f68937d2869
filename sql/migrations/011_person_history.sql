-- A referral no longer changes the stored details of the person it matches
-- (docs/SECURITY.md, finding 1): what was submitted is kept on the referral,
-- and a change made on purpose (POST /api/v1/referrals/{id}/apply-contact)
-- is kept as history.
ALTER TABLE referrals ADD COLUMN submitted_given_name TEXT;
ALTER TABLE referrals ADD COLUMN submitted_family_name TEXT;
ALTER TABLE referrals ADD COLUMN submitted_postcode TEXT;
ALTER TABLE referrals ADD COLUMN submitted_address TEXT;
ALTER TABLE referrals ADD COLUMN submitted_phone TEXT;
ALTER TABLE referrals ADD COLUMN submitted_email TEXT;
ALTER TABLE referrals ADD COLUMN submitted_preferred_contact TEXT;

-- Every change to a person's stored details: which field, from what, to
-- what, by whom, when, and from which referral's submitted details.
CREATE TABLE person_history (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES people (id),
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  user_id BIGINT REFERENCES users (id),
  at BIGINT NOT NULL,
  referral_id BIGINT REFERENCES referrals (id)
);
CREATE INDEX person_history_person ON person_history (person_id, id);
