-- Finding people by name at national scale (PostgreSQL): a GIN full-text
-- index of the names (the 'simple' configuration: no stemming, no stop
-- words), maintained by PostgreSQL inside the same transaction as every
-- write of a person. The SQLite spelling of this migration is
-- 040_search.sqlite.sql (FTS5); both split a name into words of letters and
-- digits and find a word by its beginning. NHS numbers and references are
-- found through their unique B-trees.
CREATE INDEX people_names ON people USING gin (to_tsvector('simple', given_name || ' ' || family_name));
