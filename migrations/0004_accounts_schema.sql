-- Accounts (issue 3): users, platform operators, organisations, members, invitations, sessions,
-- API keys, lockout state, settings and quota overrides. Times are Unix milliseconds.

CREATE TABLE users (
  id                   TEXT    PRIMARY KEY,                 -- usr_…
  email                TEXT    NOT NULL COLLATE NOCASE UNIQUE,
  name                 TEXT    NOT NULL,
  password_hash        TEXT    NOT NULL,                    -- $scrypt$…
  password_changed_ms  INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,          -- set by admin resets and direct creation
  platform_role        TEXT    NOT NULL DEFAULT ''
                       CHECK (platform_role IN ('', 'platform_admin', 'platform_reviewer')),
  status               TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins        INTEGER NOT NULL DEFAULT 0,          -- consecutive, reset on success
  locked_until_ms      INTEGER NOT NULL DEFAULT 0,
  totp_secret          TEXT,                                -- AES-GCM sealed (core/sealed_box), NULL = no 2FA
  totp_pending         TEXT,                                -- sealed secret awaiting confirmation
  totp_last_step       INTEGER NOT NULL DEFAULT 0,          -- a code's time step is accepted once
  created_ms           INTEGER NOT NULL,
  updated_ms           INTEGER NOT NULL
) STRICT;

CREATE INDEX users_platform_role ON users(platform_role) WHERE platform_role <> '';

-- The last K password hashes per user, for the "cannot reuse" policy.
CREATE TABLE password_history (
  user_id       TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  password_hash TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX password_history_user ON password_history(user_id, created_ms);

CREATE TABLE recovery_codes (
  user_id   TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT    NOT NULL,  -- SHA-256 hex of the normalised code
  used_ms   INTEGER,
  PRIMARY KEY (user_id, code_hash)
) STRICT;

CREATE TABLE orgs (
  id                TEXT    PRIMARY KEY,                    -- org_…
  name              TEXT    NOT NULL,
  license_no        TEXT    NOT NULL,
  contact_name      TEXT    NOT NULL,
  contact_email     TEXT    NOT NULL,
  contact_phone     TEXT    NOT NULL,
  attachment_sha256 TEXT,                                   -- licence scan in the blob store
  attachment_name   TEXT,
  attachment_type   TEXT,
  status            TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'active', 'rejected', 'suspended')),
  status_reason     TEXT    NOT NULL DEFAULT '',            -- rejection or suspension reason
  require_2fa       INTEGER NOT NULL DEFAULT 0,
  reviewed_by       TEXT,
  reviewed_ms       INTEGER,
  created_ms        INTEGER NOT NULL,
  updated_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX orgs_status ON orgs(status, created_ms);
CREATE UNIQUE INDEX orgs_license ON orgs(license_no) WHERE status <> 'rejected';

CREATE TABLE org_members (
  org_id     TEXT    NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id    TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role       TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (org_id, user_id)
) STRICT;
CREATE INDEX org_members_user ON org_members(user_id);

CREATE TABLE invitations (
  id          TEXT    PRIMARY KEY,                          -- inv_…
  org_id      TEXT    NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  email       TEXT    NOT NULL COLLATE NOCASE,
  role        TEXT    NOT NULL CHECK (role IN ('admin', 'developer', 'viewer')),
  token_hash  TEXT    NOT NULL UNIQUE,                      -- SHA-256 hex; the token is shown once
  invited_by  TEXT    NOT NULL,
  expires_ms  INTEGER NOT NULL,
  accepted_ms INTEGER,
  accepted_by TEXT,
  revoked_ms  INTEGER,
  created_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX invitations_org ON invitations(org_id, created_ms);

-- A session is one sign-in on one device: a family of refresh tokens. Each refresh rotates the
-- token; presenting a rotated token again means it was stolen, and revokes the whole session.
CREATE TABLE sessions (
  id           TEXT    PRIMARY KEY,                         -- ses_…
  user_id      TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_ms   INTEGER NOT NULL,
  last_used_ms INTEGER NOT NULL,
  expires_ms   INTEGER NOT NULL,                            -- absolute refresh lifetime
  revoked_ms   INTEGER,
  revoke_reason TEXT,
  ip           TEXT    NOT NULL,
  user_agent   TEXT    NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id, created_ms);

CREATE TABLE refresh_tokens (
  token_hash TEXT    PRIMARY KEY,                           -- SHA-256 hex of the 256-bit token
  session_id TEXT    NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  created_ms INTEGER NOT NULL,
  rotated_ms INTEGER                                        -- set when exchanged for a new one
) STRICT;
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

CREATE TABLE api_keys (
  id                  TEXT    PRIMARY KEY,                  -- key_…
  org_id              TEXT    NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name                TEXT    NOT NULL,
  prefix              TEXT    NOT NULL,                     -- first characters, for recognition
  secret_hash         TEXT    NOT NULL UNIQUE,              -- SHA-256 hex of the whole token
  previous_hash       TEXT    UNIQUE,                       -- still valid during a rotation grace
  previous_until_ms   INTEGER,
  scopes              TEXT    NOT NULL,                     -- JSON array of permissions
  allowed_ips         TEXT    NOT NULL DEFAULT '[]',        -- JSON array of IPs/CIDRs; [] = any
  created_by          TEXT    NOT NULL,
  created_ms          INTEGER NOT NULL,
  expires_ms          INTEGER NOT NULL,
  revoked_ms          INTEGER,
  last_used_ms        INTEGER,
  last_used_ip        TEXT
) STRICT;
CREATE INDEX api_keys_org ON api_keys(org_id, created_ms);

-- Failed sign-ins per client IP, for IP lockout (per-account state lives on users).
CREATE TABLE login_ip_failures (
  ip              TEXT    PRIMARY KEY,
  failures        INTEGER NOT NULL,
  first_ms        INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Platform settings as JSON documents: "security", "quotas", "branding".
CREATE TABLE settings (
  key        TEXT    PRIMARY KEY,
  value      TEXT    NOT NULL,
  updated_ms INTEGER NOT NULL,
  updated_by TEXT    NOT NULL
) STRICT;

-- Per-organisation quota overrides; NULL = the platform default.
CREATE TABLE org_quotas (
  org_id            TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  max_apps          INTEGER,
  max_host_apps     INTEGER,
  max_members       INTEGER,
  max_gray_plans    INTEGER,
  max_package_bytes INTEGER,
  updated_ms        INTEGER NOT NULL
) STRICT;
