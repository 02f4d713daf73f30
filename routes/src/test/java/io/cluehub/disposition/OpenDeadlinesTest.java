package io.cluehub.disposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.disposition.DispositionStore.Overdue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deadline sweep and the overdue gauge read only open dispositions (V32), on H2 and a real PostgreSQL. Behind four
 * open dispositions lie 2,000 closed ones whose deadlines passed a month ago: both find exactly the open ones, and the
 * database's own plan (EXPLAIN ANALYZE) reads them through the indexes that lead with the open-state columns instead
 * of walking the closed history, as the indexes on the due times alone did (every minute on every instance, and on
 * every refresh of the gauges).
 */
class OpenDeadlinesTest {

    private static final Instant NOW = Instant.parse("2026-12-08T08:00:00Z");
    private static final int CLOSED = 2_000;

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void theSweepAndTheOverdueCountReadOnlyOpenDispositions(TestDatabases.Kind kind) {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.fresh(kind));
        closedHistory(jdbc);
        DispositionStore store = new DispositionStore(jdbc);
        Instant past = NOW.minus(Duration.ofDays(2));
        // Both deadlines missed.
        open(store, CLOSED + 1, "MPS-330100", NOW.minus(Duration.ofDays(5)), past, past);
        // Acknowledged, the decision's deadline missed.
        Disposition undecided = open(store, CLOSED + 2, "MCT-330100", NOW.minus(Duration.ofDays(5)), past, past);
        assertThat(store.move(undecided, DispositionState.DELIVERED, DispositionState.RECEIVED,
                NOW.minus(Duration.ofDays(4)), "s-received", CLOSED + 10, null)).isTrue();
        // The acknowledgement's deadline missed and reminded of already; the decision still due.
        Disposition reminded = open(store, CLOSED + 3, "STA-330000", NOW.minus(Duration.ofDays(5)), past,
                NOW.plus(Duration.ofDays(9)));
        assertThat(store.claimReminder(new Overdue(reminded, Deadline.ACKNOWLEDGE), past.plusSeconds(60))).isTrue();
        // Nothing due yet.
        open(store, CLOSED + 4, "CAC-330100", NOW, NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(15)));

        assertThat(store.overdue(NOW, 100)).extracting(o -> o.disposition().recipient() + ":" + o.deadline())
                .containsExactlyInAnyOrder("MPS-330100:ACKNOWLEDGE", "MPS-330100:DECIDE", "MCT-330100:DECIDE");
        assertThat(store.overdueNow(NOW)).as("past a deadline, reminded or not, each once").isEqualTo(3);

        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        assertReadsOnlyOpenRows(kind, jdbc, DispositionStore.OVERDUE_TO_ACKNOWLEDGE, "clue_disposition_ack_open",
                now, 100);
        assertReadsOnlyOpenRows(kind, jdbc, DispositionStore.OVERDUE_TO_DECIDE, "clue_disposition_decide_open",
                now, 100);
        assertReadsOnlyOpenRows(kind, jdbc, DispositionStore.OVERDUE_NOW, "clue_disposition_ack_open", now, now, now);
        assertReadsOnlyOpenRows(kind, jdbc, DispositionStore.OVERDUE_NOW, "clue_disposition_decide_open", now, now,
                now);
    }

    /** Clues delivered a month ago, acknowledged and decided within a day: past both deadlines, and closed. */
    private static void closedHistory(JdbcTemplate jdbc) {
        Instant delivered = NOW.minus(Duration.ofDays(30));
        List<Object[]> rows = new ArrayList<>(CLOSED);
        for (int seq = 1; seq <= CLOSED; seq++) {
            Instant at = delivered.plusSeconds(seq);
            Instant done = at.plus(Duration.ofHours(20));
            rows.add(new Object[] {seq, "CAC-330100", "SAMR-330106", "clue-" + seq, "CAC-330100",
                DispositionState.ACCEPTED.name(), utc(at), utc(at.plus(Duration.ofDays(3))),
                utc(at.plus(Duration.ofDays(15))), utc(done), utc(done), "clue-" + seq, seq});
        }
        jdbc.batchUpdate("INSERT INTO clue_disposition (clue_seq, recipient, clue_sender, clue_id, delivered_to, state, "
                + "delivered_at, acknowledge_due, decide_due, acknowledged_at, decided_at, opened_by, opened_seq) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static Disposition open(DispositionStore store, long seq, String recipient, Instant deliveredAt,
            Instant acknowledgeDue, Instant decideDue) {
        Disposition d = new Disposition("SAMR-330106", "clue-" + seq, recipient, recipient, null,
                DispositionState.DELIVERED, null, seq, deliveredAt, acknowledgeDue, decideDue, null, null, null, null);
        store.open(d, d.clueId(), seq);
        return d;
    }

    /**
     * The plan of {@code sql} uses {@code index} and reads a handful of rows, not the closed history: on H2 every
     * table access's scan count, on PostgreSQL no sequential scan and the rows its filters removed.
     */
    private static void assertReadsOnlyOpenRows(TestDatabases.Kind kind, JdbcTemplate jdbc, String sql, String index,
            Object... args) {
        if (kind == TestDatabases.Kind.POSTGRESQL) {
            jdbc.execute("ANALYZE clue_disposition");
        }
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN ANALYZE " + sql, String.class, args));
        assertThat(plan.toLowerCase()).as(plan).contains(index);
        if (kind == TestDatabases.Kind.H2) {
            Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
            assertThat(scans.find()).as(plan).isTrue();
            do {
                assertThat(Integer.parseInt(scans.group(1))).as(plan).isLessThan(10);
            } while (scans.find());
        } else {
            assertThat(plan).as(plan).doesNotContain("Seq Scan");
            Matcher removed = Pattern.compile("Rows Removed by Filter: (\\d+)").matcher(plan);
            while (removed.find()) {
                assertThat(Integer.parseInt(removed.group(1))).as(plan).isLessThan(10);
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
