-- Gray releases (issue 5): named UID lists of an organisation and gray plans that serve a
-- version of a mini-program to the users a rule selects. Times are Unix milliseconds; JSON
-- columns hold documents validated by the service before writing.

CREATE TABLE uid_lists (
  id           TEXT    PRIMARY KEY,                           -- ulst_…
  org_id       TEXT    NOT NULL REFERENCES orgs(id),
  name         TEXT    NOT NULL,
  description  TEXT    NOT NULL DEFAULT '',
  size         INTEGER NOT NULL,                              -- distinct ids
  revision     INTEGER NOT NULL,                              -- +1 on each content change: the runtime
                                                              -- reloads a list only when it changed
  created_by   TEXT    NOT NULL,
  created_ms   INTEGER NOT NULL,
  updated_ms   INTEGER NOT NULL,
  UNIQUE (org_id, name)
) STRICT;

CREATE INDEX uid_lists_org_created ON uid_lists(org_id, created_ms DESC, id DESC);

CREATE TABLE uid_list_members (
  list_id TEXT NOT NULL REFERENCES uid_lists(id) ON DELETE CASCADE,
  uid     TEXT NOT NULL,
  PRIMARY KEY (list_id, uid)
) STRICT, WITHOUT ROWID;

CREATE TABLE gray_plans (
  id             TEXT    PRIMARY KEY,                         -- gpl_…
  org_id         TEXT    NOT NULL REFERENCES orgs(id),
  app_id         TEXT    NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  version_id     TEXT    NOT NULL REFERENCES app_versions(id) ON DELETE CASCADE,
  version        TEXT    NOT NULL,                            -- x.y.z of version_id, for lists
  name           TEXT    NOT NULL DEFAULT '',
  rule           TEXT    NOT NULL,                            -- JSON rule (gray/rule.hpp)
  priority       INTEGER NOT NULL,                            -- lower is evaluated first
  steps          TEXT    NOT NULL DEFAULT '[]',               -- JSON [{percentage, at}]
  applied_steps  INTEGER NOT NULL DEFAULT 0,                  -- steps that have taken effect
  status         TEXT    NOT NULL CHECK (status IN
                   ('draft', 'running', 'paused', 'completed', 'rolled_back')),
  signature      TEXT,                                        -- package signature, set at start
  created_by     TEXT    NOT NULL,
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  started_ms     INTEGER,
  ended_ms       INTEGER
) STRICT;

CREATE INDEX gray_plans_app_created ON gray_plans(app_id, created_ms DESC, id DESC);
CREATE INDEX gray_plans_live ON gray_plans(status) WHERE status IN ('running', 'paused');
