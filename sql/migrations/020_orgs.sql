-- Organisations as a real service runs them (issue 17): contact details, a
-- charity or company number, the several areas each serves (org_areas), and
-- framework status (applied, approved, active, suspended, exited) with the
-- day it took effect, its reason and every earlier status (org_status_history).
-- Existing organisations are active; their one area becomes their first area served.
ALTER TABLE orgs ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN reg_number TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN framework_status TEXT NOT NULL DEFAULT 'active'
  CHECK (framework_status IN ('applied', 'approved', 'active', 'suspended', 'exited'));
ALTER TABLE orgs ADD COLUMN status_day BIGINT;
ALTER TABLE orgs ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE org_areas (
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  area TEXT NOT NULL REFERENCES areas (code),
  PRIMARY KEY (org_id, area)
);
CREATE INDEX org_areas_area ON org_areas (area);
INSERT INTO org_areas (org_id, area) SELECT id, area FROM orgs WHERE area IS NOT NULL;

CREATE TABLE org_status_history (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  status TEXT NOT NULL,
  from_day BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  user_id BIGINT
);
CREATE INDEX org_status_history_org ON org_status_history (org_id, id);
