-- Case studies and unexpected outcomes for evaluation (docs/EVALUATION.md):
-- link workers' case studies (006) and, here, those of referrers (on a
-- referral they made) and community providers (a provider manager, on an
-- onward referral to a service their organisation runs). Each needs the
-- person's consent, starts as a draft and is approved for publication by
-- the programme lead together with an anonymised text for board packs.
ALTER TABLE case_studies ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE case_studies ADD COLUMN anonymised TEXT NOT NULL DEFAULT '';
ALTER TABLE case_studies ADD COLUMN approved_by_user_id BIGINT REFERENCES users (id);
ALTER TABLE case_studies ADD COLUMN approved_at BIGINT;

CREATE TABLE stories (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('referrer', 'provider')),
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  onward_referral_id BIGINT REFERENCES onward_referrals (id),
  story TEXT NOT NULL,
  unexpected_outcomes TEXT NOT NULL DEFAULT '',
  consent INTEGER NOT NULL CHECK (consent = 1),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  anonymised TEXT NOT NULL DEFAULT '',
  by_user_id BIGINT REFERENCES users (id),
  org_id BIGINT REFERENCES orgs (id),
  at BIGINT NOT NULL,
  approved_by_user_id BIGINT REFERENCES users (id),
  approved_at BIGINT
);
CREATE INDEX stories_by ON stories (by_user_id, id);
