package io.cluehub.disposition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The dispositions of delivered clues ({@code clue_disposition}) and the states each went through
 * ({@code clue_disposition_event}). Written in the decision's transaction; every change of state is a conditional
 * update on the state it was read in, so two hub instances never both move one disposition.
 */
@Repository
public class DispositionStore {

    /** One recipient's disposition of one clue. */
    public record Disposition(String clueSender, String clueId, String recipient, String deliveredTo, String caseRef,
            DispositionState state, String referredFrom, long clueSeq, Instant deliveredAt, Instant acknowledgeDue,
            Instant decideDue, Instant acknowledgedAt, Instant decidedAt, Instant acknowledgeRemindedAt,
            Instant decideRemindedAt) {

        /** The deadlines this disposition has missed at {@code now}. */
        public List<Deadline> overdue(Instant now) {
            List<Deadline> missed = new ArrayList<>(2);
            if (acknowledgedAt == null && !now.isBefore(acknowledgeDue)) {
                missed.add(Deadline.ACKNOWLEDGE);
            }
            if (decidedAt == null && !now.isBefore(decideDue)) {
                missed.add(Deadline.DECIDE);
            }
            return missed;
        }

        public Instant due(Deadline deadline) {
            return deadline == Deadline.ACKNOWLEDGE ? acknowledgeDue : decideDue;
        }
    }

    /** One state a disposition entered: when, by which message at which archive position. */
    public record Event(int step, DispositionState state, Instant at, String messageId, long archiveSeq,
            String referredTo) {
    }

    /** A disposition's deadline that has passed without a reminder yet. */
    public record Overdue(Disposition disposition, Deadline deadline) {
    }

    private static final String COLUMNS = "clue_sender, clue_id, recipient, delivered_to, case_ref, state, "
            + "referred_from, clue_seq, delivered_at, acknowledge_due, decide_due, acknowledged_at, decided_at, "
            + "acknowledge_reminded_at, decide_reminded_at";

