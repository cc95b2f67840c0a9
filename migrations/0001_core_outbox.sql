-- Transactional outbox (DESIGN.md §6): events are written in the transaction of the change they
-- describe; the dispatcher delivers them in id order and records each subscriber's position.
-- AUTOINCREMENT keeps ids increasing even after old events are pruned, so a stored position
-- can never point at a reused id.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  topic      TEXT    NOT NULL,
  payload    TEXT    NOT NULL,  -- JSON
  created_ms INTEGER NOT NULL   -- Unix milliseconds
) STRICT;

CREATE TABLE outbox_progress (
  subscriber TEXT    PRIMARY KEY,
  position   INTEGER NOT NULL,  -- id of the last event handled (or skipped by topic)
  updated_ms INTEGER
) STRICT;
