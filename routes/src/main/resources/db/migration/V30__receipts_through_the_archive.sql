-- An office's receipts found through the archive (issue 9). A receipt goes to the office that sent what it answers,
-- so the office's receipts after an archive position are the receipts of its own entries after it: the archive's
-- index on (sender, seq) finds those in order, and outbox_message_recipient (V26), which cost two inserts per message
-- (one per outbox row), goes.
DROP INDEX outbox_message_recipient;
DROP INDEX archive_entry_sender;
CREATE INDEX archive_entry_sender ON archive_entry (sender, seq);
