package io.cluehub.archive.retention;

import io.cluehub.archive.personal.ArchiveCrypto;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Cases under legal hold ({@code archive_hold}, V8): while a case is held, no entry of it is purged, whatever its
 * retention period. The reason is free text that may name people and is stored encrypted.
 */
@Repository
public class LegalHolds {

    private final JdbcTemplate jdbc;
    private final ArchiveCrypto crypto;

    public LegalHolds(JdbcTemplate jdbc, ArchiveCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    /** One hold. */
    public record Hold(String caseRef, Instant placedAt, String placedBy, String reason) {
    }

    /** Places a hold; false if the case was held already (the first hold stays as it was). */
    public boolean place(String caseRef, Instant at, String by, String reason) {
        try {
            jdbc.update("INSERT INTO archive_hold (case_ref, placed_at, placed_by, reason) VALUES (?, ?, ?, ?)",
                    caseRef, at.atOffset(ZoneOffset.UTC), by, crypto.sealText(reason, aad(caseRef)));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Releases a hold; false if the case was not held. */
    public boolean release(String caseRef) {
        return jdbc.update("DELETE FROM archive_hold WHERE case_ref = ?", caseRef) == 1;
    }

    public Optional<Hold> find(String caseRef) {
        return jdbc.query("SELECT case_ref, placed_at, placed_by, reason FROM archive_hold WHERE case_ref = ?",
                (rs, i) -> hold(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4)), caseRef).stream().findFirst();
    }

    /** Every hold, oldest first. */
    public List<Hold> all() {
        return jdbc.query("SELECT case_ref, placed_at, placed_by, reason FROM archive_hold ORDER BY placed_at, case_ref",
                (rs, i) -> hold(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4)));
    }

    private Hold hold(String caseRef, OffsetDateTime at, String by, String reason) {
        return new Hold(caseRef, at.toInstant(), by, crypto.openText(reason, aad(caseRef)));
    }

    private static String aad(String caseRef) {
        return "archive_hold.reason/" + caseRef;
    }
}
