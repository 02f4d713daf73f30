package io.cluehub.handling;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who holds which case under which onward-sharing code, and which onward transfers originators consented to. Written
 * inside the decision's database transaction, so a case is held exactly when its delivery is archived.
 */
@Repository
public class HandlingStore {

    /** One office's holding of a case: the case's originator and the strictest code it came with. */
    public record Holding(String caseRef, String holder, String originator, OnwardSharing onwardSharing) {
    }

    private final JdbcTemplate jdbc;

    public HandlingStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The holdings of {@code caseRef} by {@code holder} that came from another office. */
    public List<Holding> heldFromOthers(String caseRef, String holder) {
        return jdbc.query("SELECT case_ref, holder, originator, onward_sharing FROM clue_handling "
                + "WHERE holder = ? AND case_ref = ? AND originator <> ?",
                (rs, i) -> new Holding(rs.getString(1), rs.getString(2), rs.getString(3),
                        OnwardSharing.of(rs.getString(4))), holder, caseRef, holder);
    }

    /** Whether {@code originator} delivered {@code caseRef} to {@code holder}. */
    public boolean delivered(String caseRef, String originator, String holder) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM clue_handling WHERE case_ref = ? AND originator = ? "
                + "AND holder = ?", Integer.class, caseRef, originator, holder);
        return n != null && n > 0;
    }

    public void hold(String caseRef, String holder, String originator, OnwardSharing code, String messageId,
            long archiveSeq) {
        jdbc.update("INSERT INTO clue_handling (case_ref, holder, originator, onward_sharing, message_id, archive_seq) "
                + "VALUES (?, ?, ?, ?, ?, ?)", caseRef, holder, originator, code.json(), messageId, archiveSeq);
    }

    /** Whether {@code originator} consented to {@code grantee} forwarding {@code caseRef} to {@code to}. */
    public boolean consented(String caseRef, String originator, String grantee, String to) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM clue_consent WHERE case_ref = ? AND originator = ? "
                + "AND grantee = ? AND forward_to IN (?, '*')", Integer.class, caseRef, originator, grantee, to);
        return n != null && n > 0;
    }

    public void consent(String caseRef, String originator, String grantee, String forwardTo, long archiveSeq) {
        if (!consented(caseRef, originator, grantee, forwardTo)) {
            jdbc.update("INSERT INTO clue_consent (case_ref, originator, grantee, forward_to, archive_seq) "
                    + "VALUES (?, ?, ?, ?, ?)", caseRef, originator, grantee, forwardTo, archiveSeq);
        }
    }
}
