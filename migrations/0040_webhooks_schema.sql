-- Webhooks (issue 17): endpoints of organisations ('' org_id: the platform's, for operators), the
-- messages fanned out to them from the outbox, and each delivery attempt. Times are Unix
-- milliseconds. The outbox hands each committed event to the fan-out at least once (again after a
-- crash); UNIQUE (endpoint_id, event_id) makes a repeat a no-op, so each endpoint gets one message.

CREATE TABLE webhook_endpoints (
  id                    TEXT    PRIMARY KEY,
  org_id                TEXT    NOT NULL,            -- '' for a platform endpoint
  url                   TEXT    NOT NULL,
  description           TEXT    NOT NULL DEFAULT '',
  events                TEXT    NOT NULL,            -- JSON array of types and patterns
  app_ids               TEXT    NOT NULL DEFAULT '[]',  -- JSON array; empty: every mini-program
  headers               TEXT    NOT NULL DEFAULT '{}',  -- JSON object of custom headers
  enabled               INTEGER NOT NULL DEFAULT 1,
  disabled_reason       TEXT,                        -- 'gone', 'failing' (by Cove) or NULL
  secret_sealed         TEXT    NOT NULL,
  old_secret_sealed     TEXT,                        -- the rotated secret, still signing until:
  old_secret_until_ms   INTEGER,
  failing_since_ms      INTEGER,                     -- first failure since the last success
  created_by            TEXT    NOT NULL,
  created_ms            INTEGER NOT NULL,
  updated_ms            INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_org ON webhook_endpoints(org_id, created_ms, id);

CREATE TABLE webhook_messages (
  id               TEXT    PRIMARY KEY,               -- the webhook-id header: stable across retries
  endpoint_id      TEXT    NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id         INTEGER,                           -- the outbox event; NULL for a test ping
  type             TEXT    NOT NULL,
  app_id           TEXT,
  body             TEXT    NOT NULL,                  -- exactly the bytes signed and sent
  status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms  INTEGER,                           -- when pending
  next_trigger     TEXT    NOT NULL DEFAULT 'scheduled',  -- what the next attempt is: a retry, a resend …
  last_status      INTEGER,                           -- the receiver's last HTTP status
  last_error       TEXT,
  created_ms       INTEGER NOT NULL,
  updated_ms       INTEGER NOT NULL,
  UNIQUE (endpoint_id, event_id)
) STRICT;
-- The claim reads pending messages in this order and stops at the first free endpoint's: the index
-- gives the order, so a long backlog is not sorted on every claim.
CREATE INDEX webhook_messages_due ON webhook_messages(next_attempt_ms, created_ms, id) WHERE status = 'pending';
CREATE INDEX webhook_messages_endpoint ON webhook_messages(endpoint_id, created_ms, id);

CREATE TABLE webhook_attempts (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id     TEXT    NOT NULL REFERENCES webhook_messages(id) ON DELETE CASCADE,
  endpoint_id    TEXT    NOT NULL,
  trigger        TEXT    NOT NULL CHECK (trigger IN ('scheduled', 'resend', 'recover', 'test')),
  status         INTEGER,                             -- HTTP status, NULL without an answer
  error          TEXT,                                -- why there was no answer
  response       TEXT,                                -- the first bytes of the answer
  duration_ms    INTEGER NOT NULL,
  created_ms     INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_attempts_message ON webhook_attempts(message_id, id);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts(endpoint_id, created_ms);
