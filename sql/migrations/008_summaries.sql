-- Summaries of the follow-up KPI, kept up to date by the store in the same
-- transaction as every write that changes a KPI input (see docs/PERFORMANCE.md).
-- grain 0: a London day (period = day number); grain 1: a London month
-- (period = year * 12 + month - 1). area '' is a person without an area.

CREATE TABLE kpi_followup_sums (
  grain INTEGER NOT NULL,
  period BIGINT NOT NULL,
  area TEXT NOT NULL,
  counted BIGINT NOT NULL,
  left_out BIGINT NOT NULL,
  contacted_within BIGINT NOT NULL,
  contacted_late BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  last_contact_at BIGINT NOT NULL,
  PRIMARY KEY (grain, period, area)
);

-- Counted time to the first successful contact: level 1 in whole hours (both
-- grains), level 2 in whole minutes (months only).
CREATE TABLE kpi_followup_hist (
  level INTEGER NOT NULL,
  grain INTEGER NOT NULL,
  period BIGINT NOT NULL,
  value BIGINT NOT NULL,
  area TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (level, grain, period, value, area)
);

-- Each counted referral's counted seconds to its first successful contact.
CREATE TABLE kpi_followup_first (
  referral_id BIGINT PRIMARY KEY REFERENCES referrals (id),
  day BIGINT NOT NULL,
  area TEXT NOT NULL,
  elapsed BIGINT NOT NULL
);
CREATE INDEX kpi_followup_first_elapsed ON kpi_followup_first (elapsed, day, area);
CREATE INDEX kpi_followup_first_day ON kpi_followup_first (day, elapsed, area);

-- Referrals not yet due are looked at one by one (pending, at risk).
CREATE INDEX referrals_due ON referrals (sla_due_at);
