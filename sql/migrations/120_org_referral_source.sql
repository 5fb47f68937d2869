-- Where a referrer organisation's referrals come from (model/org.def referral_source): the referral
-- form chooses it for the organisation's people, as it chooses "GP practice" for a GP's.
ALTER TABLE orgs ADD COLUMN referral_source TEXT;
