package io.cluehub.statistics;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The figures that grow with the archive, counted once up to the committed archive head and from then on only for
 * what was archived since: accepted clue transfers by sender (the archive's entries, a range of its primary key) and
 * the hours from delivery to acceptance (the {@code accepted} status events, by the archive position of the status
 * that caused them: V33's index). That is exact because the archive is append-only (a purge removes bodies, never rows
 * or statuses) and its positions become visible in order: each append holds the head's row lock until its
 * transaction commits, and a status's event is written in that transaction, so once the committed head reads
 * {@code n}, every entry and event up to {@code n} is committed.
 *
 * <p>Until 2026-12-08 the acceptance times were a join of every disposition with its events at each refresh (every
 * 15 s while Prometheus scrapes): 1.7-4.2 s and 21,600 page reads on a copy of the bench's H2 database with 122,000
 * dispositions. Now the first refresh of an instance reads the accepted events once (0.8-1.0 s for 2,038 of them),
 * and each later one what was archived in between (0.28 s for the last 15,000 positions).
 *
 * <p>The acceptance times are kept as counts per 0.01 h, the precision they are reported in: rounding keeps the
 * order, so the nearest-rank quantile of the rounded values is the rounded nearest-rank quantile of the exact ones,
 * the figure SQL's {@code PERCENTILE_DISC} gives over every accepted clue, without keeping or sorting each value. At
 * most one entry per distinct 0.01 h (36 s).
 *
 * <p>Thread-safe: one refresh at a time.
 */
final class ArchiveCounts {

    /** The counts at one archive position. */
    record Snapshot(long head, Map<String, Long> acceptedTransfersBySender, Statistics.AcceptanceTimes acceptance) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Long> acceptedTransfers = new HashMap<>();
    private final TreeMap<Long, Long> acceptedByCentihours = new TreeMap<>();
    private long accepted;
    private long countedTo;

    ArchiveCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Brings the counts up to the committed archive head and returns a copy of them. */
    synchronized Snapshot refresh() {
        Long head = jdbc.queryForObject("SELECT last_seq FROM archive_head WHERE id = 1", Long.class);
        if (head != null && head > countedTo) {
            jdbc.query("SELECT sender, COUNT(*) FROM archive_entry WHERE seq > ? AND seq <= ? AND kind = 'intake' "
                    + "AND status = 'accepted' AND message_type = 'clue.transfer' AND sender IS NOT NULL "
                    + "GROUP BY sender", rs -> {
                        acceptedTransfers.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    }, countedTo, head);
            // A disposition's key starts with the position of its clue, the entry that took the clue's (sender,
            // messageId) key (V29); a referred copy's too.
            jdbc.query("SELECT d.delivered_at, e.at FROM clue_disposition_event e "
                    + "JOIN archive_entry a ON a.message_id = e.clue_id AND a.sender = e.clue_sender "
                    + "AND a.ledger_key = 1 "
                    + "JOIN clue_disposition d ON d.clue_seq = a.seq AND d.recipient = e.recipient "
                    + "AND d.clue_sender = e.clue_sender AND d.clue_id = e.clue_id "
                    + "WHERE e.archive_seq > ? AND e.archive_seq <= ? AND e.state = 'ACCEPTED'", rs -> {
                        Duration took = Duration.between(rs.getObject(1, OffsetDateTime.class),
                                rs.getObject(2, OffsetDateTime.class));
                        acceptedByCentihours.merge(Math.round(took.toNanos() / 36e9), 1L, Long::sum);
                        accepted++;
                    }, countedTo, head);
            countedTo = head;
        }
        return new Snapshot(countedTo, new HashMap<>(acceptedTransfers),
                new Statistics.AcceptanceTimes(accepted, quantile(0.5), quantile(0.9)));
    }

    /** Nearest rank: the smallest value with at least {@code p} of all values at or below it, in hours. */
    private Double quantile(double p) {
        if (accepted == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * accepted - 1e-9));
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : acceptedByCentihours.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return bucket.getKey() / 100.0;
            }
        }
        throw new IllegalStateException("rank " + rank + " past " + seen + " values");
    }
}
