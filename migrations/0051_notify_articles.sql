-- Notify module (issue 16): articles for host apps' end users (文章发布中心). An organisation's
-- article has its org_id; a platform-wide article, written by operators, has none (the one kind
-- of row here that no organisation owns, so org_id may be NULL).
CREATE TABLE articles (
  id            TEXT    PRIMARY KEY,                                    -- art_…
  org_id        TEXT    REFERENCES orgs(id) ON DELETE CASCADE,          -- NULL: platform-wide
  title         TEXT    NOT NULL,
  summary       TEXT    NOT NULL,
  body_markdown TEXT    NOT NULL,
  body_html     TEXT    NOT NULL,                                       -- rendered and sanitised at write time
  body_text     TEXT    NOT NULL,
  category      TEXT    NOT NULL,
  tags          TEXT    NOT NULL,                                       -- JSON array of strings
  cover_sha256  TEXT,                                                   -- blob store hash
  cover_type    TEXT,
  cover_size    INTEGER,
  state         TEXT    NOT NULL CHECK (state IN ('draft', 'published', 'archived')),
  publish_ms    INTEGER,
  created_by    TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX articles_org_created ON articles(org_id, created_ms DESC, id DESC);
CREATE INDEX articles_published ON articles(state, publish_ms) WHERE state = 'published';
CREATE INDEX articles_cover ON articles(cover_sha256) WHERE cover_sha256 IS NOT NULL;

-- The host apps an article is shown in; none: every host app of its owner.
CREATE TABLE article_targets (
  article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  host_app_id TEXT NOT NULL REFERENCES host_apps(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, host_app_id)
) STRICT;
CREATE INDEX article_targets_host ON article_targets(host_app_id);
