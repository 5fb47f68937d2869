-- Finding people by name at national scale (SQLite): an FTS5 index of the
-- names in people, kept up to date by triggers inside the same transaction
-- as every write of a person (intake, import, gen, apply-contact). The
-- PostgreSQL spelling of this migration is 040_search.postgres.sql (full text).
-- NHS numbers and references are found through their unique B-trees.
CREATE VIRTUAL TABLE people_names USING fts5(given_name, family_name, content='people', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO people_names (people_names) VALUES ('rebuild');
CREATE TRIGGER people_names_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_names (rowid, given_name, family_name) VALUES (new.id, new.given_name, new.family_name);
END;
CREATE TRIGGER people_names_update AFTER UPDATE OF given_name, family_name ON people BEGIN
  INSERT INTO people_names (people_names, rowid, given_name, family_name) VALUES ('delete', old.id, old.given_name, old.family_name);
  INSERT INTO people_names (rowid, given_name, family_name) VALUES (new.id, new.given_name, new.family_name);
END;
CREATE TRIGGER people_names_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_names (people_names, rowid, given_name, family_name) VALUES ('delete', old.id, old.given_name, old.family_name);
END;
