-- Version review (issue 14, 审核/待办中心): a review of one submitted version, its automated
-- pre-check results with evidence, its history, and the review policy (platform setting and
-- per-organisation overrides). Times are Unix milliseconds.

CREATE TABLE reviews (
  id                  TEXT    PRIMARY KEY,                    -- rev_…
  org_id              TEXT    NOT NULL REFERENCES orgs(id),
  app_id              TEXT    NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  app_name            TEXT    NOT NULL,                       -- at submission, for the queue
  version_id          TEXT    NOT NULL REFERENCES app_versions(id) ON DELETE CASCADE,
  version             TEXT    NOT NULL,                       -- x.y.z of version_id
  status              TEXT    NOT NULL CHECK (status IN
                        ('submitted', 'in_review', 'approved', 'rejected', 'withdrawn')),
  notes               TEXT    NOT NULL DEFAULT '',
  test_account        TEXT,                                   -- JSON {username, password, note} or NULL
  expedite            INTEGER NOT NULL DEFAULT 0,
  release_on_approval INTEGER NOT NULL DEFAULT 0,
  submitted_by        TEXT    NOT NULL,
  checks_lease_ms     INTEGER NOT NULL DEFAULT 0,             -- pre-checks being run until then
  claimed_by          TEXT,
  claimed_by_name     TEXT,
  claim_expires_ms    INTEGER,
  decided_by          TEXT,                                   -- a user, or "system" for pre-checks
  decided_ms          INTEGER,
  reason_category     TEXT,
  reason              TEXT,
  created_ms          INTEGER NOT NULL,
  updated_ms          INTEGER NOT NULL
) STRICT;

-- One open review per mini-program: the database refuses a second one even if two submits race.
CREATE UNIQUE INDEX reviews_one_open ON reviews(app_id) WHERE status IN ('submitted', 'in_review');
CREATE INDEX reviews_queue ON reviews(status, created_ms, id);
CREATE INDEX reviews_app ON reviews(app_id, created_ms DESC, id DESC);
CREATE INDEX reviews_org ON reviews(org_id, created_ms, id);

-- One row per pre-check of a review: pass | warn | fail with evidence [{file, line, excerpt}].
CREATE TABLE review_checks (
  review_id TEXT    NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  name      TEXT    NOT NULL,
  result    TEXT    NOT NULL CHECK (result IN ('pass', 'warn', 'fail')),
  summary   TEXT    NOT NULL,
  evidence  TEXT    NOT NULL DEFAULT '[]',
  details   TEXT    NOT NULL DEFAULT '{}',
  PRIMARY KEY (review_id, name)
) STRICT, WITHOUT ROWID;

-- Who did what to a review, in order (the console's history; the operation log has the same).
CREATE TABLE review_history (
  review_id  TEXT    NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  at_ms      INTEGER NOT NULL,
  actor_id   TEXT    NOT NULL,
  actor_name TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  detail     TEXT    NOT NULL DEFAULT '{}',
  PRIMARY KEY (review_id, seq)
) STRICT, WITHOUT ROWID;

-- The platform's review settings, one JSON document (review/review_policy.hpp).
CREATE TABLE review_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  document   TEXT    NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;

-- An operator's per-organisation override of "release needs approval" (trusted organisations).
CREATE TABLE review_org_policies (
  org_id     TEXT    PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  required   INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
