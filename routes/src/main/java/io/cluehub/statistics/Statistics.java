package io.cluehub.statistics;

import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.disposition.DispositionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * whole at a refresh: the accepted transfers and the acceptance times are counted once up to the archive head and from
 * then on only for what was archived since ({@link ArchiveCounts}). The overdue dispositions are counted through
 * indexes that hold only open ones at their front ({@link DispositionStore#overdueNow}).
 */
@Component
public class Statistics {

    private static final Duration CACHE_FOR = Duration.ofSeconds(15);

    private final JdbcTemplate jdbc;
    private final DispositionStore dispositions;
    private final Directory directory;
    private final Clock clock;
    private final ArchiveCounts archiveCounts;
    private volatile MechanismStatistics cached;

    public Statistics(JdbcTemplate jdbc, DispositionStore dispositions, Directory directory, Clock clock) {
        this.jdbc = jdbc;
        this.dispositions = dispositions;
        this.directory = directory;
        this.clock = clock;
        this.archiveCounts = new ArchiveCounts(jdbc);
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
        ArchiveCounts.Snapshot counted = archiveCounts.refresh();
        counted.acceptedTransfersBySender().forEach((sender, count) -> {
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
        AcceptanceTimes acceptance = counted.acceptance();
        long overdue = dispositions.overdueNow(asOf);
        return new MechanismStatistics.Clues(transferred, total[0], acceptance.medianHours(), acceptance.p90Hours(),
                acceptance.accepted(), overdue);
    }

    /** How many clues were accepted, and the median and 90th percentile of their hours from delivery to acceptance. */
    record AcceptanceTimes(long accepted, Double medianHours, Double p90Hours) {
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
