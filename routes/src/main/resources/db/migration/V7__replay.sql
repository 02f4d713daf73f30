-- Replays (issue 7): an investigator sends archived messages again, in their original order, to one office's inbox.
-- The set is fixed when the replay is created (replay_message rows, one per archive entry, in seq order), so a replay
-- resumes after a restart where it stopped, and later entries never join it. sent_at is set once the message's broker
-- transaction committed. reason and legal_basis are free text that may name people: stored encrypted with the field
-- keys (FieldCipher tokens); the audit entry of the replay carries their SHA-256. filter is the filter as audited
-- (JSON, subject terms as HMACs). Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE replay (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200)  NOT NULL,
    target       VARCHAR(32)   NOT NULL,
    reason       VARCHAR(8000) NOT NULL,
    legal_basis  VARCHAR(8000) NOT NULL,
    filter       VARCHAR(8000) NOT NULL,
    up_to_seq    BIGINT        NOT NULL,
    total        BIGINT        NOT NULL,
    sent         BIGINT        NOT NULL,
    skipped      BIGINT        NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    error        VARCHAR(1000),
    audit_seq    BIGINT,
    finished_at  TIMESTAMP WITH TIME ZONE
);
CREATE TABLE replay_message (
    replay_id  VARCHAR(36) NOT NULL,
    seq        BIGINT      NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (replay_id, seq)
);
CREATE INDEX replay_message_seq ON replay_message (seq);
