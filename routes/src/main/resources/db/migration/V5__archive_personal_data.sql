-- Personal data at rest (issues 6 and 7). Message bodies in the archive are encrypted with the field keys (AES-256-GCM,
-- keystore outside the database): raw_body and canonical_body hold the ASCII bytes of a token
-- 'enc:v1:<keyId>:<iv>:<ciphertext>', and body_key names the key, so rotation finds what is not under the newest key.
-- body_key NULL: a body stored in clear by an earlier release (the hub seals those at start). canonical_sha256 is the
-- SHA-256 of the canonical form's plaintext, recorded at append: the chain hash covers it, so an entry whose canonical
-- body is later purged still recomputes. Portable SQL: runs on H2 and PostgreSQL.
ALTER TABLE archive_entry ADD COLUMN body_key VARCHAR(64);
ALTER TABLE archive_entry ADD COLUMN canonical_sha256 CHAR(64);

-- The subjects each message names, by blind index only: HMAC-SHA256 (field keystore's index key) of the normalised
-- credit code, identity number, taxpayer id, phone or person's name. Never the clear value. No foreign key: the chain
-- verifier's tests (and any tampering) must be able to delete archive rows, and the verifier, not the schema, says so.
CREATE TABLE archive_subject (
    seq   BIGINT      NOT NULL,
    kind  VARCHAR(16) NOT NULL,
    hmac  CHAR(64)    NOT NULL,
    PRIMARY KEY (seq, kind, hmac)
);
CREATE INDEX archive_subject_hmac ON archive_subject (hmac);
