package io.cluehub.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cluehub.config.ClueHubProperties;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relational store (DESIGN.md §7): H2 in file mode under {@code <dataDir>/db/} by default, any JDBC URL (PostgreSQL
 * in production) when {@code cluehub.database.url} is set. Flyway migrates it at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(ClueHubProperties properties) {
        ClueHubProperties.Database db = properties.database();
        HikariConfig config = new HikariConfig();
        config.setPoolName("cluehub-db");
        config.setJdbcUrl(db.url() == null || db.url().isBlank() ? embeddedUrl(properties.dataDir()) : db.url());
        config.setUsername(db.username() == null ? "sa" : db.username());
        config.setPassword(db.password() == null ? "" : db.password());
        config.setMaximumPoolSize(db.poolSize());
        return new HikariDataSource(config);
    }

    /**
     * H2 file mode. WRITE_DELAY=500 (H2's own default) keeps H2's background writer, which stores what no commit has
     * yet and, above all, compacts the file: it rewrites the live pages of chunks that are mostly dead, so their space
     * is used again. An MVStore file only grows: every commit writes the pages it changed as a new chunk, and a chunk is
     * freed only when none of its pages is live. With WRITE_DELAY=0, which the hub used until 2026-12-07, H2 runs no
     * background writer and never compacts: a decision committed alone writes some 80-95 KB and leaves an archive row
     * live in it, so the file grew by that for every message at low rates (1.7 TB a day at 250 msg/s; 33 % live after a
     * bench run). Committed work still reaches the disk before the commit returns: {@link H2SyncingTransactionManager}
     * stores and syncs the file after every commit, so neither a killed process nor a power failure loses a committed
     * archive entry or idempotency key. DB_CLOSE_ON_EXIT=FALSE leaves closing to the pool.
     * LOCK_TIMEOUT: an intake batch holds the archive head's row lock until it commits, which another consumer waits
     * for (H2's default gives up after one second). QUERY_CACHE_SIZE: a decision runs well over eight distinct
     * statements on its connection; with H2's default cache of eight parsed statements per session, most of them were
     * parsed again every time. CACHE_SIZE (KiB): 16 MiB of pages, H2's own default, set here so that nobody raises it
     * without reading this. Every commit puts each page it wrote into the cache; under load 64 MiB turned over every
     * few seconds, so its pages outlived the young generation, filled the old one and cost a full collection of
     * 180-270 ms about every ten seconds in a 512 MiB heap. At 16 MiB they die young: no full collection, longest
     * pause 18 ms, the same throughput (bench/RESULTS.md, 2026-12-07).
     */
    static String embeddedUrl(Path dataDir) {
        Path file = dataDir.resolve("db").resolve("cluehub").toAbsolutePath().normalize();
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=500;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64"
                + ";CACHE_SIZE=16384";
    }

    /**
     * On H2 (the embedded default, or an H2 URL) every commit is synced to the disk by the hub
     * ({@link H2SyncingTransactionManager}; a no-op for an in-memory or remote H2); other databases sync their own.
     */
    @Bean
    @Primary
    public JdbcTransactionManager databaseTransactionManager(DataSource dataSource, ClueHubProperties properties) {
        String url = properties.database().url();
        return url == null || url.isBlank() || url.startsWith("jdbc:h2:") ? new H2SyncingTransactionManager(dataSource)
                : new JdbcTransactionManager(dataSource);
    }

    @Bean
    public TransactionTemplate databaseTransaction(JdbcTransactionManager databaseTransactionManager) {
        return new TransactionTemplate(databaseTransactionManager);
    }
}
