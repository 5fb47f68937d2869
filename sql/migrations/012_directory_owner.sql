-- Finding 10b (docs/SECURITY.md): a directory listing belongs to the
-- organisation that added it (owner_org_id, one of Waymark's own orgs); only
-- that organisation's editors and the hub (hub coordinators and the
-- programme lead) change it. Other editors suggest a change, which the
-- owner accepts or rejects. Listings added before this, and the demo ones,
-- belong to their creator's organisation, else to the lead provider.
ALTER TABLE services ADD COLUMN owner_org_id BIGINT REFERENCES orgs (id);
UPDATE services SET owner_org_id = (SELECT u.org_id FROM users u WHERE u.id = services.created_by_user_id);
UPDATE services SET owner_org_id = (SELECT MIN(o.id) FROM orgs o WHERE o.kind = 'lead_provider')
  WHERE owner_org_id IS NULL;

-- A change an editor of another organisation proposes: changes is a JSON
-- object of the fields that differ (model/service.def keys, lists as arrays
-- of codes), checked when made and again when accepted.
CREATE TABLE service_suggestions (
  id {{ID}},
  service_id BIGINT NOT NULL REFERENCES services (id),
  changes TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  created_at BIGINT NOT NULL,
  created_by_user_id BIGINT NOT NULL REFERENCES users (id),
  created_by_org_id BIGINT NOT NULL REFERENCES orgs (id),
  decided_at BIGINT,
  decided_by_user_id BIGINT REFERENCES users (id)
);
CREATE INDEX service_suggestions_service ON service_suggestions (service_id, status);
