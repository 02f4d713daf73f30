package io.cluehub.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded database's transactions through a pooled connection, as the hub runs them: each commit is followed by a
 * sync of the H2 file, which reaches the MVStore through Hikari's proxy; a rollback leaves nothing.
 */
class H2SyncingTransactionManagerTest {

    @Test
    void commitsAndSyncsThroughThePool() throws Exception {
        Path dir = Files.createTempDirectory("cluehub-h2sync");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(DatabaseConfiguration.embeddedUrl(dir));
            pool.setUsername("sa");
            pool.setPassword("");
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            TransactionTemplate tx = new TransactionTemplate(new H2SyncingTransactionManager(pool));

            tx.executeWithoutResult(s -> jdbc.update("INSERT INTO t VALUES (1)"));
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO t VALUES (2)");
                s.setRollbackOnly();
            });

            assertThat(jdbc.queryForList("SELECT id FROM t", Integer.class)).containsExactly(1);
            try (Connection connection = pool.getConnection()) {
                H2SyncingTransactionManager.sync(connection);
            }
        }
        assertThat(dir.resolve("db").resolve("cluehub.mv.db")).exists();
    }
}
