package io.cluehub.disposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.disposition.DispositionStore.Overdue;
import io.cluehub.support.ArchiveRows;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The disposition store on H2 and a real PostgreSQL, as two hub instances see it: a state moves only from the state it
 * was read in, acknowledging and deciding are recorded, and a missed deadline is claimed for its reminder exactly once.
 * Also the deadline rules' precedence.
 */
class DispositionStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private static Disposition delivered(String recipient) {
        return new Disposition("SAMR-330106", "6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10", recipient, recipient,
                "SAMR-330106-2026-00042", DispositionState.DELIVERED, null, 7, T0, T0.plusSeconds(10),
                T0.plusSeconds(100), null, null, null, null);
    }

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void statesMoveOnlyFromWhereTheyWereReadAndRemindersAreClaimedOnce(TestDatabases.Kind kind) {
        DataSource db = TestDatabases.fresh(kind);
        Flyway.configure().dataSource(db).load().migrate();
        DispositionStore one = new DispositionStore(new JdbcTemplate(db));
        DispositionStore two = new DispositionStore(new JdbcTemplate(db));
        Disposition d = delivered("CAC-330100");
        ArchiveRows.acceptedClue(new JdbcTemplate(db), 7, d.clueSender(), d.clueId());
        one.open(d, d.clueId(), 7);
        one.open(delivered("MCT-330100"), d.clueId(), 7);

        assertThat(one.heldBy(d.clueId(), "CAC-330100")).hasSize(1);
        assertThat(one.heldBy(d.clueId(), "MPS-330100")).isEmpty();

        // Two instances read "delivered" and both try to move it: one wins.
        Instant at = T0.plusSeconds(5);
        assertThat(one.move(d, DispositionState.DELIVERED, DispositionState.ACCEPTED, at, "s-1", 8, null)).isTrue();
        assertThat(two.move(d, DispositionState.DELIVERED, DispositionState.DECLINED, at, "s-2", 9, null)).isFalse();
        Disposition now = two.heldBy(d.clueId(), "CAC-330100").get(0);
        assertThat(now.state()).isEqualTo(DispositionState.ACCEPTED);
        assertThat(now.acknowledgedAt()).isEqualTo(at);
        assertThat(now.decidedAt()).isEqualTo(at);
        assertThat(two.events(now)).extracting(DispositionStore.Event::messageId).containsExactly(d.clueId(), "s-1");

        // Past both deadlines: only MCT's are missed (CAC acknowledged and decided in time).
        Instant late = T0.plusSeconds(200);
        List<Overdue> overdue = one.overdue(late, 100);
        assertThat(overdue).extracting(o -> o.disposition().recipient() + ":" + o.deadline())
                .containsExactlyInAnyOrder("MCT-330100:ACKNOWLEDGE", "MCT-330100:DECIDE");
        for (Overdue o : overdue) {
            assertThat(one.claimReminder(o, late)).isTrue();
            assertThat(two.claimReminder(o, late)).as("the other instance").isFalse();
        }
        assertThat(two.overdue(late.plusSeconds(60), 100)).isEmpty();
        Disposition mct = one.heldBy(d.clueId(), "MCT-330100").get(0);
        assertThat(mct.overdue(late)).containsExactly(Deadline.ACKNOWLEDGE, Deadline.DECIDE);
        assertThat(mct.acknowledgeRemindedAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(late);
    }

    @Test
    void theMostSpecificDeadlineRuleWins() {
        DispositionProperties properties = new DispositionProperties(null, null, null, List.of(
                new DispositionProperties.Rule(null, "SAMR", Duration.ofDays(2), null),
                new DispositionProperties.Rule("food-safety", null, Duration.ofDays(1), Duration.ofDays(5)),
                new DispositionProperties.Rule("food-safety", "SAMR", Duration.ofHours(12), null),
                new DispositionProperties.Rule("data-fraud", null, Duration.ofDays(4), null)));
        assertThat(properties.acknowledgeWithin(List.of("other"), "CAC")).isEqualTo(Duration.ofDays(3));
        assertThat(properties.decideWithin(List.of("other"), "CAC")).isEqualTo(Duration.ofDays(15));
        assertThat(properties.acknowledgeWithin(List.of("other"), "SAMR")).isEqualTo(Duration.ofDays(2));
        assertThat(properties.acknowledgeWithin(List.of("food-safety"), "CAC")).isEqualTo(Duration.ofDays(1));
        assertThat(properties.acknowledgeWithin(List.of("food-safety"), "SAMR")).isEqualTo(Duration.ofHours(12));
        assertThat(properties.decideWithin(List.of("food-safety"), "SAMR")).isEqualTo(Duration.ofDays(5));
        assertThat(properties.acknowledgeWithin(List.of("data-fraud", "food-safety"), "CAC"))
                .as("two categories: the shorter").isEqualTo(Duration.ofDays(1));
    }
}
