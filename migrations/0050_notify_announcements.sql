-- Notify module (issue 16): operators' announcements to console users, and each user's read and
-- dismissed state. Audience 'orgs' names its organisations in announcement_orgs.
CREATE TABLE announcements (
  id            TEXT    PRIMARY KEY,                                    -- ann_…
  title         TEXT    NOT NULL,
  body_markdown TEXT    NOT NULL,
  body_html     TEXT    NOT NULL,                                       -- rendered and sanitised at write time
  severity      TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  audience      TEXT    NOT NULL CHECK (audience IN ('all', 'operators', 'orgs')),
  starts_ms     INTEGER NOT NULL,
  ends_ms       INTEGER,                                                -- NULL: until deleted
  created_by    TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX announcements_created ON announcements(created_ms DESC, id DESC);
CREATE INDEX announcements_window ON announcements(starts_ms, ends_ms);

CREATE TABLE announcement_orgs (
  announcement_id TEXT NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  org_id          TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  PRIMARY KEY (announcement_id, org_id)
) STRICT;

CREATE TABLE announcement_reads (
  announcement_id TEXT    NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  user_id         TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  read_ms         INTEGER NOT NULL,
  dismissed_ms    INTEGER,                                              -- the banner was closed
  PRIMARY KEY (announcement_id, user_id)
) STRICT;
