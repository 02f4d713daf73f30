package io.cluehub.handling;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case holdings on H2 and a real PostgreSQL: a holding is recorded once per originator and code, again only under a
 * stricter code, so a case delivered to the same office again and again keeps a row or two; what the rules read (the
 * strictest code from others, whether the originator delivered the case) is as if every delivery had been recorded.
 */
class HandlingStoreTest {

    private static final String CASE = "SAMR-330106-2026-00042";
    private static final String SAMR = "SAMR-330106";
    private static final String CAC = "CAC-330100";
    private static final String MPS = "MPS-330100";

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void aHoldingIsRecordedOncePerOriginatorAndCodeAndAgainOnlyWhenStricter(TestDatabases.Kind kind) {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.fresh(kind));
        HandlingStore store = new HandlingStore(jdbc);
        assertThat(store.delivered(CASE, SAMR, CAC)).isFalse();

        long seq = 1;
        for (int i = 0; i < 50; i++) {
            store.hold(CASE, CAC, SAMR, OnwardSharing.ALLOWED, "clue-" + seq, seq++);
        }
        assertThat(rows(jdbc, CAC)).isEqualTo(1);
        assertThat(store.heldFromOthers(CASE, CAC)).singleElement()
                .extracting(HandlingStore.Holding::onwardSharing).isEqualTo(OnwardSharing.ALLOWED);

        store.hold(CASE, CAC, SAMR, OnwardSharing.ORIGINATOR_CONSENT, "clue-" + seq, seq++);
        store.hold(CASE, CAC, SAMR, OnwardSharing.ALLOWED, "clue-" + seq, seq++);
        store.hold(CASE, CAC, SAMR, OnwardSharing.ORIGINATOR_CONSENT, "clue-" + seq, seq++);
        assertThat(rows(jdbc, CAC)).as("stricter: recorded; as strict or looser: not").isEqualTo(2);
        store.hold(CASE, CAC, SAMR, OnwardSharing.FORBIDDEN, "clue-" + seq, seq++);
        store.hold(CASE, CAC, SAMR, OnwardSharing.ORIGINATOR_CONSENT, "clue-" + seq, seq++);
        assertThat(rows(jdbc, CAC)).isEqualTo(3);
        assertThat(store.heldFromOthers(CASE, CAC).stream().map(HandlingStore.Holding::onwardSharing)
                .reduce(OnwardSharing.ALLOWED, OnwardSharing::strictest)).isEqualTo(OnwardSharing.FORBIDDEN);

        // Another originator's holding of the same case is its own.
        store.hold(CASE, CAC, MPS, OnwardSharing.ALLOWED, "clue-" + seq, seq++);
        assertThat(rows(jdbc, CAC)).isEqualTo(4);
        assertThat(store.delivered(CASE, SAMR, CAC)).isTrue();
        assertThat(store.delivered(CASE, MPS, CAC)).isTrue();
        assertThat(store.delivered(CASE, SAMR, MPS)).isFalse();
    }

    private static int rows(JdbcTemplate jdbc, String holder) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM clue_handling WHERE case_ref = ? AND holder = ?",
                Integer.class, CASE, holder);
    }
}
