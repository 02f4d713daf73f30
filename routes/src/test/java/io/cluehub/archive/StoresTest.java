package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.database.TestDatabases;
import io.cluehub.database.TestDatabases.Kind;
import io.cluehub.intake.IntakeLedger;
import io.cluehub.intake.LedgerRecord;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.OutboxStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The archive, ledger and outbox stores, each case on H2 and on a real PostgreSQL. */
class StoresTest {

    private static final String KINDS = "io.cluehub.database.TestDatabases#kinds";

    private record Stores(JdbcTemplate jdbc, TransactionTemplate tx, ArchiveStore archive, IntakeLedger ledger,
            OutboxStore outbox) {
    }

    private static Stores stores(Kind kind) {
        DataSource dataSource = TestDatabases.fresh(kind);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        var crypto = ArchiveFixture.demoCrypto();
        return new Stores(jdbc, new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                new ArchiveStore(jdbc, crypto), new IntakeLedger(jdbc),
                new OutboxStore(jdbc, JsonMapper.builder().build(), crypto));
    }

    private static ArchiveDraft draft(String messageId, String status, byte[] raw) {
        return new ArchiveDraft(Instant.parse("2026-11-22T08:15:00.123456Z"), "intake", status, "SAMR-330106",
                messageId, "clue.transfer", "SAMR-330106-2026-00042", null, "ID:" + messageId,
                ArchiveEntry.sha256Hex(raw), raw, "{\"status\":\"" + status + "\"}");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void appendsFormOneChainWhoseHashesRecomputeFromTheStoredRows(Kind kind) {
        Stores s = stores(kind);
        byte[] raw = "{\"x\":\"李\"}".getBytes(StandardCharsets.UTF_8);

        ArchiveEntry first = s.tx().execute(t -> s.archive().append(draft("m-1", "accepted", raw)));
        ArchiveEntry second = s.tx().execute(t -> s.archive().append(draft("m-2", "rejected", raw)));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(first.prevHash()).isEqualTo("0".repeat(64));
        assertThat(second.prevHash()).isEqualTo(first.entryHash());
        for (ArchiveEntry stored : s.archive().latest(10)) {
            assertThat(ArchiveEntry.chainHash(stored.prevHash(), ArchiveEntry.canonicalBytes(stored.seq(), stored.draft())))
                    .as("entry %d recomputed from its row", stored.seq()).isEqualTo(stored.entryHash());
            assertThat(stored.raw()).isEqualTo(raw);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aTransactionLocksTheHeadOnceAndWritesItBackAsItCommits(Kind kind) {
        Stores s = stores(kind);
        byte[] raw = "{}".getBytes(StandardCharsets.UTF_8);

        List<ArchiveEntry> batch = s.tx().execute(t -> {
            List<ArchiveEntry> appended = List.of(s.archive().append(draft("m-1", "accepted", raw)),
                    s.archive().append(draft("m-2", "accepted", raw)), s.archive().append(draft("m-3", "accepted", raw)));
            // Held by the transaction: the row is written back once, just before the commit.
            assertThat(s.jdbc().queryForObject("SELECT last_seq FROM archive_head WHERE id = 1", Long.class))
                    .isZero();
            // What the transaction itself reads is its own head.
            assertThat(s.archive().head().seq()).isEqualTo(3);
            return appended;
        });
        assertThat(batch).extracting(ArchiveEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(batch.get(1).prevHash()).isEqualTo(batch.get(0).entryHash());
        assertThat(batch.get(2).prevHash()).isEqualTo(batch.get(1).entryHash());
        assertThat(s.archive().head()).isEqualTo(new ArchiveHead(3, batch.get(2).entryHash()));

        // A transaction that rolls back leaves the head where it was, and the next one holds it afresh.
        assertThatThrownBy(() -> s.tx().executeWithoutResult(t -> {
            s.archive().append(draft("m-4", "accepted", raw));
            throw new IllegalStateException("fails after its append");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(s.archive().head()).isEqualTo(new ArchiveHead(3, batch.get(2).entryHash()));
        ArchiveEntry next = s.tx().execute(t -> s.archive().append(draft("m-5", "accepted", raw)));
        assertThat(next.seq()).isEqualTo(4);
        assertThat(next.prevHash()).isEqualTo(batch.get(2).entryHash());

        // Without transaction synchronisation the head is written after every append.
        JdbcTransactionManager unsynchronised = new JdbcTransactionManager(s.jdbc().getDataSource());
        unsynchronised.setTransactionSynchronization(JdbcTransactionManager.SYNCHRONIZATION_NEVER);
        ArchiveEntry last = new TransactionTemplate(unsynchronised).execute(t -> {
            assertThat(s.archive().append(draft("m-6", "accepted", raw)).seq()).isEqualTo(5);
            assertThat(s.jdbc().queryForObject("SELECT last_seq FROM archive_head WHERE id = 1", Long.class))
                    .isEqualTo(5);
            return s.archive().append(draft("m-7", "accepted", raw));
        });
        assertThat(s.archive().head()).isEqualTo(new ArchiveHead(6, last.entryHash()));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void findsByMessageByRawHashAndAcceptedType(Kind kind) {
        Stores s = stores(kind);
        byte[] raw = "{}".getBytes(StandardCharsets.UTF_8);
        s.tx().execute(t -> s.archive().append(draft("m-1", "accepted", raw)));
        s.tx().execute(t -> s.archive().append(draft("m-1", "duplicate", raw)));

        assertThat(s.archive().findByMessage("SAMR-330106", "m-1", 10)).extracting(ArchiveEntry::status)
                .containsExactly("duplicate", "accepted");
        assertThat(s.archive().findByRawSha256(ArchiveEntry.sha256Hex(raw), 10)).hasSize(2);
        assertThat(s.archive().acceptedTypeOf("m-1")).contains("clue.transfer");
        assertThat(s.archive().acceptedTypeOf("m-2")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void ledgerKeyIsUniqueAndKeepsItsTransportId(Kind kind) {
        Stores s = stores(kind);
        byte[] raw = "{}".getBytes(StandardCharsets.UTF_8);

        s.tx().execute(t -> s.archive().append(s.archive().prepare(draft("m-1", "accepted", raw), true)));

        assertThat(s.ledger().find("SAMR-330106", "m-1"))
                .contains(new LedgerRecord("SAMR-330106", "m-1", 1, "accepted", "ID:m-1"));
        // A second decision taking the key fails; the resend archived as a duplicate does not take it.
        assertThatThrownBy(() -> s.tx().execute(t -> s.archive().append(
                s.archive().prepare(draft("m-1", "accepted", raw), true))))
                .isInstanceOf(DuplicateKeyException.class);
        ArchiveEntry duplicate = s.tx().execute(t -> s.archive().append(draft("m-1", "duplicate", raw)));
        assertThat(duplicate.seq()).isEqualTo(2);
        assertThat(s.ledger().find("SAMR-330106", "m-1")).map(LedgerRecord::archiveSeq).contains(1L);
        assertThat(s.ledger().find("CAC-330100", "m-1")).isEmpty();
        assertThat(s.ledger().find("SAMR-330106", "m-2")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void ledgerKeysTakenBeforeV28AreFoundAfterIt(Kind kind) {
        DataSource dataSource = TestDatabases.at(kind, "27");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // As V1's ledger recorded them: the accepted entry with its key in intake_ledger, then a resend.
        String insert = "INSERT INTO archive_entry (seq, recorded_at, kind, status, sender, message_id, message_type, "
                + "transport_id, raw_sha256, decision, prev_hash, entry_hash) VALUES (?, CURRENT_TIMESTAMP, 'intake', ?, "
                + "'SAMR-330106', 'm-1', 'clue.transfer', ?, ?, '{}', ?, ?)";
        jdbc.update(insert, 1, "accepted", "ID:m-1", "a".repeat(64), "0".repeat(64), "1".repeat(64));
        jdbc.update("INSERT INTO intake_ledger (sender, message_id, archive_seq, status, transport_id) "
                + "VALUES ('SAMR-330106', 'm-1', 1, 'accepted', 'ID:m-1')");
        jdbc.update(insert, 2, "duplicate", "ID:m-1-again", "a".repeat(64), "1".repeat(64), "2".repeat(64));
        jdbc.update("UPDATE archive_head SET last_seq = 2, last_hash = ? WHERE id = 1", "2".repeat(64));

        TestDatabases.migrate(dataSource);

        assertThat(new IntakeLedger(jdbc).find("SAMR-330106", "m-1"))
                .contains(new LedgerRecord("SAMR-330106", "m-1", 1, "accepted", "ID:m-1"));
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        ArchiveStore archive = new ArchiveStore(jdbc, ArchiveFixture.demoCrypto());
        byte[] raw = "{}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> tx.execute(t -> archive.append(archive.prepare(draft("m-1", "accepted", raw), true))))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void outboxKeepsEveryMessageExactly(Kind kind) {
        Stores s = stores(kind);
        List<OutboundMessage> messages = List.of(
                new OutboundMessage(OutboundMessage.Kind.DELIVERY, "agency.CAC-330100.inbox", "CAC-330100", "d-1",
                        Map.of("ClueHubMessageId", "m-1", "ClueHubType", "clue.transfer"),
                        "{\"李\":1}".getBytes(StandardCharsets.UTF_8), true),
                new OutboundMessage(OutboundMessage.Kind.PARKED, "hub.rejected", null, "p-1", Map.of(),
                        new byte[] {(byte) 0xff, 0, 1}, false));

        s.outbox().save(7, messages);

        assertThat(s.outbox().load(7)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(messages);
        assertThat(s.outbox().load(8)).isEmpty();
    }
}
