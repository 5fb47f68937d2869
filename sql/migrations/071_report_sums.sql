-- Summaries of the reports' referral and triage measures (docs/REPORTS.md),
-- kept up to date by the store in the same transaction as every write that
-- changes one (store/report_sum.c). grain 0: a London day (period = day
-- number); grain 1: a month (period = year * 12 + month - 1). n counts the
-- facts, total sums their values (for means).
CREATE TABLE report_sums (
  grain INTEGER NOT NULL,
  period BIGINT NOT NULL,
  measure TEXT NOT NULL,
  area TEXT NOT NULL,
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  tier TEXT NOT NULL,
  n BIGINT NOT NULL,
  total BIGINT NOT NULL,
  PRIMARY KEY (grain, period, measure, area, source, channel, tier)
);
