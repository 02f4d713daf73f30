package io.cluehub.archive;

import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.database.TestDatabases;
import io.cluehub.database.TestDatabases.Kind;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh, migrated archive on one database kind, with the verifier and time-stamp store over it, and entries like
 * intake writes them: accepted and rejected messages with raw bodies, an agency-format message with its canonical
 * form, and a batch row without a raw body.
 */
record ArchiveFixture(JdbcTemplate jdbc, TransactionTemplate tx, ArchiveStore archive, TimestampStore timestamps,
        ChainVerifier verifier, ArchiveCrypto crypto, JdbcTransactionManager transactions) {

    /** Small pages, so a handful of entries already spans several. */
    static final int PAGE_SIZE = 3;

    static ArchiveFixture fresh(Kind kind) {
        DataSource dataSource = TestDatabases.fresh(kind);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        ArchiveCrypto crypto = demoCrypto();
        ArchiveStore archive = new ArchiveStore(jdbc, crypto);
        TimestampStore timestamps = new TimestampStore(jdbc);
        return new ArchiveFixture(jdbc, new TransactionTemplate(transactions), archive, timestamps,
                new ChainVerifier(archive, timestamps, transactions, properties(PAGE_SIZE)), crypto, transactions);
    }

    /** Demo field keys in a fresh temporary folder, as the embedded profile generates them. */
    static ArchiveCrypto demoCrypto() {
        try {
            return new ArchiveCrypto(KeyStoreFieldKeys.demo(Files.createTempDirectory("cluehub-keys")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArchiveProperties properties(int pageSize) {
        return new ArchiveProperties(Duration.ofHours(1), null, Duration.ofSeconds(30), pageSize);
    }

    /** Appends one entry in its own transaction, as intake does. */
    ArchiveEntry append(ArchiveDraft draft) {
        return tx.execute(t -> archive.append(draft));
    }

    /**
     * Appends {@code count} entries, each in its own transaction as intake does; returns them in seq order. They go on
     * from the chain's head (messageIds {@code m-<seq - 1>}), so that each accepted one can take its own ledger key.
     */
    List<ArchiveEntry> append(int count) {
        List<ArchiveEntry> entries = new ArrayList<>();
        int first = Math.toIntExact(archive.head().seq());
        for (int i = first; i < first + count; i++) {
            ArchiveDraft draft = draft(i);
            entries.add(tx.execute(t -> archive.append(draft)));
        }
        return entries;
    }

    private static ArchiveDraft draft(int i) {
        Instant at = Instant.parse("2026-11-22T08:15:00.123456Z").plusSeconds(i);
        String id = "m-" + i;
        byte[] raw = ("{\"messageId\":\"" + id + "\",\"summary\":\"李 " + i + "\"}").getBytes(StandardCharsets.UTF_8);
        return switch (i % 4) {
            case 1 -> new ArchiveDraft(at, "intake", "rejected", "SAMR-330106", id, "clue.transfer",
                    "SAMR-330106-2026-00042", "SCHEMA_INVALID", "ID:" + id, ArchiveEntry.sha256Hex(raw), raw,
                    "{\"status\":\"rejected\",\"line\":\"a\\nb\"}");
            case 2 -> {
                byte[] xml = ("<clue>" + i + "</clue>").getBytes(StandardCharsets.UTF_8);
                yield new ArchiveDraft(at, "intake", "accepted", "MPS-330100", id, "clue.transfer", null, null,
                        "ID:" + id, ArchiveEntry.sha256Hex(xml), xml, "{\"status\":\"accepted\"}", "mps-xml/1.0", raw);
            }
            case 3 -> new ArchiveDraft(at, "intake", "accepted", "STA-330000", id, "info.share", null, null, null,
                    ArchiveEntry.sha256Hex(raw), null, "{\"status\":\"accepted\",\"fileEntry\":1}", "sta-csv/1.0",
                    raw);
            default -> new ArchiveDraft(at, "intake", "accepted", "SAMR-330106", id, "clue.transfer",
                    "SAMR-330106-2026-00042", null, "ID:" + id, ArchiveEntry.sha256Hex(raw), raw,
                    "{\"status\":\"accepted\"}");
        };
    }
}
