package io.cluehub.intake;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of intake: (sender, messageId) is unique forever (DESIGN.md §4). A key is the archive entry of
 * the decision that took it, marked {@code ledger_key} and written with it ({@code ArchiveStore.prepare(draft, true)}),
 * under a unique index on (message_id, sender, ledger_key); a second consumer deciding the same key fails on it. Until
 * V28 the keys were rows of a table of their own, {@code intake_ledger}, with the same columns.
 *
 * <p>Camel's {@code JdbcMessageIdRepository} cannot be used here: it only knows "seen", while completing a decision
 * after the broker transaction failed needs the decision's archive entry and the transport id it was taken for.
 */
@Repository
public class IntakeLedger {

    private final JdbcTemplate jdbc;

    public IntakeLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LedgerRecord> find(String sender, String messageId) {
        return jdbc.query("SELECT sender, message_id, seq, status, transport_id FROM archive_entry "
                        + "WHERE message_id = ? AND sender = ? AND ledger_key = 1",
                (rs, i) -> new LedgerRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5)),
                messageId, sender).stream().findFirst();
    }
}
