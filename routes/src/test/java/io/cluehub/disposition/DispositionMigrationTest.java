package io.cluehub.disposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.disposition.DispositionStore.Event;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V27 to V29 on a database with dispositions written before them, on H2 and a real PostgreSQL: every disposition keeps
 * its history, the opening (once a step-0 event row, now kept on the disposition) included, is found by its clue's
 * messageId (now through the clue's archive entry and its ledger key) and goes on moving.
 */
class DispositionMigrationTest {

    private static final String CLUE = "6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10";

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void dispositionsWrittenBeforeV27KeepTheirWholeHistoryThroughV29(TestDatabases.Kind kind) {
        DataSource db = TestDatabases.at(kind, "26");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        // As the stores wrote them before V27: the clue's archive entry at 7 with its ledger key, the clue delivered to
        // CAC, which accepted it, and a referral to MCT by a status.
        jdbc.update("INSERT INTO archive_entry (seq, recorded_at, kind, status, sender, message_id, message_type, "
                + "raw_sha256, decision, prev_hash, entry_hash) VALUES (7, CURRENT_TIMESTAMP, 'intake', 'accepted', "
                + "'SAMR-330106', ?, 'clue.transfer', ?, '{}', ?, ?)", CLUE, "a".repeat(64), "0".repeat(64),
                "1".repeat(64));
        jdbc.update("INSERT INTO intake_ledger (sender, message_id, archive_seq, status, transport_id) "
                + "VALUES ('SAMR-330106', ?, 7, 'accepted', 'ID:7')", CLUE);
        insert(jdbc, "CAC-330100", null, "2026-11-23 08:00:00+00");
        event(jdbc, "CAC-330100", 0, "DELIVERED", CLUE, 7);
        event(jdbc, "CAC-330100", 1, "ACCEPTED", "status-1", 9);
        insert(jdbc, "MCT-330100", "CAC-330100", "2026-11-23 08:05:00+00");
        event(jdbc, "MCT-330100", 0, "DELIVERED", "status-2", 11);

        TestDatabases.migrate(db);
        DispositionStore store = new DispositionStore(jdbc);

        Disposition cac = store.heldBy(CLUE, "CAC-330100").get(0);
        assertThat(store.events(cac)).extracting(Event::step, Event::state, Event::messageId, Event::archiveSeq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, DispositionState.DELIVERED, CLUE, 7L),
                        org.assertj.core.groups.Tuple.tuple(1, DispositionState.ACCEPTED, "status-1", 9L));
        Disposition mct = store.heldBy(CLUE, "MCT-330100").get(0);
        assertThat(mct.referredFrom()).isEqualTo("CAC-330100");
        assertThat(store.events(mct)).extracting(Event::step, Event::messageId, Event::archiveSeq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "status-2", 11L));
        assertThat(store.ofClue(CLUE)).extracting(Disposition::recipient)
                .containsExactlyInAnyOrder("CAC-330100", "MCT-330100");

        // And it goes on: the next status is step 1 of MCT's history.
        assertThat(store.move(mct, DispositionState.DELIVERED, DispositionState.DECLINED,
                mct.deliveredAt().plusSeconds(60), "status-3", 12, null)).isTrue();
        assertThat(store.events(store.heldBy(CLUE, "MCT-330100").get(0))).extracting(Event::step, Event::messageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "status-2"),
                        org.assertj.core.groups.Tuple.tuple(1, "status-3"));
    }

    private static void insert(JdbcTemplate jdbc, String recipient, String referredFrom, String at) {
        jdbc.update("INSERT INTO clue_disposition (clue_sender, clue_id, recipient, delivered_to, case_ref, state, "
                + "referred_from, clue_seq, delivered_at, acknowledge_due, decide_due) VALUES ('SAMR-330106', ?, ?, ?, "
                + "'SAMR-330106-2026-00042', 'DELIVERED', ?, 7, CAST(? AS TIMESTAMP WITH TIME ZONE), "
                + "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE))",
                CLUE, recipient, recipient, referredFrom, at, at, at);
    }

    private static void event(JdbcTemplate jdbc, String recipient, int step, String state, String messageId,
            long seq) {
        jdbc.update("INSERT INTO clue_disposition_event (clue_sender, clue_id, recipient, step, state, at, message_id, "
                + "archive_seq) VALUES ('SAMR-330106', ?, ?, ?, ?, CURRENT_TIMESTAMP, ?, ?)",
                CLUE, recipient, step, state, messageId, seq);
    }
}
