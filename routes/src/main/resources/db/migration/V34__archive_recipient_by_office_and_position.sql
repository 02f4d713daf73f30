-- An office's received messages, newest first: the investigators' office filter reads an office's positions from this
-- index backwards, a chunk at a time, and stops when a page is full (ArchiveSearch). On (office) alone PostgreSQL keeps
-- no position order within an office, and H2 read every entry the office received to sort them. Each new entry's row
-- goes to the end of its office's range, as before.
CREATE INDEX archive_recipient_office_seq ON archive_recipient (office, seq);
DROP INDEX archive_recipient_office;
