-- Agency formats (issue 5): an entry about a message received in an agency's own format keeps the exact bytes received
-- (raw_body) and the canonical JSON the hub mapped them to, validated and routed (canonical_body), with the format id
-- and version in force. Both stay NULL for canonical messages, whose canonical form is the raw body itself.
-- A CSV batch file is archived once as an entry of kind 'file' holding the file; each of its rows is an entry of its
-- own with the row's canonical form and no raw body (raw_sha256 is the file's, the decision names the file entry).
ALTER TABLE archive_entry ADD COLUMN format_id VARCHAR(80);
ALTER TABLE archive_entry ADD COLUMN canonical_body BYTEA;
