package io.cluehub.handling;

import java.util.ArrayList;
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
        return !jdbc.queryForList("SELECT 1 FROM clue_handling WHERE case_ref = ? AND holder = ? AND originator = ? "
                + "FETCH FIRST 1 ROW ONLY", Integer.class, caseRef, holder, originator).isEmpty();
    }

    /**
     * Records that {@code holder} holds {@code caseRef} from {@code originator} under {@code code}, by the message
     * {@code messageId} at archive position {@code archiveSeq}; unless it holds the case from that originator under
     * that code or a stricter one already. Such a row would change nothing the rules read (the strictest code, and
     * whether the originator delivered the case), and a case sent to the same office again and again gathered one row
     * per delivery, all read by every check of that holder's case (108,879 rows for the bench's one case). The
     * holding's first message stays recorded; the archive records every delivery. Two decisions of one case at once
     * may both insert: a second row is harmless.
     */
    public void hold(String caseRef, String holder, String originator, OnwardSharing code, String messageId,
            long archiveSeq) {
        List<Object> args = new ArrayList<>(List.of(caseRef, holder, originator));
        List<String> placeholders = new ArrayList<>();
        for (OnwardSharing asStrict : OnwardSharing.values()) {
            if (asStrict.compareTo(code) >= 0) {
                args.add(asStrict.json());
                placeholders.add("?");
            }
        }
        boolean held = !jdbc.queryForList("SELECT 1 FROM clue_handling WHERE case_ref = ? AND holder = ? "
                + "AND originator = ? AND onward_sharing IN (" + String.join(", ", placeholders) + ") "
                + "FETCH FIRST 1 ROW ONLY", Integer.class, args.toArray()).isEmpty();
        if (!held) {
            jdbc.update("INSERT INTO clue_handling (case_ref, holder, originator, onward_sharing, message_id, "
                    + "archive_seq) VALUES (?, ?, ?, ?, ?, ?)", caseRef, holder, originator, code.json(), messageId,
                    archiveSeq);
        }
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
