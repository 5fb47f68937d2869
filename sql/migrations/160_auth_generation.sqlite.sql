-- A counter that every change able to end or alter what a bearer token
-- grants moves, in the same transaction, whichever process makes it (the
-- server, the command line, SQL by hand): a token revoked, re-keyed,
-- re-owned, expired or deleted, a user deactivated, deleted or given another
-- role, organisation, name, email or password. Each server thread's token
-- cache (http/token_cache.c) compares it on every request, so no cached
-- grant outlives the change. The PostgreSQL spelling is
-- 160_auth_generation.postgres.sql.
CREATE TABLE auth_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
INSERT INTO auth_generation (id, n) VALUES (1, 0);
CREATE TRIGGER api_tokens_auth_update AFTER UPDATE OF token_hash, user_id, revoked, expires_at ON api_tokens BEGIN
  UPDATE auth_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER api_tokens_auth_delete AFTER DELETE ON api_tokens BEGIN
  UPDATE auth_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER users_auth_update AFTER UPDATE OF email, name, role, org_id, password_hash, active ON users BEGIN
  UPDATE auth_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER users_auth_delete AFTER DELETE ON users BEGIN
  UPDATE auth_generation SET n = n + 1 WHERE id = 1;
END;
