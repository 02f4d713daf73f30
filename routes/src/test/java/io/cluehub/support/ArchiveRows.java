package io.cluehub.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Archive rows written directly, for store tests that need the archive's keys but not its chain, bodies or keys:
 * an accepted clue's entry and the archive head.
 */
public final class ArchiveRows {

    private ArchiveRows() {
    }

    /**
     * The accepted clue's archive entry at {@code seq}, which took its (sender, messageId) key: a disposition is found
     * by messageId through it (V29).
     */
    public static void acceptedClue(JdbcTemplate jdbc, long seq, String sender, String clueId) {
        jdbc.update("INSERT INTO archive_entry (seq, recorded_at, kind, status, sender, message_id, message_type, "
                + "raw_sha256, decision, prev_hash, entry_hash, ledger_key) VALUES (?, CURRENT_TIMESTAMP, 'intake', "
                + "'accepted', ?, ?, 'clue.transfer', ?, '{}', ?, ?, 1)", seq, sender, clueId, "a".repeat(64),
                "0".repeat(64), "1".repeat(64));
    }

    /** Moves the committed archive head to {@code seq}, as the append of the entry at {@code seq} does. */
    public static void head(JdbcTemplate jdbc, long seq) {
        jdbc.update("UPDATE archive_head SET last_seq = ? WHERE id = 1", seq);
    }
}
