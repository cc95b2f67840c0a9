-- Business-domain verification (issue 15): whether an organisation proved it controls a web-view
-- host by serving Cove's verification file at https://<host>/<file name>. Only verified business
-- domains reach the runtime. Times are Unix milliseconds.
CREATE TABLE webview_verifications (
  org_id       TEXT    NOT NULL REFERENCES orgs(id),
  host         TEXT    NOT NULL,                             -- ASCII host as declared
  status       TEXT    NOT NULL CHECK (status IN ('verified', 'failed')),
  checked_ms   INTEGER NOT NULL,                             -- last check, by a person or the job
  verified_ms  INTEGER,                                      -- last successful check
  failure      TEXT    NOT NULL DEFAULT '',                  -- why the last check failed
  PRIMARY KEY (org_id, host)
) STRICT;

-- The periodic re-check takes the verified hosts checked longest ago.
CREATE INDEX webview_verifications_due ON webview_verifications(status, checked_ms);
