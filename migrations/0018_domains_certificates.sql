-- TLS certificates (issue 15, 证书管理): the platform's own host names (with their private key,
-- sealed at rest; served by SNI) and organisations' certificates for their service domains
-- (information and expiry alerts only, no key). Times are Unix milliseconds.
CREATE TABLE certificates (
  id             TEXT    PRIMARY KEY,                        -- crt_…
  scope          TEXT    NOT NULL CHECK (scope IN ('platform', 'org')),
  org_id         TEXT    REFERENCES orgs(id),                -- set exactly for scope 'org'
  names          TEXT    NOT NULL,                           -- JSON array of DNS names (SANs)
  subject        TEXT    NOT NULL,
  issuer         TEXT    NOT NULL,
  serial         TEXT    NOT NULL,
  not_before_ms  INTEGER NOT NULL,
  not_after_ms   INTEGER NOT NULL,
  key_type       TEXT    NOT NULL,
  key_bits       INTEGER NOT NULL,
  fingerprint    TEXT    NOT NULL,                           -- SHA-256 of the leaf, hex
  self_signed    INTEGER NOT NULL,
  chain_pem      TEXT    NOT NULL,
  sealed_key     TEXT,                                       -- platform only: core::SealedBox text
  notified_days  INTEGER NOT NULL DEFAULT 0,                 -- smallest expiry threshold announced (0: none)
  created_by     TEXT    NOT NULL,
  created_ms     INTEGER NOT NULL,
  CHECK ((scope = 'org') = (org_id IS NOT NULL))
) STRICT;

CREATE INDEX certificates_expiry ON certificates(scope, not_after_ms);
CREATE INDEX certificates_org ON certificates(org_id, not_after_ms);