    private static final RowMapper<Disposition> ROW = (rs, i) -> new Disposition(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), DispositionState.valueOf(rs.getString(6)),
            rs.getString(7), rs.getLong(8), instant(rs, 9), instant(rs, 10), instant(rs, 11), instant(rs, 12),
            instant(rs, 13), instant(rs, 14), instant(rs, 15));

    private final JdbcTemplate jdbc;

    public DispositionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Starts tracking a delivery in state {@code delivered}, opened by the message {@code messageId} at archive
     * position {@code archiveSeq} (the clue, or the status that referred it). That first state is kept on the row
     * (V27: an event row of its own cost an insert on a random key per clue); {@link #events} reports it as step 0.
     */
    public void open(Disposition d, String messageId, long archiveSeq) {
        jdbc.update("INSERT INTO clue_disposition (" + COLUMNS + ", opened_by, opened_seq) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.clueSender(), d.clueId(), d.recipient(), d.deliveredTo(), d.caseRef(), d.state().name(),
                d.referredFrom(), d.clueSeq(), utc(d.deliveredAt()), utc(d.acknowledgeDue()), utc(d.decideDue()),
                null, null, null, null, messageId, archiveSeq);
    }

    /**
     * The positions of the accepted messages with messageId {@code clueId}: a disposition's key starts with its clue's
     * (V29), and the clue's entry is the one that took its (sender, messageId) key.
     */
    private static final String CLUE_POSITIONS = "clue_seq IN (SELECT seq FROM archive_entry WHERE message_id = ? "
            + "AND ledger_key = 1)";

    /** The dispositions of clue {@code clueId} whose copies went to {@code office}: those it may send statuses for. */
    public List<Disposition> heldBy(String clueId, String office) {
        return jdbc.query("SELECT " + COLUMNS + " FROM clue_disposition WHERE " + CLUE_POSITIONS
                + " AND clue_id = ? AND delivered_to = ? ORDER BY recipient", ROW, clueId, clueId, office);
    }

    /** Every disposition of clue {@code clueId} (of any sender), in the order they were opened. */
    public List<Disposition> ofClue(String clueId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM clue_disposition WHERE " + CLUE_POSITIONS + " AND clue_id = ? "
                + "ORDER BY clue_sender, clue_seq, delivered_at, recipient", ROW, clueId, clueId);
    }

    /**
     * Moves a disposition from {@code from} to {@code to} and records the event; false if another decision moved it
     * first (the caller then fails its transaction).
     */
    public boolean move(Disposition d, DispositionState from, DispositionState to, Instant at, String messageId,
            long archiveSeq, String referredTo) {
        // Any status acknowledges; accepted, declined and referred also decide.
        String decided = to.decides() ? ", decided_at = COALESCE(decided_at, ?)" : "";
        List<Object> args = new ArrayList<>(List.of(to.name(), utc(at)));
        if (to.decides()) {
            args.add(utc(at));
        }
        args.addAll(List.of(d.clueSeq(), d.recipient(), from.name()));
        int updated = jdbc.update("UPDATE clue_disposition SET state = ?, acknowledged_at = COALESCE(acknowledged_at, ?)"
                + decided + " WHERE clue_seq = ? AND recipient = ? AND state = ?", args.toArray());
        if (updated != 1) {
            return false;
        }
        Integer step = jdbc.queryForObject("SELECT COALESCE(MAX(step), 0) + 1 FROM clue_disposition_event "
                + "WHERE clue_sender = ? AND clue_id = ? AND recipient = ?", Integer.class,
                d.clueSender(), d.clueId(), d.recipient());
        event(d, step, to, at, messageId, archiveSeq, referredTo);
        return true;
    }

    private void event(Disposition d, int step, DispositionState state, Instant at, String messageId,
            long archiveSeq, String referredTo) {
        jdbc.update("INSERT INTO clue_disposition_event (clue_sender, clue_id, recipient, step, state, at, "
                + "message_id, archive_seq, referred_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.clueSender(),
                d.clueId(), d.recipient(), step, state.name(), utc(at), messageId, archiveSeq, referredTo);
    }

    /** The states {@code d} entered, in order: step 0 is its opening (from the row), then one per status. */
    public List<Event> events(Disposition d) {
        return jdbc.query("SELECT 0 AS step, '" + DispositionState.DELIVERED.name() + "' AS state, delivered_at AS at, "
                + "opened_by AS message_id, opened_seq AS archive_seq, CAST(NULL AS VARCHAR(32)) AS referred_to "
                + "FROM clue_disposition WHERE clue_seq = ? AND recipient = ? "
                + "UNION ALL SELECT step, state, at, message_id, archive_seq, referred_to FROM clue_disposition_event "
                + "WHERE clue_sender = ? AND clue_id = ? AND recipient = ? ORDER BY step",
                (rs, i) -> new Event(rs.getInt(1), DispositionState.valueOf(rs.getString(2)), instant(rs, 3),
                        rs.getString(4), rs.getLong(5), rs.getString(6)),
                d.clueSeq(), d.recipient(), d.clueSender(), d.clueId(), d.recipient());
    }

    /**
     * Open dispositions past their acknowledgement deadline and not reminded of it (parameters: now, limit). The index
     * {@code clue_disposition_ack_open} (V32) leads with the open-state columns, so this reads only open dispositions,
     * however many were closed before.
     */
    static final String OVERDUE_TO_ACKNOWLEDGE = "SELECT " + COLUMNS + " FROM clue_disposition "
            + "WHERE acknowledged_at IS NULL AND acknowledge_reminded_at IS NULL AND acknowledge_due <= ? "
            + "ORDER BY acknowledge_due LIMIT ?";

    /** As {@link #OVERDUE_TO_ACKNOWLEDGE} for the decision's deadline ({@code clue_disposition_decide_open}). */
    static final String OVERDUE_TO_DECIDE = "SELECT " + COLUMNS + " FROM clue_disposition "
            + "WHERE decided_at IS NULL AND decide_reminded_at IS NULL AND decide_due <= ? "
            + "ORDER BY decide_due LIMIT ?";

    /**
     * Dispositions past a deadline (parameter: now, three times), each counted once: those past the acknowledgement's,
     * plus those past only the decision's. Two counts, not one {@code OR}, so that each reads only open dispositions
     * through the same indexes; the {@code OR} read the whole table.
     */
    static final String OVERDUE_NOW = "SELECT "
            + "(SELECT COUNT(*) FROM clue_disposition WHERE acknowledged_at IS NULL AND acknowledge_due < ?) + "
            + "(SELECT COUNT(*) FROM clue_disposition WHERE decided_at IS NULL AND decide_due < ? "
            + "AND (acknowledged_at IS NOT NULL OR acknowledge_due >= ?))";

    /** How many dispositions are past a deadline at {@code now}, reminded of or not (the overdue gauge). */
    public long overdueNow(Instant now) {
        OffsetDateTime at = utc(now);
        Long count = jdbc.queryForObject(OVERDUE_NOW, Long.class, at, at, at);
        return count == null ? 0 : count;
    }

    /** Deadlines passed by {@code now} and not yet reminded of, oldest first, at most {@code limit}. */
    public List<Overdue> overdue(Instant now, int limit) {
        List<Overdue> found = new ArrayList<>();
        for (Disposition d : jdbc.query(OVERDUE_TO_ACKNOWLEDGE, ROW, utc(now), limit)) {
            found.add(new Overdue(d, Deadline.ACKNOWLEDGE));
        }
        for (Disposition d : jdbc.query(OVERDUE_TO_DECIDE, ROW, utc(now), limit)) {
            found.add(new Overdue(d, Deadline.DECIDE));
        }
        return found;
    }

    /**
     * Claims the reminder of one missed deadline: true for exactly one caller, on any hub instance, and only while the
     * deadline is still missed.
     */
    public boolean claimReminder(Overdue overdue, Instant now) {
        Disposition d = overdue.disposition();
        String sql = overdue.deadline() == Deadline.ACKNOWLEDGE
                ? "UPDATE clue_disposition SET acknowledge_reminded_at = ? WHERE clue_seq = ? AND recipient = ? "
                        + "AND acknowledge_reminded_at IS NULL AND acknowledged_at IS NULL"
                : "UPDATE clue_disposition SET decide_reminded_at = ? WHERE clue_seq = ? AND recipient = ? "
                        + "AND decide_reminded_at IS NULL AND decided_at IS NULL";
        return jdbc.update(sql, utc(now), d.clueSeq(), d.recipient()) == 1;
    }
}
