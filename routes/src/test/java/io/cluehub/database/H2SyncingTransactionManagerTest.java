package io.cluehub.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded database's transactions through a pooled connection, as the hub runs them: each commit is stored in
 * the file and synced before it returns, reaching the MVStore through Hikari's proxy; a rollback leaves nothing; and
 * H2's background writer compacts the file while the hub writes.
 */
class H2SyncingTransactionManagerTest {

    @Test
    void aCommitIsStoredAndSyncedWhenItReturns() throws Exception {
        Path dir = Files.createTempDirectory("cluehub-h2sync");
        try (HikariDataSource pool = pool(DatabaseConfiguration.embeddedUrl(dir))) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            TransactionTemplate tx = new TransactionTemplate(new H2SyncingTransactionManager(pool));
            MVStore store = mvStore(pool);
            // The background writer is on: H2 alone would store a commit up to WRITE_DELAY later.
            assertThat(store.getAutoCommitDelay()).isPositive();

            tx.executeWithoutResult(s -> jdbc.update("INSERT INTO t VALUES (1)"));
            assertThat(store.hasUnsavedChanges()).isFalse();
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO t VALUES (2)");
                s.setRollbackOnly();
            });

            assertThat(jdbc.queryForList("SELECT id FROM t", Integer.class)).containsExactly(1);
        }
        assertThat(dir.resolve("db").resolve("cluehub.mv.db")).exists();
    }

    /**
     * Decisions committed one by one, as at low load: each writes its changed pages as a chunk, and only compaction
     * gives back the space of chunks whose pages are mostly dead. Without H2's background writer (the hub's
     * {@code WRITE_DELAY=0} until 2026-12-07) the chunks stayed 14-16 % live and the file grew by 58 KiB a row. The
     * retention time, 45 s in the hub, is 0 here so that compaction may start at once.
     */
    @Test
    void theFileIsCompactedWhileTheHubWrites() throws Exception {
        Path dir = Files.createTempDirectory("cluehub-h2compact");
        try (HikariDataSource pool = pool(DatabaseConfiguration.embeddedUrl(dir) + ";RETENTION_TIME=0")) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE entry (seq BIGINT PRIMARY KEY, digest CHAR(64), message_id VARCHAR(64),"
                    + " body VARBINARY(8000))");
            jdbc.execute("CREATE INDEX entry_digest ON entry (digest)");
            jdbc.execute("CREATE INDEX entry_message ON entry (message_id)");
            TransactionTemplate tx = new TransactionTemplate(new H2SyncingTransactionManager(pool));
            MVStore store = mvStore(pool);
            Random random = new Random(7);
            byte[] body = new byte[3000];
            byte[] digest = new byte[32];
            long deadline = System.nanoTime() + 90_000_000_000L;
            int fillRate = 0;
            for (long seq = 1; seq <= 20_000 && System.nanoTime() < deadline; seq++) {
                long s = seq;
                random.nextBytes(body);
                random.nextBytes(digest);
                tx.executeWithoutResult(status -> jdbc.update("INSERT INTO entry VALUES (?, ?, ?, ?)", s,
                        HexFormat.of().formatHex(digest), UUID.randomUUID().toString(), body));
                if (seq >= 4_000 && seq % 500 == 0) {
                    fillRate = store.getFileStore().getChunksFillRate();
                    if (fillRate >= 40) {
                        break;
                    }
                }
            }

            assertThat(fillRate).as("share of the file's chunks that is live").isGreaterThanOrEqualTo(40);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("sa");
        pool.setPassword("");
        return pool;
    }

    private static MVStore mvStore(HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection()) {
            return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
        }
    }
}
