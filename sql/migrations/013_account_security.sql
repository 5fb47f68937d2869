-- Account security (docs/SECURITY.md, findings 4, 5 and 7): who made and who
-- deactivated an account, an expiry on every API token, and one-time invitation links.

-- The role of whoever deactivated the account ('' when not known): a provider
-- manager may not undo an administrator's deactivation.
ALTER TABLE users ADD COLUMN deactivated_by_role TEXT NOT NULL DEFAULT '';
-- Who made the account (0: the command line), for the programme lead's list
-- of recent grants of access to personal data.
ALTER TABLE users ADD COLUMN created_by BIGINT NOT NULL DEFAULT 0;
CREATE INDEX users_created ON users (created_at);

-- Every token expires; those made before this migration get 90 days from
-- when they were made.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = created_at + 7776000;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- An account made on the pages has no password until its holder chooses one
-- through the link (only the hash of its token is kept), once, before it expires.
CREATE TABLE invitations (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX invitations_user ON invitations (user_id);
CREATE INDEX sessions_user ON sessions (user_id);
