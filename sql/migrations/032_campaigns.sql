-- Volunteer recruitment campaigns (docs/VOLUNTEERS.md): an organisation's
-- campaign in an area through a channel between two dates (YYYY-MM-DD);
-- applicants who came through a campaign's link keep its id.
CREATE TABLE campaigns (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  name TEXT NOT NULL,
  area TEXT NOT NULL REFERENCES areas (code),
  channel TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  by_user_id BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX campaigns_org ON campaigns (org_id, id);
ALTER TABLE volunteers ADD COLUMN campaign_id BIGINT REFERENCES campaigns (id);
CREATE INDEX volunteers_campaign ON volunteers (campaign_id);
