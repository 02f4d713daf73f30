-- Investigator queries (issue 7): the offices each message went to, so that "office as sender or recipient" is an
-- index lookup rather than a scan of decision JSON: one row per office named by a delivery (the requested recipient
-- and the office that received it, when mail fell back to an ancestor). Written with the entry; no foreign key, as for
-- archive_subject. Audit entries (kind 'audit') record every query, replay, bundle, hold, purge and key rotation.
-- Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE archive_recipient (
    seq     BIGINT      NOT NULL,
    office  VARCHAR(32) NOT NULL,
    PRIMARY KEY (seq, office)
);
CREATE INDEX archive_recipient_office ON archive_recipient (office);
CREATE INDEX archive_entry_recorded_at ON archive_entry (recorded_at);
CREATE INDEX archive_entry_type ON archive_entry (message_type);
CREATE INDEX archive_entry_kind_seq ON archive_entry (kind, seq);
