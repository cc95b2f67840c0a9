-- Notify module (issue 16): SMTP settings set by operators, and the outgoing mail queue, which is
-- also the operators' mail log.

-- One row (id 1) once an operator saved settings; until then the mail.* configuration applies.
CREATE TABLE mail_settings (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  host            TEXT    NOT NULL,
  port            INTEGER NOT NULL,
  security        TEXT    NOT NULL CHECK (security IN ('none', 'starttls', 'tls')),
  username        TEXT    NOT NULL,
  password_sealed TEXT,                 -- AES-GCM sealed (core/sealed_box); NULL = none
  from_address    TEXT    NOT NULL,
  from_name       TEXT    NOT NULL,
  updated_ms      INTEGER NOT NULL,
  updated_by      TEXT    NOT NULL
) STRICT;

CREATE TABLE mail_messages (
  id              TEXT    PRIMARY KEY,  -- mail_…
  event_id        INTEGER,              -- the outbox event it tells of; NULL for test and reset mails
  user_id         TEXT,
  kind            TEXT    NOT NULL,     -- notification kind, "test" or "password_reset"
  to_address      TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  body            TEXT,                 -- the MIME message; removed once sent or failed for a security mail
  security        INTEGER NOT NULL CHECK (security IN (0, 1)),
  state           TEXT    NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_reply      TEXT    NOT NULL DEFAULT '',
  created_ms      INTEGER NOT NULL,
  sent_ms         INTEGER
) STRICT;
-- A repeated delivery of one event queues its e-mail once per recipient.
CREATE UNIQUE INDEX mail_messages_event_user ON mail_messages(event_id, user_id) WHERE event_id IS NOT NULL;
CREATE INDEX mail_messages_due ON mail_messages(next_attempt_ms) WHERE state = 'queued';
CREATE INDEX mail_messages_created ON mail_messages(created_ms DESC, id DESC);
CREATE INDEX mail_messages_sent ON mail_messages(sent_ms) WHERE sent_ms IS NOT NULL;

-- "Forgot password": single-use links e-mailed to the account's address.
CREATE TABLE password_resets (
  id         TEXT    PRIMARY KEY,                                  -- pwr_…
  user_id    TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT    NOT NULL UNIQUE,                              -- SHA-256 hex; the token is only in the mail
  expires_ms INTEGER NOT NULL,
  used_ms    INTEGER,
  created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX password_resets_user ON password_resets(user_id, created_ms);
