-- Fewer index entries on random keys per decision (issue 9). Every index a decision inserts into on a random key
-- (a messageId, a hash) costs the database a page of its own: H2 copies the leaf it touches and writes it out again
-- with the commit, PostgreSQL dirties a page of it. On the bench (2026-12-04) each such index was about 7 % of the
-- hub's CPU per message. Same queries, same answers; the indexes that remain serve every one of them.

-- The archive by messageId: one index on (message_id, sender) serves the lookups by (sender, messageId) and by
-- messageId alone, where there were two. Queries by sender alone get an index of their own, ordered by position
-- within each sender (H2 and PostgreSQL both end a secondary index's key with the row's location), so an office's
-- new entries go to the end of its range instead of anywhere in it.
DROP INDEX archive_entry_sender_message;
DROP INDEX archive_entry_message;
CREATE INDEX archive_entry_message_sender ON archive_entry (message_id, sender);
CREATE INDEX archive_entry_sender ON archive_entry (sender);

-- Who holds a case: every query names the case and the holder, which the primary key (case_ref, holder, message_id)
-- serves; the second index, (holder, case_ref), served none of them.
DROP INDEX clue_handling_holder;

-- Dispositions: keyed by the clue's messageId first, so the lookups by messageId (the statuses a recipient may send,
-- the clue's page) use the primary key, and clue_disposition_clue goes. The state a disposition opens in is always
-- DELIVERED, at delivered_at, caused by the message at opened_seq (the clue, or the status that referred it):
-- kept on the row instead of as a step-0 event, which cost an insert on a random key per clue. Recreated rather
-- than altered: H2 and PostgreSQL name the primary key constraint differently.
CREATE TABLE clue_disposition_v27 (
    clue_id                 VARCHAR(64)              NOT NULL,
    clue_sender             VARCHAR(32)              NOT NULL,
    recipient               VARCHAR(32)              NOT NULL,
    delivered_to            VARCHAR(32)              NOT NULL,
    case_ref                VARCHAR(128),
    state                   VARCHAR(16)              NOT NULL,
    referred_from           VARCHAR(32),
    clue_seq                BIGINT                   NOT NULL,
    delivered_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledge_due         TIMESTAMP WITH TIME ZONE NOT NULL,
    decide_due              TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at         TIMESTAMP WITH TIME ZONE,
    decided_at              TIMESTAMP WITH TIME ZONE,
    acknowledge_reminded_at TIMESTAMP WITH TIME ZONE,
    decide_reminded_at      TIMESTAMP WITH TIME ZONE,
    opened_by               VARCHAR(64)              NOT NULL,
    opened_seq              BIGINT                   NOT NULL,
    PRIMARY KEY (clue_id, clue_sender, recipient)
);
INSERT INTO clue_disposition_v27 (clue_id, clue_sender, recipient, delivered_to, case_ref, state, referred_from,
        clue_seq, delivered_at, acknowledge_due, decide_due, acknowledged_at, decided_at, acknowledge_reminded_at,
        decide_reminded_at, opened_by, opened_seq)
SELECT d.clue_id, d.clue_sender, d.recipient, d.delivered_to, d.case_ref, d.state, d.referred_from, d.clue_seq,
        d.delivered_at, d.acknowledge_due, d.decide_due, d.acknowledged_at, d.decided_at, d.acknowledge_reminded_at,
        d.decide_reminded_at, COALESCE(e.message_id, d.clue_id), COALESCE(e.archive_seq, d.clue_seq)
FROM clue_disposition d LEFT JOIN clue_disposition_event e ON e.clue_sender = d.clue_sender
        AND e.clue_id = d.clue_id AND e.recipient = d.recipient AND e.step = 0;
DELETE FROM clue_disposition_event WHERE step = 0;
DROP TABLE clue_disposition;
ALTER TABLE clue_disposition_v27 RENAME TO clue_disposition;
CREATE INDEX clue_disposition_ack_due ON clue_disposition (acknowledge_due);
CREATE INDEX clue_disposition_decide_due ON clue_disposition (decide_due);
