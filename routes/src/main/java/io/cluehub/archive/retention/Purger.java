package io.cluehub.archive.retention;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.security.crypto.FieldCryptoException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes what the archive holds of messages past their retention period and not under legal hold: the bodies
 * ({@code raw_body}, {@code canonical_body}), the subject index rows, and the intake's outbox rows of the entry (the
 * copies it sent, bodies included). The row stays with every field the chain hash covers and the canonical form's
 * SHA-256, marked {@code purged_at}: the chain still verifies and still says what was received, when, from whom and
 * what the hub did, but no longer shows the content. The decision JSON stays: it is covered by the hash and holds no
 * personal data (the validator never repeats identity numbers, names or phones in its diagnostics).
 *
 * <p>Message entries first, then batch files: a batch file is purged once none of its rows keeps a body (so a held
 * or longer-kept row keeps the file it came in, and the file goes with its last row). Pages of {@value #PAGE} rows, one database transaction each;
 * each row is updated only if it is still unpurged, so two instances purging at once do no harm.
 */
@Component
public class Purger {

    private static final Logger LOG = LoggerFactory.getLogger(Purger.class);
    private static final int PAGE = 200;
    /** Purged positions listed in a report (and its audit entry); the count is always complete. */
    static final int MAX_LISTED = 1000;

    private final JdbcTemplate jdbc;
    private final ArchiveCrypto crypto;
    private final RetentionProperties retention;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public Purger(JdbcTemplate jdbc, ArchiveCrypto crypto, RetentionProperties retention,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.retention = retention;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Purges everything due now. */
    public Report purge() {
        return purge(clock.instant());
    }

    /**
     * What a purge did.
     *
     * @param asOf the time retention was counted back from
     * @param cutoffs per classification (and {@code default}): entries received before it were due
     * @param purged how many entries lost their bodies
     * @param seqs the first {@value #MAX_LISTED} of them
     */
    public record Report(Instant asOf, Map<String, Instant> cutoffs, long purged, List<Long> seqs) {
    }

    /** Purges everything due at {@code asOf} (a test's future; the hub passes now). */
    public Report purge(Instant asOf) {
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        List<String> cases = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (Map.Entry<String, Period> e : retention.periods().entrySet()) {
            Instant cutoff = cutoff(asOf, e.getValue());
            cutoffs.put(e.getKey(), cutoff);
            cases.add("(classification = ? AND recorded_at < ?)");
            args.add(e.getKey());
            args.add(cutoff.atOffset(ZoneOffset.UTC));
        }
        Instant fallback = cutoff(asOf, retention.defaultPeriod());
        cutoffs.put("default", fallback);
        String known = String.join(", ", retention.periods().keySet().stream().map(k -> "?").toList());
        cases.add("((classification IS NULL OR classification NOT IN (" + known + ")) AND recorded_at < ?)");
        args.addAll(retention.periods().keySet());
        args.add(fallback.atOffset(ZoneOffset.UTC));
        String bodies = "purged_at IS NULL AND (raw_body IS NOT NULL OR canonical_body IS NOT NULL)";
        String notHeld = "(case_ref IS NULL OR case_ref NOT IN (SELECT case_ref FROM archive_hold))";
        String due = "(" + String.join(" OR ", cases) + ")";

        List<Long> listed = new ArrayList<>();
        long purged = pass("kind = '" + ArchiveEntry.KIND_INTAKE + "' AND " + bodies + " AND " + due + " AND "
                + notHeld, args, listed);
        // A batch file (a CSV body of several messages) lives as long as the longest-kept of its rows (same sender,
        // same bytes): it goes once none of them keeps a body. One without rows goes by the default period.
        String rows = "FROM archive_entry r WHERE r.kind = '" + ArchiveEntry.KIND_INTAKE + "' AND r.sender = "
                + "archive_entry.sender AND r.raw_sha256 = archive_entry.raw_sha256";
        purged += pass("kind = '" + ArchiveEntry.KIND_BATCH + "' AND " + bodies + " AND " + notHeld
                + " AND ((EXISTS (SELECT 1 " + rows + ") AND NOT EXISTS (SELECT 1 " + rows + " AND r.purged_at IS NULL "
                + "AND (r.raw_body IS NOT NULL OR r.canonical_body IS NOT NULL))) OR (NOT EXISTS (SELECT 1 " + rows
                + ") AND recorded_at < ?))", List.of(fallback.atOffset(ZoneOffset.UTC)), listed);
        if (purged > 0) {
            LOG.info("Retention purged the bodies of {} archive entries", purged);
        }
        return new Report(asOf, cutoffs, purged, listed);
    }

    private static Instant cutoff(Instant asOf, Period period) {
        return asOf.atZone(ZoneOffset.UTC).minus(period).toInstant();
    }

    private record Due(long seq, String bodyKey, String canonicalSha256, byte[] canonical) {
    }

    private long pass(String condition, List<Object> args, List<Long> listed) {
        long purged = 0;
        long after = 0;
        while (true) {
            List<Object> page = new ArrayList<>(args);
            page.add(after);
            page.add(PAGE);
            List<Due> due = jdbc.query("SELECT seq, body_key, canonical_sha256, CASE WHEN canonical_sha256 IS NULL "
                            + "THEN canonical_body END FROM archive_entry WHERE " + condition
                            + " AND seq > ? ORDER BY seq LIMIT ?",
                    (rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)),
                    page.toArray());
            if (due.isEmpty()) {
                return purged;
            }
            Long done = transaction.execute(status -> {
                long count = 0;
                for (Due d : due) {
                    if (purge(d)) {
                        count++;
                        if (listed.size() < MAX_LISTED) {
                            listed.add(d.seq());
                        }
                    }
                }
                return count;
            });
            purged += done == null ? 0 : done;
            after = due.get(due.size() - 1).seq();
        }
    }

    private boolean purge(Due d) {
        String canonicalSha256 = d.canonicalSha256();
        if (canonicalSha256 == null && d.canonical() != null) {
            // Archived before the SHA-256 was recorded: keep it, or the entry would no longer recompute.
            try {
                canonicalSha256 = ArchiveEntry.sha256Hex(crypto.open(d.canonical(), d.bodyKey(), null));
            } catch (FieldCryptoException e) {
                LOG.warn("Archive entry {}: its canonical body does not decrypt; not purged", d.seq());
                return false;
            }
        }
        int updated = jdbc.update("UPDATE archive_entry SET raw_body = NULL, canonical_body = NULL, body_key = NULL, "
                + "canonical_sha256 = ?, purged_at = ? WHERE seq = ? AND purged_at IS NULL", canonicalSha256,
                clock.instant().atOffset(ZoneOffset.UTC), d.seq());
        if (updated == 0) {
            return false;
        }
        jdbc.update("DELETE FROM archive_subject WHERE seq = ?", d.seq());
        jdbc.update("DELETE FROM outbox_message WHERE archive_seq = ?", d.seq());
        return true;
    }
}
