-- The evidence archive, the intake ledger (idempotency) and the outbox of what each decision sends.
-- Portable SQL: the same script runs on H2 (embedded default) and PostgreSQL (production). JSON columns are VARCHAR,
-- not TEXT: H2 stores TEXT as a CLOB outside the row, which costs more than the rest of an insert.

-- Append-only archive. seq is the chain position, assigned under the lock on archive_head, and each entry stores
-- SHA-256 over the previous entry's hash and its own canonical bytes (see ArchiveEntry#canonicalBytes).
CREATE TABLE archive_entry (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    sender        VARCHAR(32),
    message_id    VARCHAR(64),
    message_type  VARCHAR(64),
    case_ref      VARCHAR(128),
    error_code    VARCHAR(64),
    transport_id  VARCHAR(200),
    raw_sha256    CHAR(64)      NOT NULL,
    raw_body      BYTEA,
    decision      VARCHAR(1000000) NOT NULL,
    prev_hash     CHAR(64)      NOT NULL,
    entry_hash    CHAR(64)      NOT NULL
);
CREATE INDEX archive_entry_sender_message ON archive_entry (sender, message_id);
CREATE INDEX archive_entry_message ON archive_entry (message_id);
CREATE INDEX archive_entry_raw_sha256 ON archive_entry (raw_sha256);
CREATE INDEX archive_entry_case_ref ON archive_entry (case_ref);

-- One row: the head of the chain. Appenders lock it (SELECT ... FOR UPDATE), so entries from any number of hub
-- instances form one chain.
CREATE TABLE archive_head (
    id         INT      NOT NULL PRIMARY KEY,
    last_seq   BIGINT   NOT NULL,
    last_hash  CHAR(64) NOT NULL
);
INSERT INTO archive_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- (sender, messageId) is unique forever. A key is written with its decision in one database transaction, with the
-- transport id (JMS message id) of the message decided: if the broker transaction that consumed the message and sent
-- the decision's messages does not commit, the broker redelivers the same transport message, and the hub sends the
-- recorded outbox instead of deciding again. A different transport id with a known key is an office's resend.
CREATE TABLE intake_ledger (
    sender       VARCHAR(32)  NOT NULL,
    message_id   VARCHAR(64)  NOT NULL,
    archive_seq  BIGINT       NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    transport_id VARCHAR(200),
    PRIMARY KEY (sender, message_id)
);

-- Every message a decision sends (deliveries, receipt, parked copy), with the duplicate-detection id it carries.
CREATE TABLE outbox_message (
    archive_seq   BIGINT        NOT NULL,
    position      INT           NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    destination   VARCHAR(200)  NOT NULL,
    recipient     VARCHAR(32),
    duplicate_id  VARCHAR(100)  NOT NULL,
    properties    VARCHAR(100000)  NOT NULL,
    body          BYTEA         NOT NULL,
    text_body     BOOLEAN       NOT NULL,
    PRIMARY KEY (archive_seq, position)
);
