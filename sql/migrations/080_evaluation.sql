-- Evaluation (docs/EVALUATION.md): the settings of the outcome statistics.
-- Meaningful change per instrument in hundredths of a point (core/outcome.h
-- gives the sources): SWEMWBS 3 metric points, GSE 3 points, EQ-VAS 7
-- points. The small-number threshold is the reports' setting
-- report_suppression_threshold (migration 070). Existing values are kept.
INSERT INTO settings (key, value) VALUES ('evaluation_swemwbs_meaningful_x100', '300') ON CONFLICT (key) DO NOTHING;
INSERT INTO settings (key, value) VALUES ('evaluation_gse_meaningful_x100', '300') ON CONFLICT (key) DO NOTHING;
INSERT INTO settings (key, value) VALUES ('evaluation_eqvas_meaningful_x100', '700') ON CONFLICT (key) DO NOTHING;
