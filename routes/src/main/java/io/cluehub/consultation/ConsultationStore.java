package io.cluehub.consultation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Consultation sessions (V24 {@code consultation}, {@code consultation_invitee}). Every change runs inside the
 * transaction of the decision or notice that causes it; {@link #lock} takes the session's row lock so that two hub
 * instances deciding about one session at once serialise on it.
 */
@Repository
public class ConsultationStore {

    private static final String SESSION_COLUMNS = "id, convener, case_ref, classification, deadline, opened_at, "
            + "request_seq, status, completed_because, completed_at, decision_message_id, decision_seq, decided_at";

    private final JdbcTemplate jdbc;

    public ConsultationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The session {@code id} as last committed, without a lock. */
    public Optional<ConsultationSession> find(String id) {
        return jdbc.query("SELECT " + SESSION_COLUMNS + " FROM consultation WHERE id = ?", ConsultationStore::session,
                id).stream().findFirst().map(s -> s.withInvitees(invitees(id)));
    }

    /** The session {@code id} with its row locked until the current transaction ends. */
    public Optional<ConsultationSession> lock(String id) {
        return jdbc.query("SELECT " + SESSION_COLUMNS + " FROM consultation WHERE id = ? FOR UPDATE",
                ConsultationStore::session, id).stream().findFirst().map(s -> s.withInvitees(invitees(id)));
    }

    public void open(ConsultationSession session) {
        jdbc.update("INSERT INTO consultation (id, convener, case_ref, classification, deadline, opened_at, request_seq, "
                + "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", session.id(), session.convener(), session.caseRef(),
                session.classification(), utc(session.deadline()), utc(session.openedAt()), session.requestSeq(),
                ConsultationSession.OPEN);
        int n = 0;
        for (ConsultationSession.Invitee invitee : session.invitees()) {
            jdbc.update("INSERT INTO consultation_invitee (consultation_id, invitee, position_no, delivered_to) "
                    + "VALUES (?, ?, ?, ?)", session.id(), invitee.office(), n++, invitee.deliveredTo());
        }
    }

    /** Records an invitee's opinion; false if it had already answered (another instance was first). */
    public boolean answer(String id, String invitee, String answeredBy, String position, String messageId, long seq,
            Instant at) {
        return jdbc.update("UPDATE consultation_invitee SET answered_by = ?, position = ?, opinion_message_id = ?, "
                + "opinion_seq = ?, answered_at = ? WHERE consultation_id = ? AND invitee = ? "
                + "AND opinion_message_id IS NULL", answeredBy, position, messageId, seq, utc(at), id, invitee) == 1;
    }

    /** Completes an open session; false if it was not open any more (another instance or the sweep was first). */
    public boolean complete(String id, String because, Instant at) {
        return jdbc.update("UPDATE consultation SET status = ?, completed_because = ?, completed_at = ? "
                + "WHERE id = ? AND status = ?", ConsultationSession.COMPLETED, because, utc(at), id,
                ConsultationSession.OPEN) == 1;
    }

    /** Completes an open session whose deadline is not after {@code now}; the claim of the deadline sweep. */
    public boolean completeAtDeadline(String id, Instant now) {
        return jdbc.update("UPDATE consultation SET status = ?, completed_because = ?, completed_at = ? "
                + "WHERE id = ? AND status = ? AND deadline <= ?", ConsultationSession.COMPLETED,
                ConsultationSession.DEADLINE_PASSED, utc(now), id, ConsultationSession.OPEN, utc(now)) == 1;
    }

    /** Closes a session that is not yet decided with the convener's decision; false if it already was. */
    public boolean decide(String id, String messageId, long seq, Instant at) {
        return jdbc.update("UPDATE consultation SET status = ?, decision_message_id = ?, decision_seq = ?, "
                + "decided_at = ? WHERE id = ? AND status <> ?", ConsultationSession.DECIDED, messageId, seq, utc(at),
                id, ConsultationSession.DECIDED) == 1;
    }

    /** Open sessions whose deadline is not after {@code now}, oldest deadline first. */
    public List<String> due(Instant now, int limit) {
        return jdbc.query("SELECT id FROM consultation WHERE status = ? AND deadline <= ? ORDER BY deadline",
                (rs, i) -> rs.getString(1), ConsultationSession.OPEN, utc(now)).stream().limit(limit).toList();
    }

    private List<ConsultationSession.Invitee> invitees(String id) {
        return jdbc.query("SELECT invitee, delivered_to, answered_by, position, opinion_message_id, opinion_seq, "
                + "answered_at FROM consultation_invitee WHERE consultation_id = ? ORDER BY position_no",
                (rs, i) -> new ConsultationSession.Invitee(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), (Long) rs.getObject(6), instant(rs, 7)), id);
    }

    private static ConsultationSession session(ResultSet rs, int row) throws SQLException {
        return new ConsultationSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                instant(rs, 5), instant(rs, 6), rs.getLong(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                rs.getString(11), (Long) rs.getObject(12), instant(rs, 13), List.of());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
