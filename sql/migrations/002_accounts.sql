-- Organisations, users, sessions, API tokens, sign-in throttling and the audit trail.
CREATE TABLE orgs (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('lead_provider', 'provider', 'referrer_org', 'commissioner')),
  area TEXT REFERENCES areas (code),
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES orgs (id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  ended INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used BIGINT NOT NULL DEFAULT 0,
  revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE login_failures (
  addr TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_addr ON login_failures (addr, at);

CREATE TABLE audit_events (
  id BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  addr TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_person ON audit_events (person_id, id);
CREATE INDEX audit_at ON audit_events (at);

-- One row: the head of the chain. Updating it serialises appenders on both backends.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
