-- Finding people by name at national scale (PostgreSQL): a pg_trgm GIN
-- index of the lower-cased full name, maintained by PostgreSQL inside the
-- same transaction as every write of a person. The SQLite spelling of this
-- migration is 040_search.sqlite.sql (FTS5). pg_trgm ships with Debian's
-- postgresql package and is a trusted extension (the database owner may
-- create it). NHS numbers and references are found through their unique B-trees.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX people_name_trgm ON people USING gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops);
