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
     * H2 file mode. WRITE_DELAY=0 makes every commit reach the file before the commit returns, so a killed process
     * loses no committed archive entry or idempotency key; DB_CLOSE_ON_EXIT=FALSE leaves closing to the pool.
     * LOCK_TIMEOUT: an intake batch holds the archive head's row lock until it commits, which another consumer waits
     * for (H2's default gives up after one second). QUERY_CACHE_SIZE: a decision runs well over eight distinct
     * statements on its connection; with H2's default cache of eight parsed statements per session, most of them were
     * parsed again every time. CACHE_SIZE (KiB): 64 MiB of pages instead of 16; the archive's indexes on random keys
     * (messageIds, SHA-256s, HMACs) touch a random page each, read back from the file once the cache is outgrown.
     */
    static String embeddedUrl(Path dataDir) {
        Path file = dataDir.resolve("db").resolve("cluehub").toAbsolutePath().normalize();
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64"
                + ";CACHE_SIZE=65536";
    }

    @Bean
    @Primary
    public JdbcTransactionManager databaseTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    public TransactionTemplate databaseTransaction(JdbcTransactionManager databaseTransactionManager) {
        return new TransactionTemplate(databaseTransactionManager);
    }
}
