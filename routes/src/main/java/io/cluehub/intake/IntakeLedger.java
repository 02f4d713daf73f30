package io.cluehub.intake;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of intake: (sender, messageId) is unique forever (DESIGN.md §4). Camel's
 * {@code JdbcMessageIdRepository} cannot be used here: it knows only "seen", while exactly-once across a database and
 * a broker that commit separately needs "recorded" and "committed" (see V1 migration).
 */
@Repository
public class IntakeLedger {

    private final JdbcTemplate jdbc;

    public IntakeLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LedgerRecord> find(String sender, String messageId) {
        return jdbc.query("SELECT sender, message_id, archive_seq, status, transport_id, committed FROM intake_ledger "
                        + "WHERE sender = ? AND message_id = ?",
                (rs, i) -> new LedgerRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)),
                sender, messageId).stream().findFirst();
    }

    /** Records the decision on a key; fails with a duplicate-key error if another consumer recorded it first. */
    public void record(String sender, String messageId, long archiveSeq, String status, String transportId) {
        jdbc.update("INSERT INTO intake_ledger (sender, message_id, archive_seq, status, transport_id, committed) "
                + "VALUES (?, ?, ?, ?, ?, FALSE)", sender, messageId, archiveSeq, status, transportId);
    }

    public void markCommitted(String sender, String messageId) {
        markCommitted(List.of(new Key(sender, messageId)));
    }

    /** Marks many keys in one batch (one statement round trip, one commit). */
    public void markCommitted(List<Key> keys) {
        jdbc.batchUpdate("UPDATE intake_ledger SET committed = TRUE WHERE sender = ? AND message_id = ?",
                keys.stream().map(k -> new Object[] {k.sender(), k.messageId()}).toList());
    }

    /** (sender, messageId). */
    public record Key(String sender, String messageId) {
    }
}
