-- Search (issue 18): the documents of the full-text index and what filters them. The FTS5 table
-- itself (search_fts) is created by the search module at start, not here: it needs the module's
-- tokenizer on the connection, and its format changes with the tokenizer (search_state.format),
-- when the module rebuilds it. Times are Unix milliseconds.

CREATE TABLE search_state (
  key   TEXT PRIMARY KEY,   -- format | complete | last_rebuild
  value TEXT NOT NULL
) STRICT;

-- One row per mini-program; doc is the FTS5 rowid.
CREATE TABLE search_docs (
  doc              INTEGER PRIMARY KEY,
  app_id           TEXT    NOT NULL UNIQUE,
  org_id           TEXT    NOT NULL,
  org_name         TEXT    NOT NULL DEFAULT '',
  name             TEXT    NOT NULL,
  name_folded      TEXT    NOT NULL,  -- text_analyzer.hpp NameKeys, for exact and prefix ranking
  name_pinyin      TEXT    NOT NULL,
  name_initials    TEXT    NOT NULL,
  summary          TEXT    NOT NULL DEFAULT '',
  category         TEXT    NOT NULL DEFAULT '',
  status           TEXT    NOT NULL,  -- the mini-program's: draft | online | offline
  offline_by       TEXT    NOT NULL DEFAULT '',
  has_icon         INTEGER NOT NULL DEFAULT 0,
  security_rating  TEXT    NOT NULL DEFAULT '',
  has_contracts    INTEGER NOT NULL DEFAULT 0,
  released_version TEXT    NOT NULL DEFAULT '',
  released_ms      INTEGER NOT NULL DEFAULT 0,
  updated_ms       INTEGER NOT NULL DEFAULT 0,
  indexed_ms       INTEGER NOT NULL
) STRICT;

CREATE INDEX search_docs_org ON search_docs(org_id);

-- The host apps a document may be found by (associations).
CREATE TABLE search_hosts (
  host_app_id TEXT    NOT NULL,
  doc         INTEGER NOT NULL REFERENCES search_docs(doc) ON DELETE CASCADE,
  PRIMARY KEY (host_app_id, doc)
) STRICT, WITHOUT ROWID;

CREATE INDEX search_hosts_doc ON search_hosts(doc);

CREATE TABLE search_doc_tags (
  doc INTEGER NOT NULL REFERENCES search_docs(doc) ON DELETE CASCADE,
  tag TEXT    NOT NULL,
  PRIMARY KEY (doc, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX search_doc_tags_tag ON search_doc_tags(tag, doc);

-- Latin words seen in indexed texts, by first letter and length: the candidates of typo
-- tolerance (a query word is compared only with words of its first letter and a near length).
-- Never pruned: a word no document has any more expands to nothing.
CREATE TABLE search_terms (
  head TEXT    NOT NULL,
  len  INTEGER NOT NULL,
  term TEXT    NOT NULL,
  PRIMARY KEY (head, len, term)
) STRICT, WITHOUT ROWID;

-- What host-app users searched for (type-ahead suggestions); counts are added in batches.
CREATE TABLE search_queries (
  query   TEXT    PRIMARY KEY,
  count   INTEGER NOT NULL,
  last_ms INTEGER NOT NULL
) STRICT;
