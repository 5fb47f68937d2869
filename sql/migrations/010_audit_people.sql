-- The people a read showed: a list read (the triage queue, a caseload, the
-- referrals list) names every person on it, so "who has looked at this
-- person" finds it. people is the ids as text ("3,17,40", "" when none),
-- covered by the event's hash; audit_people indexes them by person.
ALTER TABLE audit_events ADD COLUMN people TEXT NOT NULL DEFAULT '';

CREATE TABLE audit_people (
  person_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL REFERENCES audit_events (id),
  PRIMARY KEY (person_id, event_id)
) {{WITHOUT_ROWID}};
