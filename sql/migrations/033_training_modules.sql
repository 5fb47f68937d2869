-- The volunteer passport's training modules as data (data/training_modules.csv,
-- loaded by waymark init) and each volunteer's completion of them, recorded
-- by a coordinator (docs/VOLUNTEERS.md). One row per volunteer and module:
-- recording it again replaces the date.
CREATE TABLE training_modules (
  code TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE volunteer_modules (
  volunteer_id BIGINT NOT NULL REFERENCES volunteers (id),
  module_code TEXT NOT NULL REFERENCES training_modules (code),
  completed_day BIGINT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (volunteer_id, module_code)
);
