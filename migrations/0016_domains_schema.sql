-- Domains (issue 15): the hosts each mini-program declares per channel (服务域名 request, socket,
-- upload, download; 业务域名 webview) and the platform's whitelist and blocklist. Times are Unix
-- milliseconds.

-- One row per mini-program that has ever declared domains: the revision is its lists' ETag.
CREATE TABLE app_domain_sets (
  app_id      TEXT    PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
  org_id      TEXT    NOT NULL REFERENCES orgs(id),
  revision    INTEGER NOT NULL,                              -- +1 on each change of the lists
  updated_by  TEXT    NOT NULL,
  updated_ms  INTEGER NOT NULL
) STRICT;

CREATE TABLE app_domains (
  app_id    TEXT    NOT NULL REFERENCES app_domain_sets(app_id) ON DELETE CASCADE,
  org_id    TEXT    NOT NULL,
  kind      TEXT    NOT NULL CHECK (kind IN ('request', 'socket', 'upload', 'download', 'webview')),
  position  INTEGER NOT NULL,                                -- order as declared
  value     TEXT    NOT NULL,                                -- canonical https://host[:port] / wss://…
  host      TEXT    NOT NULL,                                -- ASCII host ("*.x" for a wildcard)
  PRIMARY KEY (app_id, kind, position)
) STRICT;

-- Which mini-programs declare a host the blocklist now names.
CREATE INDEX app_domains_host ON app_domains(host);
CREATE INDEX app_domains_org ON app_domains(org_id, app_id);

-- Operators' lists. A whitelist host is usable by every mini-program on the channels it names;
-- a blocklist host (and every name below it) by none.
CREATE TABLE platform_domains (
  list        TEXT    NOT NULL CHECK (list IN ('whitelist', 'blocklist')),
  host        TEXT    NOT NULL,
  kinds       TEXT    NOT NULL DEFAULT '[]',                 -- whitelist: JSON array of channels
  note        TEXT    NOT NULL DEFAULT '',
  created_by  TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  PRIMARY KEY (list, host)
) STRICT;
