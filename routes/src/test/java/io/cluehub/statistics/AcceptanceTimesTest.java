package io.cluehub.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import io.cluehub.disposition.DispositionState;
import io.cluehub.disposition.DispositionStore;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.support.ArchiveRows;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hours from delivery to acceptance, on H2 and a real PostgreSQL, counted as {@link ArchiveCounts} counts them: once
 * up to the committed archive head, then only the statuses archived since. The figures are nearest-rank quantiles
 * (SQL's {@code PERCENTILE_DISC}) rounded to 0.01 h; a clue declined or still open is not counted, nor is an
 * acceptance whose status lies past the committed head.
 */
class AcceptanceTimesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void medianAndNinetiethPercentileOfTheAcceptedCluesHoursCountedFromWhereTheLastCountStopped(
            TestDatabases.Kind kind) {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.fresh(kind));
        DispositionStore store = new DispositionStore(jdbc);
        ArchiveCounts counts = new ArchiveCounts(jdbc);
        assertThat(counts.refresh().acceptance()).isEqualTo(new Statistics.AcceptanceTimes(0, null, null));

        // Clues at positions 1-7, their statuses at 101-107. Accepted after 3 h, 30 min and 10 h 20 min 10 s
        // (10.3361 h); one declined after 5 min; one still open.
        accept(jdbc, store, 1, Duration.ofHours(3));
        accept(jdbc, store, 2, Duration.ofMinutes(30));
        accept(jdbc, store, 3, Duration.ofMinutes(620).plusSeconds(10));
        Disposition declined = delivered(jdbc, store, 4);
        store.move(declined, DispositionState.DELIVERED, DispositionState.DECLINED, T0.plusSeconds(300), "s-4", 104,
                null);
        delivered(jdbc, store, 5);
        ArchiveRows.head(jdbc, 104);

        // Nearest rank of 3: the median is the 2nd (3 h), the 90th percentile the 3rd (10.34 h).
        ArchiveCounts.Snapshot first = counts.refresh();
        assertThat(first.head()).isEqualTo(104);
        assertThat(first.acceptance()).isEqualTo(new Statistics.AcceptanceTimes(3, 3.0, 10.34));

        // Two more acceptances, the second archived past the committed head: not counted yet.
        accept(jdbc, store, 6, Duration.ofHours(1));
        accept(jdbc, store, 7, Duration.ofHours(2));
        ArchiveRows.head(jdbc, 106);
        assertThat(counts.refresh().acceptance()).isEqualTo(new Statistics.AcceptanceTimes(4, 1.0, 10.34));

        // Of 5 (30 min, 1 h, 2 h, 3 h, 10.34 h): the median the 3rd (2 h), the 90th percentile the 5th.
        ArchiveRows.head(jdbc, 107);
        assertThat(counts.refresh().acceptance()).isEqualTo(new Statistics.AcceptanceTimes(5, 2.0, 10.34));
        assertThat(new ArchiveCounts(jdbc).refresh().acceptance()).as("a new instance's first count, from the start")
                .isEqualTo(new Statistics.AcceptanceTimes(5, 2.0, 10.34));
    }

    /** The clue at archive position {@code seq}, delivered at T0 and accepted {@code after} by a status at 100 + seq. */
    private static void accept(JdbcTemplate jdbc, DispositionStore store, long seq, Duration after) {
        Disposition d = delivered(jdbc, store, seq);
        assertThat(store.move(d, DispositionState.DELIVERED, DispositionState.ACCEPTED, T0.plus(after), "s-" + seq,
                100 + seq, null)).isTrue();
    }

    private static Disposition delivered(JdbcTemplate jdbc, DispositionStore store, long seq) {
        Disposition d = new Disposition("SAMR-330106", "clue-" + seq, "CAC-330100", "CAC-330100",
                "SAMR-330106-2026-00042", DispositionState.DELIVERED, null, seq, T0, T0.plus(Duration.ofDays(3)),
                T0.plus(Duration.ofDays(15)), null, null, null, null);
        ArchiveRows.acceptedClue(jdbc, seq, d.clueSender(), d.clueId());
        store.open(d, d.clueId(), seq);
        return d;
    }
}
