-- Notices the hub originates on its own (reminders, summaries, expiries) whose messages are stored in the outbox under
-- the notice's archive position but not yet known to be sent. The row is written in the transaction that archives the
-- notice and deleted once its messages are sent; a row left by a crash is sent again by any instance's sweep.
CREATE TABLE notice_pending (
    archive_seq  BIGINT                   NOT NULL PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
