-- Fewer B-trees written per referral (docs/INTAKE.md, Performance).

-- A referral's reasons kept by their primary key alone: on SQLite one B-tree
-- (WITHOUT ROWID) instead of a rowid table plus its primary-key index.
CREATE TABLE referral_reasons_by_key (
  referral_id BIGINT NOT NULL REFERENCES referrals (id),
  code TEXT NOT NULL,
  PRIMARY KEY (referral_id, code)
){{WITHOUT_ROWID}};
INSERT INTO referral_reasons_by_key (referral_id, code) SELECT referral_id, code FROM referral_reasons;
DROP TABLE referral_reasons;
ALTER TABLE referral_reasons_by_key RENAME TO referral_reasons;

-- Referrals not yet due are found through referrals_queue (status,
-- sla_due_at) with every status listed, so this index of sla_due_at alone,
-- one more random insertion per referral, goes.
DROP INDEX referrals_due;
