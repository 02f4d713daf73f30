package io.cluehub.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import io.cluehub.database.TestDatabases;
import io.cluehub.database.TestDatabases.Kind;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared lists' store on H2 and a real PostgreSQL: entries sealed at rest and opened on read, snapshot pages in
 * (owner, entryId) order with a cursor and a byte budget, the history, and the guards two hub instances rely on (a
 * stale version is not bumped, an entry is expired by one claim only, and only once it is due).
 */
class ListStoreTest {

    private static final String LIST = "platform-report";
    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    private record Fixture(JdbcTemplate jdbc, TransactionTemplate tx, ListStore store, ListSnapshots snapshots) {
    }

    private static Fixture fresh(Kind kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db));
        ArchiveCrypto crypto = new ArchiveCrypto(KeyStoreFieldKeys.demo(Files.createTempDirectory("cluehub-keys")));
        ListStore store = new ListStore(jdbc, crypto);
        return new Fixture(jdbc, tx, store, new ListSnapshots(store, JsonMapper.builder().build(),
                Clock.fixed(NOW, ZoneOffset.UTC), ListProperties.defaults(), tx));
    }

    private static String body(String entryId) {
        return "{\"entryId\":\"" + entryId + "\",\"subject\":{\"kind\":\"person\",\"name\":\"Li Example\","
                + "\"idNumber\":\"330106199503141237\"}}";
    }

    private static void add(Fixture f, String owner, String entryId, Instant expiresAt) {
        f.tx().executeWithoutResult(s -> {
            long version = f.store().lockVersion(LIST) + 1;
            f.store().put(LIST, owner, entryId, version, "2026-12-01", expiresAt, "330106", body(entryId),
                    "m-" + entryId, 10 + version, NOW, true);
            f.store().history(LIST, version, owner, entryId, "add", "m-" + entryId, 10 + version, NOW,
                    body(entryId));
            f.store().bump(LIST, version - 1, version, NOW);
        });
    }

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void entriesAreSealedPagedAndKeptInTheHistory(Kind kind) throws Exception {
        Fixture f = fresh(kind);
        add(f, "SAMR-330106", "b", null);
        add(f, "CAC-330100", "z", null);
        add(f, "SAMR-330106", "a", null);

        ListPage first = f.snapshots().page(LIST, null, 2);
        assertThat(first.version()).isEqualTo(3);
        assertThat(first.entries()).extracting(e -> e.owner() + "/" + e.entryId())
                .containsExactly("CAC-330100/z", "SAMR-330106/a");
        assertThat(first.entries().get(0).entry().at("/subject/idNumber").asString())
                .isEqualTo("330106199503141237");
        ListPage second = f.snapshots().page(LIST, first.next(), 2);
        assertThat(second.entries()).extracting(ListPage.Item::entryId).containsExactly("b");
        assertThat(second.next()).isNull();
        // A message page stops at its byte budget, but always holds one entry.
        ListPage small = f.tx().execute(s -> f.snapshots().pageInTransaction(LIST, null, 200, 1));
        assertThat(small.entries()).hasSize(1);
        assertThat(small.next()).isEqualTo("CAC-330100/z");

        assertThat(f.store().changes(LIST, 1, 3)).extracting(ListStore.Change::version, ListStore.Change::entryId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "z"),
                        org.assertj.core.groups.Tuple.tuple(3L, "a"));
        for (String table : List.of("shared_list_entry", "shared_list_change")) {
            for (Map<String, Object> row : f.jdbc().queryForList("SELECT * FROM " + table)) {
                assertThat(row.toString()).doesNotContain("330106199503141237").doesNotContain("Li Example");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void aStaleVersionIsNotBumpedAndAnEntryExpiresOnceWhenDue(Kind kind) throws Exception {
        Fixture f = fresh(kind);
        add(f, "SAMR-330106", "due", NOW.minusSeconds(1));
        add(f, "SAMR-330106", "later", NOW.plusSeconds(3600));

        assertThatThrownBy(() -> f.tx().executeWithoutResult(s -> f.store().bump(LIST, 1, 2, NOW)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(f.store().version(LIST)).isEqualTo(2);

        assertThat(f.store().due(LIST, NOW, 10)).extracting(ListStore.Due::entryId).containsExactly("due");
        assertThat(f.store().expire(LIST, "SAMR-330106", "due", 3, NOW)).isTrue();
        assertThat(f.store().expire(LIST, "SAMR-330106", "due", 3, NOW)).as("claimed once").isFalse();
        assertThat(f.store().expire(LIST, "SAMR-330106", "later", 3, NOW)).as("not due").isFalse();
        assertThat(f.store().due(LIST, NOW, 10)).isEmpty();
        assertThat(f.store().currentCount(LIST)).isEqualTo(1);
        assertThat(f.store().state(LIST, "SAMR-330106", "due").orElseThrow().state()).isEqualTo("expired");
        assertThat(f.store().othersWithId(LIST, "CAC-330100", "later")).extracting(ListStore.EntryState::owner)
                .containsExactly("SAMR-330106");
    }
}
