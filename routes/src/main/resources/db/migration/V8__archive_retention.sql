-- Retention, legal hold and purge (issue 7). classification is the message's handling.classification (internal,
-- sensitive, restricted), read at append time: it chooses the retention period. purged_at is set when retention
-- removed an entry's bodies (raw_body, canonical_body, and the subject index rows): the row keeps every hashed field
-- and canonical_sha256, so the chain still recomputes, and the verifier accepts missing bodies only with it.
-- archive_hold: cases under legal hold, never purged while held; reason is encrypted free text (FieldCipher token).
-- Portable SQL: runs on H2 and PostgreSQL.
ALTER TABLE archive_entry ADD COLUMN classification VARCHAR(16);
ALTER TABLE archive_entry ADD COLUMN purged_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE archive_hold (
    case_ref   VARCHAR(128)  NOT NULL PRIMARY KEY,
    placed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    placed_by  VARCHAR(200)  NOT NULL,
    reason     VARCHAR(8000) NOT NULL
);
