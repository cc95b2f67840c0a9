-- Idempotency-Key on POST (DESIGN.md §4): the first response to (principal, key) is stored and
-- replayed for retries with the same request; a different request under the same key is refused.
CREATE TABLE idempotency_keys (
  principal_id     TEXT    NOT NULL,
  key              TEXT    NOT NULL,
  method           TEXT    NOT NULL,
  path             TEXT    NOT NULL,
  request_hash     TEXT    NOT NULL,  -- SHA-256 hex of the request, to spot key reuse
  status           INTEGER,           -- NULL until the first response is stored
  response_headers TEXT,              -- JSON object
  response_body    BLOB,
  created_ms       INTEGER NOT NULL,
  PRIMARY KEY (principal_id, key)
) STRICT;

-- Expired keys are deleted by age.
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_ms);
