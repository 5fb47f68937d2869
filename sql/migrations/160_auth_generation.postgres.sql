-- A counter that every change able to end or alter what a bearer token
-- grants moves, in the same transaction, whichever process makes it (the
-- server, the command line, SQL by hand): a token revoked, re-keyed,
-- re-owned, expired or deleted, a user deactivated, deleted or given another
-- role, organisation, name, email or password. Each server thread's token
-- cache (http/token_cache.c) compares it on every request, so no cached
-- grant outlives the change. The SQLite spelling is
-- 160_auth_generation.sqlite.sql.
CREATE TABLE auth_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
INSERT INTO auth_generation (id, n) VALUES (1, 0);
CREATE FUNCTION auth_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE auth_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER api_tokens_auth_update AFTER UPDATE OF token_hash, user_id, revoked, expires_at ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION auth_generation_bump();
CREATE TRIGGER api_tokens_auth_delete AFTER DELETE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION auth_generation_bump();
CREATE TRIGGER users_auth_update AFTER UPDATE OF email, name, role, org_id, password_hash, active ON users
  FOR EACH STATEMENT EXECUTE FUNCTION auth_generation_bump();
CREATE TRIGGER users_auth_delete AFTER DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION auth_generation_bump();
