-- Apps (issue 4): mini-programs, their versions and code packages, base-library versions, host
-- apps with their bundle ids, associations and custom API/menu grants. Times are Unix
-- milliseconds; JSON columns hold small documents validated by the service before writing.

CREATE TABLE apps (
  id                   TEXT    PRIMARY KEY,                   -- app_…, the stable public appId
  org_id               TEXT    NOT NULL REFERENCES orgs(id),
  name                 TEXT    NOT NULL,
  summary              TEXT    NOT NULL DEFAULT '',           -- short description
  description          TEXT    NOT NULL DEFAULT '',           -- long description
  category             TEXT    NOT NULL DEFAULT '',
  tags                 TEXT    NOT NULL DEFAULT '[]',         -- JSON array of strings
  developer            TEXT    NOT NULL DEFAULT '{}',         -- JSON {name, email, phone}
  privacy              TEXT    NOT NULL DEFAULT '{"items":[]}', -- JSON privacy declaration
  repository_url       TEXT    NOT NULL DEFAULT '',
  security_rating      TEXT    NOT NULL DEFAULT '',
  contracts            TEXT    NOT NULL DEFAULT '[]',         -- JSON [{chain, address, name}]
  icon_sha256          TEXT,                                  -- blob
  icon_type            TEXT,
  certificate_sha256   TEXT,                                  -- third-party audit certificate blob
  certificate_name     TEXT,
  certificate_type     TEXT,
  status               TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'online', 'offline')),
  offline_by           TEXT    NOT NULL DEFAULT '' CHECK (offline_by IN ('', 'org', 'platform')),
  offline_reason       TEXT    NOT NULL DEFAULT '',
  released_version_id  TEXT,                                  -- the version served to everyone
  created_by           TEXT    NOT NULL,
  created_ms           INTEGER NOT NULL,
  updated_ms           INTEGER NOT NULL
) STRICT;

CREATE INDEX apps_org_created ON apps(org_id, created_ms DESC, id DESC);
CREATE INDEX apps_created ON apps(created_ms DESC, id DESC);

CREATE TABLE app_versions (
  id                 TEXT    PRIMARY KEY,                     -- ver_…
  app_id             TEXT    NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  org_id             TEXT    NOT NULL,
  version            TEXT    NOT NULL,                        -- x.y.z
  major              INTEGER NOT NULL,
  minor              INTEGER NOT NULL,
  patch              INTEGER NOT NULL,
  changelog          TEXT    NOT NULL DEFAULT '',
  min_base_library   TEXT    NOT NULL DEFAULT '',             -- '' = any
  package_sha256     TEXT    NOT NULL,
  package_size       INTEGER NOT NULL,
  file_count         INTEGER NOT NULL,
  unpacked_size      INTEGER NOT NULL,
  manifest           TEXT,                                    -- JSON {title, pages} from app.json
  status             TEXT    NOT NULL CHECK (status IN
                       ('uploaded', 'in_review', 'approved', 'rejected', 'released', 'superseded')),
  signature          TEXT,                                    -- base64 Ed25519, set at first release
  uploaded_by        TEXT    NOT NULL,
  created_ms         INTEGER NOT NULL,
  updated_ms         INTEGER NOT NULL,
  released_ms        INTEGER,
  UNIQUE (app_id, version)
) STRICT;

CREATE INDEX app_versions_order ON app_versions(app_id, major DESC, minor DESC, patch DESC);
CREATE INDEX app_versions_package ON app_versions(package_sha256);

-- Every file of a version's package, for comparing versions.
CREATE TABLE version_files (
  version_id TEXT    NOT NULL REFERENCES app_versions(id) ON DELETE CASCADE,
  path       TEXT    NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT    NOT NULL,
  PRIMARY KEY (version_id, path)
) STRICT, WITHOUT ROWID;

-- Base-library (基础库) versions the platform knows; versions name one as their minimum.
CREATE TABLE base_libraries (
  version    TEXT    PRIMARY KEY,
  major      INTEGER NOT NULL,
  minor      INTEGER NOT NULL,
  patch      INTEGER NOT NULL,
  status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated')),
  notes      TEXT    NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE host_apps (
  id                TEXT    PRIMARY KEY,                      -- hst_…
  org_id            TEXT    NOT NULL REFERENCES orgs(id),
  name              TEXT    NOT NULL,
  sdk_key           TEXT    NOT NULL UNIQUE,
  sdk_secret        TEXT    NOT NULL,                         -- AES-GCM sealed: HMAC needs the secret itself
  status            TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  custom_apis       TEXT    NOT NULL DEFAULT '[]',            -- JSON [{name, description}]
  menus             TEXT    NOT NULL DEFAULT '[]',            -- JSON [{id, title}]
  secret_rotated_ms INTEGER NOT NULL,
  created_ms        INTEGER NOT NULL,
  updated_ms        INTEGER NOT NULL
) STRICT;

CREATE INDEX host_apps_org_created ON host_apps(org_id, created_ms DESC, id DESC);

-- iOS bundle ids, Android package names, HarmonyOS bundle names (at most 2 per platform).
CREATE TABLE host_app_bundles (
  host_app_id TEXT NOT NULL REFERENCES host_apps(id) ON DELETE CASCADE,
  platform    TEXT NOT NULL CHECK (platform IN ('ios', 'android', 'harmony')),
  bundle_id   TEXT NOT NULL,
  PRIMARY KEY (host_app_id, platform, bundle_id)
) STRICT, WITHOUT ROWID;

-- Which mini-programs a host app may run, with the custom APIs and menus granted to each.
CREATE TABLE host_app_apps (
  host_app_id    TEXT    NOT NULL REFERENCES host_apps(id) ON DELETE CASCADE,
  app_id         TEXT    NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  allowed_apis   TEXT    NOT NULL DEFAULT '[]',               -- JSON array of custom API names
  allowed_menus  TEXT    NOT NULL DEFAULT '[]',               -- JSON array of menu ids
  cross_org      INTEGER NOT NULL DEFAULT 0,                  -- granted by an operator
  created_by     TEXT    NOT NULL,
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  PRIMARY KEY (host_app_id, app_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX host_app_apps_app ON host_app_apps(app_id);
