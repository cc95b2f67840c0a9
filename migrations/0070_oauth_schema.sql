-- OAuth 2 for mini-programs (issue 20). Times are Unix milliseconds. Codes and refresh tokens are
-- stored as SHA-256 hashes (they are 256-bit random, so a fast hash is enough and a leaked table
-- grants nothing); the client secret likewise. Signing keys are sealed with a key in data/secrets/.

-- One row per mini-program that configured OAuth.
CREATE TABLE oauth_clients (
  app_id             TEXT    PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
  org_id             TEXT    NOT NULL,
  enabled            INTEGER NOT NULL DEFAULT 0,
  redirect_uris      TEXT    NOT NULL DEFAULT '[]',          -- JSON array, exact https URIs
  scopes             TEXT    NOT NULL DEFAULT '[]',          -- what the organisation requests
  allowed_scopes     TEXT    NOT NULL DEFAULT '["basic"]',   -- what operators allow it
  secret_hash        TEXT,                                   -- sha256 hex of the client secret
  secret_created_ms  INTEGER,
  updated_ms         INTEGER NOT NULL
) STRICT;
CREATE INDEX oauth_clients_org ON oauth_clients(org_id);

-- A user's consent: this host app's user let this mini-program have these scopes.
CREATE TABLE oauth_authorizations (
  id            TEXT    PRIMARY KEY,                  -- oaz_…
  app_id        TEXT    NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  org_id        TEXT    NOT NULL,                     -- the mini-program's organisation
  host_app_id   TEXT    NOT NULL,
  uid           TEXT    NOT NULL,
  scopes        TEXT    NOT NULL,                     -- JSON array
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL,
  last_used_ms  INTEGER,
  revoked_ms    INTEGER,
  UNIQUE (host_app_id, uid, app_id)
) STRICT;
CREATE INDEX oauth_authorizations_app ON oauth_authorizations(app_id, revoked_ms);

-- A token family: what one authorization code started; every refresh token it rotates into and
-- every access token (claim sid) belongs to it, and revoking it ends them all.
CREATE TABLE oauth_grants (
  id                TEXT    PRIMARY KEY,              -- ogr_…
  authorization_id  TEXT    NOT NULL REFERENCES oauth_authorizations(id) ON DELETE CASCADE,
  app_id            TEXT    NOT NULL,
  scopes            TEXT    NOT NULL,                 -- JSON array
  claims            TEXT    NOT NULL,                 -- JSON: the user as the host app vouched, per scope
  created_ms        INTEGER NOT NULL,
  revoked_ms        INTEGER,
  revoked_reason    TEXT
) STRICT;
CREATE INDEX oauth_grants_authorization ON oauth_grants(authorization_id);

CREATE TABLE oauth_codes (
  code_hash       TEXT    PRIMARY KEY,
  grant_id        TEXT    NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
  redirect_uri    TEXT    NOT NULL,
  code_challenge  TEXT    NOT NULL,                   -- S256
  expires_ms      INTEGER NOT NULL,
  used_ms         INTEGER
) STRICT;
CREATE INDEX oauth_codes_expiry ON oauth_codes(expires_ms);

CREATE TABLE oauth_refresh_tokens (
  token_hash  TEXT    PRIMARY KEY,
  grant_id    TEXT    NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
  created_ms  INTEGER NOT NULL,
  expires_ms  INTEGER NOT NULL,
  used_ms     INTEGER                                 -- rotated: a second use is a reuse
) STRICT;
CREATE INDEX oauth_refresh_tokens_grant ON oauth_refresh_tokens(grant_id);

-- Access-token signing keys (ES256). The newest unretired key signs; retired keys stay published
-- in the JWKS until the tokens they signed have expired.
CREATE TABLE oauth_signing_keys (
  kid             TEXT    PRIMARY KEY,
  private_sealed  TEXT    NOT NULL,
  public_jwk      TEXT    NOT NULL,                   -- JSON
  created_ms      INTEGER NOT NULL,
  retired_ms      INTEGER
) STRICT;
