-- Clue disposition (issue 8). One row per recipient of a delivered clue.transfer (and per office a recipient referred
-- it to), keyed by the clue's sender, messageId and the recipient office; delivered_to is the office that received the
-- copy (the recipient, or its nearest connected ancestor) and may send its clue.status messages. Written in the
-- decision's transaction of the clue and of each status; the state changes only with a conditional UPDATE on the
-- state it was read in. No message content is kept here: reasons and results are read from the archive by archive_seq.
CREATE TABLE clue_disposition (
    clue_sender             VARCHAR(32)              NOT NULL,
    clue_id                 VARCHAR(64)              NOT NULL,
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
    PRIMARY KEY (clue_sender, clue_id, recipient)
);
CREATE INDEX clue_disposition_clue ON clue_disposition (clue_id, delivered_to);
CREATE INDEX clue_disposition_ack_due ON clue_disposition (acknowledge_due);
CREATE INDEX clue_disposition_decide_due ON clue_disposition (decide_due);

-- Each state a disposition entered, in order: the message that caused it (the clue itself, or a clue.status) and its
-- archive position; referred_to for a referral.
CREATE TABLE clue_disposition_event (
    clue_sender  VARCHAR(32)              NOT NULL,
    clue_id      VARCHAR(64)              NOT NULL,
    recipient    VARCHAR(32)              NOT NULL,
    step         INTEGER                  NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    message_id   VARCHAR(64)              NOT NULL,
    archive_seq  BIGINT                   NOT NULL,
    referred_to  VARCHAR(32),
    PRIMARY KEY (clue_sender, clue_id, recipient, step)
);
