-- Reports for boards and commissioners (docs/REPORTS.md): reference data the
-- dimensions and the equity views read (loaded from data/ by waymark init),
-- and the small-number suppression threshold setting.

-- A practice's Primary Care Network (data/pcns.csv).
CREATE TABLE pcns (
  practice_code TEXT PRIMARY KEY REFERENCES practices (code),
  pcn TEXT NOT NULL
);

-- The ONS Rural Urban Classification by postcode district (data/rurality.csv;
-- an approximation: a district's predominant class).
CREATE TABLE rurality_districts (
  outcode TEXT PRIMARY KEY REFERENCES postcode_districts (outcode),
  class TEXT NOT NULL
);

-- Mid-year population estimates by area (data/population.csv).
CREATE TABLE area_population (
  area TEXT NOT NULL REFERENCES areas (code),
  year INTEGER NOT NULL,
  population BIGINT NOT NULL,
  PRIMARY KEY (area, year)
);

-- Counts from 1 to this are withheld from commissioners (the NHS Digital convention is 7).
INSERT INTO settings (key, value) VALUES ('report_suppression_threshold', '7') ON CONFLICT (key) DO NOTHING;
