-- Who has looked at a person, without a random write per audit event. The
-- index audit_person (person_id, id) took one scattered B-tree page a read
-- (each read of a referral is an event naming its person), about half of
-- the group-commit writer's work. Instead the writer copies the events'
-- people in runs of 2,048 events, each run sorted and written once at the
-- B-tree's end (store/audit.c): event ids (run * 2048, (run + 1) * 2048]
-- are in run `run`. audit_head.people_upto is the last event so indexed
-- (a multiple of 2,048); the events after it are read by id.
CREATE TABLE audit_person_runs (
  run BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  PRIMARY KEY (run, person_id, event_id)
) {{WITHOUT_ROWID}};

ALTER TABLE audit_head ADD COLUMN people_upto BIGINT NOT NULL DEFAULT 0;

INSERT INTO audit_person_runs (run, person_id, event_id)
  SELECT (id - 1) / 2048, person_id, id FROM audit_events
  WHERE person_id > 0 AND id <= (SELECT (last_id / 2048) * 2048 FROM audit_head WHERE id = 1)
  ORDER BY 1, 2, 3;

UPDATE audit_head SET people_upto = (last_id / 2048) * 2048 WHERE id = 1;

DROP INDEX audit_person;
