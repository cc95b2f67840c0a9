-- Notify module (issue 16): each user's inbox, fed by outbox events, and their preferences.

-- One row per (event, recipient): the unique key makes a second delivery of the same event (after
-- a crash between the insert and the subscriber's recorded progress) a no-op.
CREATE TABLE notifications (
  id         TEXT    PRIMARY KEY,                                   -- ntf_…
  user_id    TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_id   INTEGER NOT NULL,                                      -- outbox id of the cause
  kind       TEXT    NOT NULL,                                      -- the event topic, "org.approved"
  category   TEXT    NOT NULL,
  severity   TEXT    NOT NULL CHECK (severity IN ('info', 'success', 'warning', 'error')),
  org_id     TEXT,                                                  -- the organisation it concerns, if any
  title      TEXT    NOT NULL,                                      -- rendered in the recipient's language
  body       TEXT    NOT NULL,
  link       TEXT    NOT NULL,                                      -- console path, "" for none
  data       TEXT    NOT NULL,                                      -- the event payload (JSON)
  created_ms INTEGER NOT NULL,
  read_ms    INTEGER,
  UNIQUE (event_id, user_id)
) STRICT;
CREATE INDEX notifications_user ON notifications(user_id, created_ms DESC, id DESC);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_ms IS NULL;

-- A user's choices per kind and channel; a kind without a row uses its defaults.
CREATE TABLE notification_preferences (
  user_id TEXT    NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind    TEXT    NOT NULL,
  inbox   INTEGER NOT NULL CHECK (inbox IN (0, 1)),
  email   INTEGER NOT NULL CHECK (email IN (0, 1)),
  PRIMARY KEY (user_id, kind)
) STRICT;

-- The language notifications and e-mails are written in for this user.
CREATE TABLE notification_settings (
  user_id    TEXT    PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  language   TEXT    NOT NULL CHECK (language IN ('zh-CN', 'en-US')),
  updated_ms INTEGER NOT NULL
) STRICT;
