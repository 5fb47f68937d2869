-- Settings and the reference data of Norfolk and Waveney (loaded by waymark init).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE place_boards (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE areas (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  place_board TEXT REFERENCES place_boards (code)
);

CREATE TABLE hospitals (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  town TEXT NOT NULL,
  postcode TEXT NOT NULL,
  area TEXT REFERENCES areas (code)
);

CREATE TABLE clusters (
  name TEXT PRIMARY KEY,
  hwp_area TEXT REFERENCES areas (code),
  lat_e6 BIGINT NOT NULL,
  lon_e6 BIGINT NOT NULL
);

CREATE TABLE practices (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  postcode TEXT NOT NULL,
  list_size BIGINT,
  list_size_text TEXT NOT NULL,
  cluster TEXT NOT NULL REFERENCES clusters (name)
);
CREATE INDEX practices_name ON practices (name);

CREATE TABLE postcode_districts (
  outcode TEXT PRIMARY KEY,
  area TEXT NOT NULL REFERENCES areas (code),
  lat_e6 BIGINT NOT NULL,
  lon_e6 BIGINT NOT NULL
);

CREATE TABLE bank_holidays (
  day BIGINT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE vocab (
  vocab TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  extra TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (vocab, code)
);
