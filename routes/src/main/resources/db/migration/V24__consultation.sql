-- Consultation and adjudication sessions (issue 8). A session is opened by an accepted consultation.request (id = the
-- request's messageId), changed only by accepted opinions and the convener's decision, inside their decisions'
-- transactions, and completed by its last opinion or, once its deadline passes, by whichever hub instance's deadline
-- sweep claims it first (UPDATE ... WHERE status = 'open'). Only office ids, positions, message ids and archive
-- positions are kept: the texts stay in the archive.
CREATE TABLE consultation (
    id                  VARCHAR(64)              NOT NULL PRIMARY KEY,
    convener            VARCHAR(32)              NOT NULL,
    case_ref            VARCHAR(128)             NOT NULL,
    classification      VARCHAR(16)              NOT NULL,
    deadline            TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    request_seq         BIGINT                   NOT NULL,
    -- open | completed | decided
    status              VARCHAR(16)              NOT NULL,
    -- all-answered | deadline-passed; NULL while open, and for a session decided before it completed
    completed_because   VARCHAR(32),
    completed_at        TIMESTAMP WITH TIME ZONE,
    decision_message_id VARCHAR(64),
    decision_seq        BIGINT,
    decided_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX consultation_due ON consultation (status, deadline);

-- One row per invitee: the office its mail was delivered to (itself, or its nearest connected ancestor), and its
-- answer once given.
CREATE TABLE consultation_invitee (
    consultation_id     VARCHAR(64)              NOT NULL,
    invitee             VARCHAR(32)              NOT NULL,
    position_no         INTEGER                  NOT NULL,
    delivered_to        VARCHAR(32)              NOT NULL,
    answered_by         VARCHAR(32),
    position            VARCHAR(32),
    opinion_message_id  VARCHAR(64),
    opinion_seq         BIGINT,
    answered_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (consultation_id, invitee)
);
CREATE INDEX consultation_invitee_office ON consultation_invitee (delivered_to);
