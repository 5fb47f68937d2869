-- The newest referrals of a name at national scale (SQLite): an FTS5 index of
-- each referral's person's names keyed by the referral's id, so the
-- referrals list's "newest 50 of Tom Jackson" walks the index from the newest
-- id and stops at 50, instead of reading every referral of every Tom Jackson
-- and sorting them (11,000 people in bench/search at 10,000,000 referrals).
-- Contentless: the names stay in people; a row is taken out by giving its
-- values back ('delete'). Kept by triggers inside the same transaction as
-- each write of a referral or of a person's names. The PostgreSQL spelling is
-- 170_referral_names.postgres.sql.
CREATE VIRTUAL TABLE referral_names USING fts5(given_name, family_name, content='',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO referral_names (rowid, given_name, family_name)
  SELECT r.id, p.given_name, p.family_name FROM referrals r JOIN people p ON p.id = r.person_id;
CREATE TRIGGER referral_names_insert AFTER INSERT ON referrals BEGIN
  INSERT INTO referral_names (rowid, given_name, family_name)
    SELECT new.id, given_name, family_name FROM people WHERE id = new.person_id;
END;
CREATE TRIGGER referral_names_move AFTER UPDATE OF person_id ON referrals
  WHEN old.person_id IS NOT new.person_id BEGIN
  INSERT INTO referral_names (referral_names, rowid, given_name, family_name)
    SELECT 'delete', old.id, given_name, family_name FROM people WHERE id = old.person_id;
  INSERT INTO referral_names (rowid, given_name, family_name)
    SELECT new.id, given_name, family_name FROM people WHERE id = new.person_id;
END;
CREATE TRIGGER referral_names_delete AFTER DELETE ON referrals BEGIN
  INSERT INTO referral_names (referral_names, rowid, given_name, family_name)
    SELECT 'delete', old.id, given_name, family_name FROM people WHERE id = old.person_id;
END;
CREATE TRIGGER referral_names_rename AFTER UPDATE OF given_name, family_name ON people
  WHEN old.given_name IS NOT new.given_name OR old.family_name IS NOT new.family_name BEGIN
  INSERT INTO referral_names (referral_names, rowid, given_name, family_name)
    SELECT 'delete', r.id, old.given_name, old.family_name FROM referrals r WHERE r.person_id = old.id;
  INSERT INTO referral_names (rowid, given_name, family_name)
    SELECT r.id, new.given_name, new.family_name FROM referrals r WHERE r.person_id = new.id;
END;
