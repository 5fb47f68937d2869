-- Commissioning, part two: quarterly reviews computed from the provider's
-- own cases (docs/COMMISSIONING.md, "Quarterly reviews"), and a record of
-- each Appendix B evidence reminder raised (the shape a future e-mail outbox
-- reads: one row per evidence item, expiry and kind, never raised twice).

-- What the figures were computed from (NULL on a review recorded before
-- they were computed), the rating they gave, and the reviewer's override.
ALTER TABLE comm_reviews ADD COLUMN computed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comm_reviews ADD COLUMN cases_counted INTEGER;
ALTER TABLE comm_reviews ADD COLUMN fields_filled INTEGER;
ALTER TABLE comm_reviews ADD COLUMN fields_total INTEGER;
ALTER TABLE comm_reviews ADD COLUMN followup_due INTEGER;
ALTER TABLE comm_reviews ADD COLUMN followup_within INTEGER;
ALTER TABLE comm_reviews ADD COLUMN outcome_counts TEXT;
ALTER TABLE comm_reviews ADD COLUMN computed_rag TEXT;
ALTER TABLE comm_reviews ADD COLUMN override_reason TEXT;

-- One reminder per evidence item, review date and kind ('expiring': within
-- commission_evidence_reminder_days of its review date; 'lapsed': the date
-- has passed). delivered_at is for the outbox that will send them.
CREATE TABLE comm_evidence_reminders (
  id {{ID}},
  evidence_id BIGINT NOT NULL REFERENCES comm_evidence (id),
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  criterion TEXT NOT NULL,
  review_day BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('expiring', 'lapsed')),
  raised_at BIGINT NOT NULL,
  delivered_at BIGINT,
  UNIQUE (evidence_id, review_day, kind)
);
CREATE INDEX comm_evidence_reminders_org ON comm_evidence_reminders (org_id, raised_at);
