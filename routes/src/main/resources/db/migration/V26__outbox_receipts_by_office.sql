-- REST API for case tools (issue 8): an office reads its receipts from the outbox of the decisions that sent them
-- (GET /api/v1/receipts?after=<archive seq>), so they are found by recipient and kind in archive order.
CREATE INDEX outbox_message_recipient ON outbox_message (recipient, kind, archive_seq);
