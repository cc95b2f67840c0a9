-- Sign-in lockout bookkeeping (issue 3).
--
-- Consecutive failures of an account are forgotten after a quiet day, so the counter needs the
-- time of the last failure.
ALTER TABLE users ADD COLUMN last_failed_login_ms INTEGER NOT NULL DEFAULT 0;

-- Failed sign-ins for email addresses that have no account. Counting them exactly like a real
-- account's failures makes lockout answer the same whether or not an address is registered, so
-- lockout cannot be used to discover accounts. Rows that no longer matter are pruned.
CREATE TABLE login_unknown_failures (
  email           TEXT    PRIMARY KEY COLLATE NOCASE,
  failures        INTEGER NOT NULL,                       -- consecutive, like users.failed_logins
  last_ms         INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX login_unknown_failures_last ON login_unknown_failures(last_ms);
