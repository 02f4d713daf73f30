-- The intake ledger becomes a mark on the archive entry that took the key (issue 9). (sender, messageId) is unique
-- forever, and the entry that decided an accepted message already holds everything a ledger row held: its position,
-- status and transport id. Marked with ledger_key = 1 (NULL on every other entry: duplicates, rejections, audit),
-- under a unique index on (message_id, sender, ledger_key) that also serves every lookup by messageId, an accepted
-- message costs one index insert on a random key where the ledger's own table cost a second one.
ALTER TABLE archive_entry ADD COLUMN ledger_key SMALLINT;
UPDATE archive_entry SET ledger_key = 1 WHERE seq IN (SELECT archive_seq FROM intake_ledger);
DROP INDEX archive_entry_message_sender;
CREATE UNIQUE INDEX archive_entry_message_sender ON archive_entry (message_id, sender, ledger_key);
DROP TABLE intake_ledger;
