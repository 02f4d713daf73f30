package io.cluehub.statistics;

import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.disposition.DispositionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Computes {@link MechanismStatistics} from the stores: clue transfers from the archive (accepted {@code clue.transfer}
 * decisions by sender), dispositions, consultation sessions and shared lists from their own tables. {@link #cached}
 * serves the Prometheus gauges without a query per scrape.
 *
 * <p>The archive is the one store that grows with every message, and its rows carry the bodies, so it is never read
 * whole: the transfers are counted once up to the archive head and from then on only the entries appended since
 * (a range of its primary key). That is exact because the archive is append-only (a purge removes bodies, never rows
 * or statuses) and its positions become visible in order: each append holds the head's row lock until its
 * transaction commits, so once the committed head reads {@code n}, every entry up to {@code n} is committed. The
 * overdue dispositions are counted through indexes that hold only open ones at their front
 * ({@link DispositionStore#overdueNow}); the acceptance times still read every accepted clue's events.
 */
@Component
public class Statistics {

    private static final Duration CACHE_FOR = Duration.ofSeconds(15);

    private final JdbcTemplate jdbc;
    private final DispositionStore dispositions;
    private final Directory directory;
    private final Clock clock;
    private volatile MechanismStatistics cached;
    /** Accepted clue transfers by sender, counted up to archive position {@link #countedTo}; guarded by itself. */
    private final Map<String, Long> acceptedTransfers = new HashMap<>();
    private long countedTo;

    public Statistics(JdbcTemplate jdbc, DispositionStore dispositions, Directory directory, Clock clock) {
        this.jdbc = jdbc;
        this.dispositions = dispositions;
        this.directory = directory;
        this.clock = clock;
    }

    public MechanismStatistics now() {
        Instant asOf = clock.instant();
        MechanismStatistics statistics = new MechanismStatistics(asOf, clues(asOf), consultations(), lists());
        cached = statistics;
        return statistics;
    }

    /** The latest figures if at most 15 seconds old, else fresh ones. */
    public MechanismStatistics cached() {
        MechanismStatistics last = cached;
        if (last == null || last.asOf().plus(CACHE_FOR).isBefore(clock.instant())) {
            return now();
        }
        return last;
    }

    private MechanismStatistics.Clues clues(Instant asOf) {
        Map<String, long[]> byDepartmentLevel = new TreeMap<>();
        long[] total = {0};
        acceptedTransfersBySender().forEach((sender, count) -> {
            Office office = directory.find(sender).orElse(null);
            if (office != null) {
                String key = office.department().name() + "/" + office.level().name().toLowerCase(Locale.ROOT);
                byDepartmentLevel.computeIfAbsent(key, k -> new long[1])[0] += count;
                total[0] += count;
            }
        });
        List<MechanismStatistics.Transferred> transferred = new ArrayList<>();
        byDepartmentLevel.forEach((key, count) -> {
            int slash = key.indexOf('/');
            transferred.add(new MechanismStatistics.Transferred(key.substring(0, slash), key.substring(slash + 1),
                    count[0]));
        });
        transferred.sort(Comparator.comparing(MechanismStatistics.Transferred::department)
                .thenComparing(MechanismStatistics.Transferred::level));
        AcceptanceTimes acceptance = acceptanceTimes(jdbc);
        long overdue = dispositions.overdueNow(asOf);
        return new MechanismStatistics.Clues(transferred, total[0], acceptance.medianHours(), acceptance.p90Hours(),
                acceptance.accepted(), overdue);
    }

    /** How many clues were accepted, and the median and 90th percentile of their hours from delivery to acceptance. */
    record AcceptanceTimes(long accepted, Double medianHours, Double p90Hours) {
    }

    /**
     * The hours from delivery to acceptance of every accepted clue, as nearest-rank quantiles (the smallest value with
     * at least that share of values at or below it: SQL's {@code PERCENTILE_DISC}), rounded to 0.01 h. The database
     * sorts and picks them: until 2026-12-07 every row came to the hub and was kept as a list, at every request and
     * every 15 s for the Prometheus gauges, which on PostgreSQL meant the whole join in the hub's heap.
     */
    static AcceptanceTimes acceptanceTimes(JdbcTemplate jdbc) {
        String seconds = "EXTRACT(EPOCH FROM e.at) - EXTRACT(EPOCH FROM d.delivered_at)";
        return jdbc.queryForObject("SELECT COUNT(*), "
                + "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + seconds + "), "
                + "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY " + seconds + ") "
                + "FROM clue_disposition d JOIN clue_disposition_event e "
                + "ON e.clue_sender = d.clue_sender AND e.clue_id = d.clue_id AND e.recipient = d.recipient "
                + "WHERE e.state = 'ACCEPTED'", (rs, i) -> new AcceptanceTimes(rs.getLong(1),
                        hours(rs.getObject(2) == null ? null : rs.getDouble(2)),
                        hours(rs.getObject(3) == null ? null : rs.getDouble(3))));
    }

    private static Double hours(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
    }

    /** Brings the count of accepted transfers up to the committed archive head and returns a copy of it. */
    private Map<String, Long> acceptedTransfersBySender() {
        synchronized (acceptedTransfers) {
            Long head = jdbc.queryForObject("SELECT last_seq FROM archive_head WHERE id = 1", Long.class);
            if (head != null && head > countedTo) {
                jdbc.query("SELECT sender, COUNT(*) FROM archive_entry WHERE seq > ? AND seq <= ? AND kind = 'intake' "
                        + "AND status = 'accepted' AND message_type = 'clue.transfer' AND sender IS NOT NULL "
                        + "GROUP BY sender", rs -> {
                            acceptedTransfers.merge(rs.getString(1), rs.getLong(2), Long::sum);
                        }, countedTo, head);
                countedTo = head;
            }
            return new HashMap<>(acceptedTransfers);
        }
    }

    private MechanismStatistics.Consultations consultations() {
        return jdbc.queryForObject("SELECT COUNT(*), "
                + "SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'decided' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'decided' AND decided_at <= deadline THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN completed_because = 'all-answered' THEN 1 ELSE 0 END) FROM consultation",
                (rs, i) -> new MechanismStatistics.Consultations(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)));
    }

    private List<MechanismStatistics.ListSize> lists() {
        return jdbc.query("SELECT l.name, l.version, (SELECT COUNT(*) FROM shared_list_entry e "
                        + "WHERE e.list_name = l.name AND e.state = 'active') FROM shared_list l ORDER BY l.name",
                (rs, i) -> new MechanismStatistics.ListSize(rs.getString(1), rs.getLong(3), rs.getLong(2)));
    }
}
