-- The community service directory and the pre-discharge home check. Names
-- follow Open Referral UK where natural (organization, service, categories
-- as taxonomy terms, service_area, contact, eligibility) so the ORUK API can
-- be laid over these tables later. Times are UTC seconds; booleans are 0/1.
-- docs/DIRECTORY.md.

-- Organisations that run community services (charities, councils, groups):
-- not Waymark's own orgs (002), which are the organisations using it.
-- demo = 1 marks the fictional demo entries (waymark demo).
CREATE TABLE directory_organizations (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  website TEXT,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A service people can be referred or signposted to. capacity_status is a
-- code of data/vocab/service_capacity.csv; status active or inactive
-- (inactive services are kept for the onward referrals that name them).
-- search_text is the name, organisation, description and eligibility in
-- ASCII lower case, made by the store on every write, so that a search
-- matches the same rows on SQLite and PostgreSQL.
CREATE TABLE services (
  id {{ID}},
  organization_id BIGINT NOT NULL REFERENCES directory_organizations (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  eligibility TEXT NOT NULL DEFAULT '',
  capacity_status TEXT NOT NULL DEFAULT 'open' CHECK (capacity_status IN ('open', 'limited', 'waiting_list', 'closed')),
  capacity_note TEXT NOT NULL DEFAULT '',
  phone TEXT,
  email TEXT,
  website TEXT,
  address TEXT,
  postcode TEXT,
  search_text TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  updated_by_user_id BIGINT REFERENCES users (id)
);
CREATE INDEX services_org ON services (organization_id);
CREATE INDEX services_status ON services (status, name);

-- Categories: codes of data/vocab/service_categories.csv.
CREATE TABLE service_categories (
  service_id BIGINT NOT NULL REFERENCES services (id),
  category TEXT NOT NULL,
  PRIMARY KEY (service_id, category)
);
CREATE INDEX service_categories_category ON service_categories (category, service_id);

-- The Health and Wellbeing Partnership areas a service covers (areas, 001).
CREATE TABLE service_areas (
  service_id BIGINT NOT NULL REFERENCES services (id),
  area TEXT NOT NULL REFERENCES areas (code),
  PRIMARY KEY (service_id, area)
);
CREATE INDEX service_areas_area ON service_areas (area, service_id);

-- The pre-discharge home check is a task (004/005) of type home_check with
-- home_visit = 1, made when a complex support case needing one opens. A
-- worker takes it (worker_id, taken_at; only a DBS-checked one) or a
-- volunteer coordinator offers it to a volunteer (volunteer_id; matching
-- needs a valid enhanced DBS for a home visit). home_check_outcome is a
-- code of data/vocab/home_check_outcomes.csv once done.
ALTER TABLE tasks ADD COLUMN worker_id BIGINT REFERENCES workers (id);
ALTER TABLE tasks ADD COLUMN taken_at BIGINT;
ALTER TABLE tasks ADD COLUMN home_check_outcome TEXT;
CREATE INDEX tasks_case_type ON tasks (case_id, type);
