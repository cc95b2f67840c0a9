-- The operation log (操作日志, DESIGN.md §5): append-only, hash-chained (see core/audit_log.cpp
-- for the exact serialisation). Platform-level entries have org_id = ''. before_json/after_json
-- are NULL when there is nothing to show.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,  -- RFC 3339 UTC, milliseconds
  actor_kind  TEXT NOT NULL,  -- guest | user | api_key | system
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  org_id      TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  ip          TEXT NOT NULL,
  user_agent  TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,  -- '' for the first entry
  hash        TEXT NOT NULL
) STRICT;

-- An organisation's log, newest first, with id cursors.
CREATE INDEX audit_log_org ON audit_log(org_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
-- The history of one object ("who changed this app").
CREATE INDEX audit_log_target ON audit_log(target_type, target_id, id);
