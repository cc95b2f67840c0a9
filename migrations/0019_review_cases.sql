-- Violation reports, cases and appeals (issue 14, 举报处理): end users report a mini-program
-- through their host app (or organisations and operators in the console); reports on one
-- mini-program group into its one case, which an operator dismisses, answers with a warning to the
-- organisation, or closes with a takedown the organisation may appeal once. Times are Unix ms.

-- One case per mini-program; a new report on a closed case opens it again.
--   open ──dismiss──► dismissed      open ──warn──► warned      open ──takedown──► taken_down
--   taken_down ──appeal restored──► restored          (dismissed | warned | restored) ──report──► open
CREATE TABLE violation_cases (
  id              TEXT    PRIMARY KEY,                         -- cas_…
  org_id          TEXT    NOT NULL REFERENCES orgs(id),
  app_id          TEXT    NOT NULL UNIQUE REFERENCES apps(id) ON DELETE CASCADE,
  app_name        TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'dismissed', 'warned', 'taken_down', 'restored')),
  report_count    INTEGER NOT NULL DEFAULT 0,                  -- every report, ever
  open_reports    INTEGER NOT NULL DEFAULT 0,                  -- since the case last opened
  categories      TEXT    NOT NULL DEFAULT '{}',               -- JSON {category: count} since it opened
  resolution      TEXT,                                        -- the operator's reason or warning, shown to the org
  decided_by      TEXT,
  decided_ms      INTEGER,
  takedowns       INTEGER NOT NULL DEFAULT 0,                  -- takedowns from this case (one appeal each)
  last_report_ms  INTEGER NOT NULL,
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL
) STRICT;
CREATE INDEX violation_cases_status ON violation_cases(status, created_ms, id);
CREATE INDEX violation_cases_org ON violation_cases(org_id, created_ms, id);

CREATE TABLE violation_reports (
  id           TEXT    PRIMARY KEY,                            -- rpt_…
  case_id      TEXT    NOT NULL REFERENCES violation_cases(id) ON DELETE CASCADE,
  source       TEXT    NOT NULL CHECK (source IN ('runtime', 'org', 'platform')),
  category     TEXT    NOT NULL CHECK (category IN ('fraud', 'illegal', 'privacy', 'malicious', 'copyright', 'other')),
  text         TEXT    NOT NULL,
  uid          TEXT,                                           -- the reporting user, as the host app names them
  device_id    TEXT,
  host_app_id  TEXT,                                           -- runtime reports
  reporter_id  TEXT,                                           -- console reports: the user
  reporter_org TEXT,                                           -- console reports by an organisation
  screenshots  TEXT    NOT NULL DEFAULT '[]',                  -- JSON [sha256]
  created_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX violation_reports_case ON violation_reports(case_id, created_ms, id);

-- Who did what to a case, in order (the console's timeline; the operation log has the same).
CREATE TABLE case_history (
  case_id    TEXT    NOT NULL REFERENCES violation_cases(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  at_ms      INTEGER NOT NULL,
  actor_id   TEXT    NOT NULL,
  actor_name TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  detail     TEXT    NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, seq)
) STRICT, WITHOUT ROWID;

-- One appeal per takedown (UNIQUE), decided by an operator.
CREATE TABLE case_appeals (
  id          TEXT    PRIMARY KEY,                             -- apl_…
  case_id     TEXT    NOT NULL REFERENCES violation_cases(id) ON DELETE CASCADE,
  takedown    INTEGER NOT NULL,                                -- violation_cases.takedowns when filed
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'upheld', 'restored')),
  text        TEXT    NOT NULL,
  attachments TEXT    NOT NULL DEFAULT '[]',                   -- JSON [sha256]
  filed_by    TEXT    NOT NULL,
  decided_by  TEXT,
  decision    TEXT,                                            -- the operator's note
  created_ms  INTEGER NOT NULL,
  decided_ms  INTEGER,
  UNIQUE (case_id, takedown)
) STRICT;

-- Files a case holds (report screenshots, appeal attachments): what the files route may serve
-- for a case, and what keeps the blobs from the collector.
CREATE TABLE case_files (
  case_id      TEXT    NOT NULL REFERENCES violation_cases(id) ON DELETE CASCADE,
  sha256       TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  size         INTEGER NOT NULL,
  PRIMARY KEY (case_id, sha256)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_files_sha ON case_files(sha256);

-- Screenshots a reviewer attaches to a rejection (shown to the organisation with the reason).
CREATE TABLE review_files (
  review_id    TEXT    NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  sha256       TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  size         INTEGER NOT NULL,
  PRIMARY KEY (review_id, sha256)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_files_sha ON review_files(sha256);
