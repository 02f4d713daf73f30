-- How far the archive and the outbox are known to be sealed under one field key, so that the check every hub makes
-- when it starts reads only what was archived since, not the whole archive (ArchiveRekeyer.resealAtStart).
-- through_seq: every archive entry with seq <= through_seq, and every outbox message of such an entry, had its body
-- under key_id (or no body, or a body that did not decrypt) when last checked. A rotation changes the current key,
-- so the next check walks everything again. One row, as archive_head.
CREATE TABLE archive_seal_mark (
    id           INT          NOT NULL PRIMARY KEY,
    key_id       VARCHAR(64)  NOT NULL,
    through_seq  BIGINT       NOT NULL
);
INSERT INTO archive_seal_mark (id, key_id, through_seq) VALUES (1, '', 0);
