package io.cluehub.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cluehub.ClueHubApplication;
import io.cluehub.archive.audit.ArchiveAudit;
import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.archive.query.ArchiveFilter;
import io.cluehub.archive.replay.Replay;
import io.cluehub.archive.replay.ReplayRequest;
import io.cluehub.archive.replay.ReplayService;
import io.cluehub.archive.replay.ReplayStore;
import io.cluehub.database.TestDatabases;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import io.cluehub.support.HubTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints the archive's figures; not a test. Append throughput: the DESIGN.md §10 clue (2.3 KB) appended as intake
 * appends it (its own transaction, head locked, bodies encrypted, subjects and recipients indexed), on H2 in file
 * mode and on a real PostgreSQL (zonky embedded), from one and from two threads (intake runs two consumers). Replay
 * throughput: the packaged hub's context (embedded broker, H2), an archive of accepted messages of one case, and a
 * replay of the case from its creation to {@code completed} (read and decrypt, map for the target, send in batches of
 * 100 per broker transaction, mark sent), to a canonical office and to an mps-xml one. Run:
 *
 * <pre>
 * mvn -q -pl routes -am test-compile exec:java@archive-benchmark -Dexec.skip=true
 * </pre>
 *
 * ({@code -Dexec.skip=true} skips the other modules of the reactor; the routes module's execution overrides it.)
 */
public final class ArchiveBenchmark {

    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 10_000_000_000L;
    private static final int REPLAYED = 5_000;

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%s, %d cores, max heap %d MiB, Java %s, load average before: %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage());
        appends("H2 (file)", TestDatabases.fresh(TestDatabases.Kind.H2));
        appends("PostgreSQL", TestDatabases.fresh(TestDatabases.Kind.POSTGRESQL));
        replays();
        System.out.printf("load average after: %s%n", loadAverage());
        System.exit(0);
    }

    private static void appends(String label, DataSource dataSource) throws IOException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ArchiveStore archive = new ArchiveStore(new JdbcTemplate(pool),
                    new ArchiveCrypto(KeyStoreFieldKeys.demo(Files.createTempDirectory("bench-keys"))));
            TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(pool));
            run(archive, tx, 1, WARM_UP_NANOS);
            for (int threads : new int[] {1, 2}) {
                long appended = run(archive, tx, threads, MEASURE_NANOS);
                System.out.printf("archive append, %-10s %d thread(s): %,.0f entries/s (%,d in %d s)%n", label,
                        threads, appended / (MEASURE_NANOS / 1e9), appended, MEASURE_NANOS / 1_000_000_000L);
            }
        }
    }

    /** Appends §10 clues from {@code threads} threads for {@code nanos}; returns how many. */
    private static long run(ArchiveStore archive, TransactionTemplate tx, int threads, long nanos) {
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + nanos;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    ArchiveDraft draft = clue(UUID.randomUUID().toString(), "BENCH-APPEND");
                    tx.execute(s -> archive.append(draft));
                    count.incrementAndGet();
                }
            });
            workers[t].start();
        }
        // Each worker stops at the deadline by itself; at most one append per thread ends after it.
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return count.get();
    }

    private static ArchiveDraft clue(String messageId, String caseRef) {
        byte[] raw = HubTestSupport.designClue(messageId).replace("SAMR-330106-2026-00042", caseRef)
                .getBytes(StandardCharsets.UTF_8);
        return new ArchiveDraft(Instant.now(), "intake", "accepted", "SAMR-330106", messageId, "clue.transfer",
                caseRef, null, "ID:" + messageId, ArchiveEntry.sha256Hex(raw), raw,
                "{\"status\":\"accepted\",\"outcome\":{\"successful\":true,\"issues\":[]},\"routing\":{\"deliveries\":"
                        + "[{\"recipient\":\"CAC-330100\",\"deliveredTo\":\"CAC-330100\",\"rule\":\"explicit\"}]},"
                        + "\"deliveryFormats\":{\"CAC-330100\":\"canonical\"}}");
    }

    private static void replays() throws Exception {
        Path data = Files.createTempDirectory("bench-hub");
        // Arguments, not default properties: application.yml would override those.
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ClueHubApplication.class).run(
                "--cluehub.data-dir=" + data, "--cluehub.broker.port=" + HubTestSupport.freePort(), "--server.port=0",
                "--cluehub.sftp.demo-server.enabled=false", "--logging.level.root=warn")) {
            ArchiveStore archive = hub.getBean(ArchiveStore.class);
            TransactionTemplate tx = new TransactionTemplate(hub.getBean(PlatformTransactionManager.class));
            for (int i = 0; i < REPLAYED; i += 100) {
                tx.executeWithoutResult(s -> {
                    for (int j = 0; j < 100; j++) {
                        archive.append(clue(UUID.randomUUID().toString(), "BENCH-REPLAY"));
                    }
                });
            }
            ReplayService service = hub.getBean(ReplayService.class);
            ReplayStore replays = hub.getBean(ReplayStore.class);
            for (String target : List.of("CAC-330100", "MPS-330000", "CAC-330100")) {
                ArchiveFilter filter = new ArchiveFilter("BENCH-REPLAY", null, null, null, null, null, null, null, null,
                        null, null, null, null);
                long start = System.nanoTime();
                Replay replay = service.replay(new ReplayRequest(filter, target, "benchmark", "none", false),
                        new ArchiveAudit.Actor("benchmark", List.of("investigator")));
                Replay done = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(10))
                        .pollInterval(java.time.Duration.ofMillis(20))
                        .until(() -> replays.find(replay.id()).orElseThrow(), r -> !Replay.RUNNING.equals(r.status()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("replay to %s (%s): %,d messages in %.2f s: %,.0f messages/s%n", target,
                        done.status(), done.sent(), seconds, done.sent() / seconds);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
