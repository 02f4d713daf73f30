package io.cluehub.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.database.TestDatabases;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database claims on SFTP files, as two hub instances see them (two repositories on one database, H2 and a real
 * PostgreSQL): one instance takes a file, the other never does while the claim is alive, a finished file stays taken,
 * and a claim whose instance died (no keep-alive) is taken over after the maximum age.
 */
class SftpFileClaimsTest {

    private static JdbcOrphanLockAwareIdempotentRepository instance(DataSource db, long maxAgeMillis) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        JdbcOrphanLockAwareIdempotentRepository repository =
                new JdbcOrphanLockAwareIdempotentRepository(db, "sftp-pickup", camel);
        repository.setCreateTableIfNotExists(false);
        repository.setLockMaxAgeMillis(maxAgeMillis);
        repository.setLockKeepAliveIntervalMillis(maxAgeMillis / 4);
        repository.start();
        return repository;
    }

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void oneInstanceTakesAFileAndADeadInstancesClaimExpires(TestDatabases.Kind kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        Flyway.configure().dataSource(db).load().migrate();
        JdbcOrphanLockAwareIdempotentRepository first = instance(db, 2_000);
        JdbcOrphanLockAwareIdempotentRepository second = instance(db, 2_000);
        String file = "STA-330000:batch.csv:1234:1700000000000";

        assertThat(first.add(file)).as("first instance claims").isTrue();
        assertThat(second.add(file)).as("second instance may not").isFalse();
        // The first instance is alive: its keep-alive holds the claim beyond the maximum age.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> second.contains(file));
        assertThat(first.confirm(file)).isTrue();

        // An instance that died while reading a file left its claim, and nobody refreshes it any more.
        String orphan = "STA-330000:other.csv:99:1700000000001";
        new JdbcTemplate(db).update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) "
                + "VALUES ('sftp-pickup', ?, ?)", orphan, Timestamp.from(Instant.now()));
        assertThat(second.add(orphan)).as("claim still fresh").isFalse();
        await("orphaned claim taken over").atMost(Duration.ofSeconds(10)).until(() -> second.add(orphan));
        first.stop();
        second.stop();
    }
}
