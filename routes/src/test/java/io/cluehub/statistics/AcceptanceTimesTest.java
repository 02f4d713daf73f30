package io.cluehub.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import io.cluehub.disposition.DispositionState;
import io.cluehub.disposition.DispositionStore;
import io.cluehub.disposition.DispositionStore.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hours from delivery to acceptance, on H2 and a real PostgreSQL: the database picks the nearest-rank quantiles, as the
 * hub did from the whole list before; a clue declined or still open is not counted.
 */
class AcceptanceTimesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void medianAndNinetiethPercentileOfTheAcceptedCluesHours(TestDatabases.Kind kind) {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.fresh(kind));
        assertThat(Statistics.acceptanceTimes(jdbc)).isEqualTo(new Statistics.AcceptanceTimes(0, null, null));

        DispositionStore store = new DispositionStore(jdbc);
        // Accepted after 30 min, 1 h, 2 h, 3 h and 10 h 20 min (sorted); one declined after 5 min; one still open.
        List<Duration> accepted = List.of(Duration.ofHours(3), Duration.ofMinutes(30), Duration.ofMinutes(620),
                Duration.ofHours(1), Duration.ofHours(2));
        long seq = 1;
        for (Duration after : accepted) {
            Disposition d = delivered("clue-" + seq, seq);
            store.open(d, d.clueId(), seq);
            assertThat(store.move(d, DispositionState.DELIVERED, DispositionState.ACCEPTED, T0.plus(after), "s-" + seq,
                    100 + seq, null)).isTrue();
            seq++;
        }
        Disposition declined = delivered("clue-declined", seq);
        store.open(declined, declined.clueId(), seq);
        store.move(declined, DispositionState.DELIVERED, DispositionState.DECLINED, T0.plusSeconds(300), "s-d",
                200, null);
        Disposition open = delivered("clue-open", seq + 1);
        store.open(open, open.clueId(), seq + 1);

        // Nearest rank: the median is the 3rd of 5 (2 h), the 90th percentile the 5th (10 h 20 min = 10.33 h).
        assertThat(Statistics.acceptanceTimes(jdbc)).isEqualTo(new Statistics.AcceptanceTimes(5, 2.0, 10.33));
    }

    private static Disposition delivered(String clueId, long seq) {
        return new Disposition("SAMR-330106", clueId, "CAC-330100", "CAC-330100", "SAMR-330106-2026-00042",
                DispositionState.DELIVERED, null, seq, T0, T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(15)),
                null, null, null, null);
    }
}
