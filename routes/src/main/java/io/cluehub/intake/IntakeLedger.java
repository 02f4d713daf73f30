package io.cluehub.intake;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of intake: (sender, messageId) is unique forever (DESIGN.md §4). Camel's
 * {@code JdbcMessageIdRepository} cannot be used here: it only knows "seen", while completing a decision after the
 * broker transaction failed needs the decision's archive entry and the transport id it was taken for.
 */
@Repository
public class IntakeLedger {

    private final JdbcTemplate jdbc;

    public IntakeLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LedgerRecord> find(String sender, String messageId) {
        return jdbc.query("SELECT sender, message_id, archive_seq, status, transport_id FROM intake_ledger "
                        + "WHERE sender = ? AND message_id = ?",
                (rs, i) -> new LedgerRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5)),
                sender, messageId).stream().findFirst();
    }

    /** Records the decision on a key; fails with a duplicate-key error if another consumer recorded it first. */
    public void record(String sender, String messageId, long archiveSeq, String status, String transportId) {
        jdbc.update("INSERT INTO intake_ledger (sender, message_id, archive_seq, status, transport_id) "
                + "VALUES (?, ?, ?, ?, ?)", sender, messageId, archiveSeq, status, transportId);
    }

}
