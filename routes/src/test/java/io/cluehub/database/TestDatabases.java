package io.cluehub.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated databases for store tests: H2 in file mode (the embedded default) and a real PostgreSQL (the
 * production database) started once per test JVM from Maven Central binaries. Every store test runs on both.
 */
public final class TestDatabases {

    public enum Kind {
        H2,
        POSTGRESQL
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    /** A new empty database of the kind, migrated by the hub's Flyway scripts. */
    public static DataSource fresh(Kind kind) {
        return migrate(empty(kind));
    }

    /** A new empty database of the kind, migrated up to and including {@code version} only (to test a migration). */
    public static DataSource at(Kind kind, String version) {
        DataSource dataSource = empty(kind);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load()
                .migrate();
        return dataSource;
    }

    /** Applies every migration {@code dataSource} does not have yet. */
    public static DataSource migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    private static DataSource empty(Kind kind) {
        return switch (kind) {
            case H2 -> h2();
            case POSTGRESQL -> postgresql();
        };
    }

    private static DataSource h2() {
        try {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(DatabaseConfiguration.embeddedUrl(Files.createTempDirectory("cluehub-h2")));
            h2.setUser("sa");
            return h2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized DataSource postgresql() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // The JVM is exiting; the data directory is temporary.
                    }
                }));
            }
            String name = "cluehub_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getDatabase("postgres", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start or use the embedded PostgreSQL", e);
        }
    }
}
