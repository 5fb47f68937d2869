-- Summaries of the reports' case-side measures (docs/REPORTS.md: cases, sessions,
-- onward referrals, unmet needs, outcome pairs, volunteer tasks), kept up to date
-- in the same transaction as every write that changes one (store/report_sum.c,
-- rptcase_before/after). One row per (grain, period, measure, HWP area, stored
-- dimension, key): dim '' is the total of the area (HWP area, Place Board,
-- Waveney, month, quarter and financial year are read from it), 'outcode' is
-- the postcode district (rurality is read from it), 'practice' also gives the
-- PCN and GP cluster; every other dim is a report dimension's own key.
-- grain 0: a London day (period = day number); grain 1: a month (year * 12 +
-- month - 1). n counts the facts, total sums their values. The open caseload
-- is kept as +1 on the day a case opens and -1 on the day it closes.
CREATE TABLE report_dim_sums (
  grain INTEGER NOT NULL,
  dim TEXT NOT NULL,
  period BIGINT NOT NULL,
  measure TEXT NOT NULL,
  area TEXT NOT NULL,
  key TEXT NOT NULL,
  n BIGINT NOT NULL,
  total BIGINT NOT NULL,
  PRIMARY KEY (grain, dim, period, measure, area, key)
);
