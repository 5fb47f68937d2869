-- The newest referrals of a name at national scale (PostgreSQL): each
-- referral carries its person's names as a tsvector (the 'simple'
-- configuration, as people_names) under a GIN index, so the referrals list's
-- name search reads the referrals found, or walks the newest referrals
-- checking the stored words, instead of joining every referral of every
-- person of that name (11,000 people in bench/search at 10,000,000
-- referrals). Kept by triggers inside the same transaction as each write of
-- a referral or of a person's names. Not in backups (a SQLite file has no
-- such column): a restore fills it through the insert trigger. The SQLite
-- spelling is 170_referral_names.sqlite.sql.
ALTER TABLE referrals ADD COLUMN person_names tsvector;
UPDATE referrals r SET person_names = to_tsvector('simple', p.given_name || ' ' || p.family_name)
  FROM people p WHERE p.id = r.person_id;
CREATE INDEX referrals_person_names ON referrals USING gin (person_names);
CREATE FUNCTION referral_person_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.person_names := (SELECT to_tsvector('simple', given_name || ' ' || family_name) FROM people
                       WHERE id = NEW.person_id);
  RETURN NEW;
END $$;
CREATE TRIGGER referrals_person_names BEFORE INSERT OR UPDATE OF person_id ON referrals
  FOR EACH ROW EXECUTE FUNCTION referral_person_names();
CREATE FUNCTION people_referral_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE referrals SET person_names = to_tsvector('simple', NEW.given_name || ' ' || NEW.family_name)
    WHERE person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER people_referral_names AFTER UPDATE OF given_name, family_name ON people
  FOR EACH ROW WHEN (OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name)
  EXECUTE FUNCTION people_referral_names();
