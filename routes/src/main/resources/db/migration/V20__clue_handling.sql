-- Handling codes enforced (issue 6). Numbered 20 to leave V5-V19 to the archive's own migrations.
-- clue_handling: who holds which case and under what onward-sharing code. Written with the decision of every accepted
-- clue.transfer, one row per office it was delivered to; originator is the office the case started with (a forwarded
-- clue keeps its originator and the strictest code).
CREATE TABLE clue_handling (
    case_ref       VARCHAR(128) NOT NULL,
    holder         VARCHAR(32)  NOT NULL,
    originator     VARCHAR(32)  NOT NULL,
    onward_sharing VARCHAR(32)  NOT NULL,
    message_id     VARCHAR(64)  NOT NULL,
    archive_seq    BIGINT       NOT NULL,
    PRIMARY KEY (case_ref, holder, message_id)
);
CREATE INDEX clue_handling_holder ON clue_handling (holder, case_ref);

-- clue_consent: an originator's handling.consent: grantee may forward the case to forward_to ('*': any office).
CREATE TABLE clue_consent (
    case_ref    VARCHAR(128) NOT NULL,
    originator  VARCHAR(32)  NOT NULL,
    grantee     VARCHAR(32)  NOT NULL,
    forward_to  VARCHAR(32)  NOT NULL,
    archive_seq BIGINT       NOT NULL,
    PRIMARY KEY (case_ref, originator, grantee, forward_to)
);
