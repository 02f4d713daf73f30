-- Dispositions keyed by the clue's archive position (issue 9). Every disposition of a clue (its recipients', and those
-- of the offices it was referred to) carries clue_seq, the position of the accepted clue.transfer, which is the entry
-- that took the clue's (sender, messageId) key: (clue_seq, recipient) is as unique as (clue_sender, clue_id,
-- recipient), and a new clue's rows go to the end of the key instead of anywhere in it (one insert on a random key
-- less per clue). The lookups by messageId find the position through the archive's index on message_id.
CREATE TABLE clue_disposition_v29 (
    clue_seq                BIGINT                   NOT NULL,
    recipient               VARCHAR(32)              NOT NULL,
    clue_sender             VARCHAR(32)              NOT NULL,
    clue_id                 VARCHAR(64)              NOT NULL,
    delivered_to            VARCHAR(32)              NOT NULL,
    case_ref                VARCHAR(128),
    state                   VARCHAR(16)              NOT NULL,
    referred_from           VARCHAR(32),
    delivered_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledge_due         TIMESTAMP WITH TIME ZONE NOT NULL,
    decide_due              TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at         TIMESTAMP WITH TIME ZONE,
    decided_at              TIMESTAMP WITH TIME ZONE,
    acknowledge_reminded_at TIMESTAMP WITH TIME ZONE,
    decide_reminded_at      TIMESTAMP WITH TIME ZONE,
    opened_by               VARCHAR(64)              NOT NULL,
    opened_seq              BIGINT                   NOT NULL,
    PRIMARY KEY (clue_seq, recipient)
);
INSERT INTO clue_disposition_v29 (clue_seq, recipient, clue_sender, clue_id, delivered_to, case_ref, state,
        referred_from, delivered_at, acknowledge_due, decide_due, acknowledged_at, decided_at, acknowledge_reminded_at,
        decide_reminded_at, opened_by, opened_seq)
SELECT clue_seq, recipient, clue_sender, clue_id, delivered_to, case_ref, state, referred_from, delivered_at,
        acknowledge_due, decide_due, acknowledged_at, decided_at, acknowledge_reminded_at, decide_reminded_at,
        opened_by, opened_seq
FROM clue_disposition;
DROP TABLE clue_disposition;
ALTER TABLE clue_disposition_v29 RENAME TO clue_disposition;
CREATE INDEX clue_disposition_ack_due ON clue_disposition (acknowledge_due);
CREATE INDEX clue_disposition_decide_due ON clue_disposition (decide_due);
