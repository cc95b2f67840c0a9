-- Certificate signing requests (issue 15, 证书管理): a key Cove generated for a platform
-- certificate (sealed at rest like the certificates' keys) and the PKCS#10 request handed to a
-- CA; uploading the signed certificate moves the key into `certificates` and removes the row.
CREATE TABLE certificate_requests (
  id          TEXT    PRIMARY KEY,          -- csr_…
  key_type    TEXT    NOT NULL,             -- RSA-2048 | RSA-3072 | EC-P256
  key_bits    INTEGER NOT NULL,
  subject     TEXT    NOT NULL,             -- RFC 2253
  names       TEXT    NOT NULL,             -- JSON array of DNS names
  csr_pem     TEXT    NOT NULL,
  sealed_key  TEXT    NOT NULL,             -- core::SealedBox text
  created_by  TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL
) STRICT;

CREATE INDEX certificate_requests_created ON certificate_requests(created_ms);
