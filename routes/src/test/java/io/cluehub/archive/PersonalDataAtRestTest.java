package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.personal.ArchiveRekeyer;
import io.cluehub.archive.personal.SubjectKeys;
import io.cluehub.database.TestDatabases;
import io.cluehub.database.TestDatabases.Kind;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.OutboxStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal data at rest, each case on H2 and a real PostgreSQL: the DESIGN.md §10 clue and an agency-format clue are
 * archived as intake archives them, and the §10 identity number is then in no column of any table (every row of every
 * table read back), nor anywhere in the H2 database file; yet searching by it, however it is typed, finds both
 * entries, and reads give the exact bytes back. Rotation re-encrypts every body under the new key and the chain still
 * verifies; bodies stored in clear by an earlier release are sealed and indexed; a body moved from another row does not decrypt.
 * The intake's outbox (copies of deliveries and receipts) moves to the new key with the archive, rows in clear included.
 */
class PersonalDataAtRestTest {

    private static final String KINDS = "io.cluehub.database.TestDatabases#kinds";
    private static final String ID_NUMBER = "330106199503141237";
    private static final String CASE_REF = "SAMR-330106-2026-00042";

    static byte[] resource(String path) {
        try (InputStream in = PersonalDataAtRestTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The §10 clue as intake archives an accepted canonical message. */
    static ArchiveDraft designClue(String messageId) {
        byte[] raw = new String(resource("/messages/design-10-clue.json"), StandardCharsets.UTF_8)
                .replace("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10", messageId).getBytes(StandardCharsets.UTF_8);
        return new ArchiveDraft(Instant.parse("2026-11-22T08:15:01Z"), "intake", "accepted", "SAMR-330106", messageId,
                "clue.transfer", CASE_REF, null, "ID:" + messageId, ArchiveEntry.sha256Hex(raw), raw,
                "{\"status\":\"accepted\",\"routing\":{\"deliveries\":[{\"recipient\":\"CAC-330100\","
                        + "\"deliveredTo\":\"CAC-330100\",\"rule\":\"explicit\"}]},"
                        + "\"deliveryFormats\":{\"CAC-330100\":\"canonical\"}}");
    }

    /** The samr-json clue: raw agency bytes and the canonical form they map to, both naming the person. */
    static ArchiveDraft samrClue() {
        byte[] raw = resource("/agency/samr-json/clue.transfer.json");
        byte[] canonical = resource("/agency/samr-json/clue.transfer.expected.json");
        return new ArchiveDraft(Instant.parse("2026-11-28T06:05:00Z"), "intake", "accepted", "SAMR-330100",
                "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "clue.transfer", "SAMR-330100-2026-00107", null, "ID:samr",
                ArchiveEntry.sha256Hex(raw), raw, "{\"status\":\"accepted\"}", "samr-json/1.0", canonical);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void theIdentityNumberIsInNoColumnYetSearchingByItFindsTheEntries(Kind kind) throws Exception {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        ArchiveEntry design = f.append(designClue("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10"));
        ArchiveEntry samr = f.append(samrClue());
        f.append(4);

        List<String> cells = everyCell(f);
        // The scan sees clear columns (it would see the number if it were stored in clear)...
        assertThat(cells).anyMatch(c -> c.contains(CASE_REF));
        assertThat(cells).anyMatch(c -> c.contains("enc:v1:field-aes-1:"));
        // ...and no cell holds the identity number, the person's name or the company's credit code.
        assertThat(cells).noneMatch(c -> c.contains(ID_NUMBER));
        assertThat(cells).noneMatch(c -> c.contains("Li Example") || c.contains("李示例"));
        assertThat(cells).noneMatch(c -> c.contains("91330106MA2H4L7K06"));
        if (kind == Kind.H2) {
            byte[] file = Files.readAllBytes(h2File(f));
            assertThat(indexOf(file, CASE_REF.getBytes(StandardCharsets.UTF_8))).as("control: clear text is found")
                    .isNotNegative();
            assertThat(indexOf(file, ID_NUMBER.getBytes(StandardCharsets.UTF_8))).as("identity number in the H2 file")
                    .isNegative();
        }

        SubjectKeys subjects = f.archive().subjects();
        for (String typed : List.of(ID_NUMBER, " 3301 0619 9503 1412 37 ", "３３０１０６１９９５０３１４１２３７")) {
            assertThat(f.archive().seqsWithSubject(SubjectKeys.IDENTIFIER_KINDS, subjects.identifier(typed), 10))
                    .as("search by %s", typed).containsExactly(samr.seq(), design.seq());
        }
        assertThat(f.archive().seqsWithSubject(SubjectKeys.IDENTIFIER_KINDS, subjects.identifier("91330106MA2H4L7K06"),
                10)).containsExactly(samr.seq(), design.seq());
        assertThat(f.archive().seqsWithSubject(List.of(SubjectKeys.NAME), subjects.name("li  example"), 10))
                .containsExactly(design.seq());
        assertThat(f.archive().seqsWithSubject(SubjectKeys.IDENTIFIER_KINDS, subjects.identifier("11010519491231002X"),
                10)).isEmpty();

        ArchiveEntry read = f.archive().findByMessage("SAMR-330106", design.messageId(), 1).get(0);
        assertThat(read.raw()).isEqualTo(design.raw());
        ArchiveEntry readSamr = f.archive().entryAt(samr.seq()).orElseThrow();
        assertThat(readSamr.raw()).isEqualTo(samr.raw());
        assertThat(readSamr.canonical()).isEqualTo(samr.canonical());
        assertThat(f.verifier().verify().valid()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void rotationReencryptsEveryBodyUnderTheNewKeyAndTheChainStillVerifies(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        List<ArchiveEntry> before = f.append(8);
        ArchiveRekeyer rekeyer = new ArchiveRekeyer(f.jdbc(), f.crypto(), f.archive(), f.transactions());

        ArchiveRekeyer.Report report = rekeyer.rotate();

        assertThat(report.keyId()).isEqualTo("field-aes-2");
        assertThat(report.rotated()).isTrue();
        long withBodies = before.stream().filter(e -> e.raw() != null || e.canonical() != null).count();
        assertThat(report.resealed()).isEqualTo(withBodies);
        assertThat(f.jdbc().queryForList("SELECT DISTINCT body_key FROM archive_entry WHERE body_key IS NOT NULL",
                String.class)).containsExactly("field-aes-2");
        assertThat(f.jdbc().queryForList("SELECT raw_body FROM archive_entry WHERE raw_body IS NOT NULL", byte[].class))
                .allSatisfy(b -> assertThat(new String(b, StandardCharsets.US_ASCII)).startsWith("enc:v1:field-aes-2:"));
        for (ArchiveEntry e : before) {
            ArchiveEntry now = f.archive().entryAt(e.seq()).orElseThrow();
            assertThat(now.raw()).isEqualTo(e.raw());
            assertThat(now.canonical()).isEqualTo(e.canonical());
        }
        assertThat(f.verifier().verify().valid()).isTrue();
        assertThat(rekeyer.reseal().resealed()).as("nothing left to move").isZero();
        assertThat(f.append(designClue("after-rotation")).seq()).isEqualTo(9);
        assertThat(f.jdbc().queryForObject("SELECT body_key FROM archive_entry WHERE seq = 9", String.class))
                .isEqualTo("field-aes-2");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void rotationReencryptsTheOutboxTooAndSealsOutboxBodiesStoredInClear(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        List<ArchiveEntry> entries = f.append(2);
        OutboxStore outbox = new OutboxStore(f.jdbc(), JsonMapper.builder().build(), f.crypto());
        byte[] delivery = resource("/messages/design-10-clue.json");
        byte[] receipt = "{\"type\":\"receipt\",\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
        List<OutboundMessage> sent = List.of(
                new OutboundMessage(OutboundMessage.Kind.DELIVERY, "agency.CAC-330100.inbox", "CAC-330100", "d-1",
                        Map.of("ClueHubType", "clue.transfer"), delivery, true),
                new OutboundMessage(OutboundMessage.Kind.RECEIPT, "agency.SAMR-330106.inbox", "SAMR-330106", "r-1",
                        Map.of("ClueHubType", "receipt"), receipt, true));
        long first = entries.get(0).seq();
        long second = entries.get(1).seq();
        f.tx().executeWithoutResult(t -> outbox.save(first, sent));
        f.tx().executeWithoutResult(t -> outbox.save(second, sent));
        // As a release before V21 left it: the delivery of the second decision in clear, no key.
        f.jdbc().update("UPDATE outbox_message SET body = ?, body_key = NULL WHERE archive_seq = ? AND position = 0",
                delivery, second);
        ArchiveRekeyer rekeyer = new ArchiveRekeyer(f.jdbc(), f.crypto(), f.archive(), f.transactions());
        assertThat(rekeyer.resealNeeded()).isTrue();

        ArchiveRekeyer.Report report = rekeyer.rotate();

        assertThat(report.outboxResealed()).isEqualTo(4);
        assertThat(report.unreadable()).isZero();
        assertThat(f.jdbc().queryForList("SELECT body_key FROM outbox_message", String.class))
                .containsOnly("field-aes-2").hasSize(4);
        assertThat(f.jdbc().queryForList("SELECT body FROM outbox_message", byte[].class))
                .allSatisfy(b -> assertThat(new String(b, StandardCharsets.US_ASCII)).startsWith("enc:v1:field-aes-2:")
                        .doesNotContain(ID_NUMBER));
        for (long seq : List.of(first, second)) {
            assertThat(outbox.load(seq)).extracting(OutboundMessage::body).containsExactly(delivery, receipt);
        }
        assertThat(rekeyer.resealNeeded()).isFalse();
        assertThat(rekeyer.reseal().outboxResealed()).as("nothing left to move").isZero();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void bodiesStoredInClearByAnEarlierReleaseVerifyAndAreSealed(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        List<ArchiveEntry> entries = new ArrayList<>(f.append(6));
        entries.add(f.append(designClue("legacy")));
        // As a release before V5 left them: plaintext bodies, no key, no recorded canonical SHA-256, no indexes.
        for (ArchiveEntry e : entries) {
            storeInClear(f, e);
        }
        f.jdbc().update("DELETE FROM archive_subject");
        f.jdbc().update("DELETE FROM archive_recipient");
        assertThat(f.verifier().verify().valid()).isTrue();
        assertThat(f.archive().entryAt(3).orElseThrow().canonical()).isEqualTo(entries.get(2).canonical());

        ArchiveRekeyer.Report report = new ArchiveRekeyer(f.jdbc(), f.crypto(), f.archive(), f.transactions()).reseal();

        assertThat(report.resealed()).isPositive();
        assertThat(f.jdbc().queryForObject("SELECT COUNT(*) FROM archive_entry WHERE body_key IS NULL "
                + "AND (raw_body IS NOT NULL OR canonical_body IS NOT NULL)", Integer.class)).isZero();
        assertThat(f.verifier().verify().valid()).isTrue();
        for (ArchiveEntry e : entries) {
            assertThat(f.archive().entryAt(e.seq()).orElseThrow().raw()).isEqualTo(e.raw());
        }
        assertThat(f.archive().seqsWithSubject(SubjectKeys.IDENTIFIER_KINDS,
                f.archive().subjects().identifier(ID_NUMBER), 10)).as("indexed when sealed").containsExactly(7L);
        assertThat(f.jdbc().queryForList("SELECT office FROM archive_recipient WHERE seq = 7", String.class))
                .containsExactly("CAC-330100");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void atStartOnlyWhatWasArchivedSinceTheLastCheckIsReadUntilTheKeyChanges(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        List<ArchiveEntry> first = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            first.add(f.append(designClue("start-" + i)));
        }
        ArchiveRekeyer rekeyer = new ArchiveRekeyer(f.jdbc(), f.crypto(), f.archive(), f.transactions());

        ArchiveRekeyer.Report fresh = rekeyer.resealAtStart();

        assertThat(fresh.resealed() + fresh.outboxResealed()).isZero();
        assertThat(sealMark(f)).isEqualTo("field-aes-1 3");

        // Then: one more entry, with its outbox, stored in clear (as an earlier release would); and, behind the mark,
        // an entry put back in clear that the check at start no longer reads.
        ArchiveEntry fourth = f.append(designClue("start-4"));
        OutboxStore outbox = new OutboxStore(f.jdbc(), JsonMapper.builder().build(), f.crypto());
        byte[] receipt = "{\"type\":\"receipt\",\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
        f.tx().executeWithoutResult(t -> outbox.save(fourth.seq(), List.of(new OutboundMessage(
                OutboundMessage.Kind.RECEIPT, "agency.SAMR-330106.inbox", "SAMR-330106", "r-4",
                Map.of("ClueHubType", "receipt"), receipt, true))));
        f.jdbc().update("UPDATE outbox_message SET body = ?, body_key = NULL WHERE archive_seq = ?", receipt,
                fourth.seq());
        storeInClear(f, fourth);
        storeInClear(f, first.get(1));

        ArchiveRekeyer.Report restart = rekeyer.resealAtStart();

        assertThat(restart.resealed()).as("the entry after the mark").isEqualTo(1);
        assertThat(restart.outboxResealed()).as("its outbox").isEqualTo(1);
        assertThat(bodyKey(f, fourth.seq())).isEqualTo("field-aes-1");
        assertThat(bodyKey(f, first.get(1).seq())).as("behind the mark: not read at start").isNull();
        assertThat(sealMark(f)).isEqualTo("field-aes-1 4");
        assertThat(outbox.load(fourth.seq())).extracting(OutboundMessage::body).containsExactly(receipt);

        // The operator's reseal reads everything, whatever the mark says.
        assertThat(rekeyer.reseal().resealed()).isEqualTo(1);
        assertThat(bodyKey(f, first.get(1).seq())).isEqualTo("field-aes-1");

        // A new current key (rotated by another instance sharing the keystore): the next start walks everything.
        f.crypto().rotate();
        ArchiveRekeyer.Report rotated = rekeyer.resealAtStart();

        assertThat(rotated.keyId()).isEqualTo("field-aes-2");
        assertThat(rotated.resealed()).isEqualTo(4);
        assertThat(rotated.outboxResealed()).isEqualTo(1);
        assertThat(sealMark(f)).isEqualTo("field-aes-2 4");
        for (ArchiveEntry e : first) {
            assertThat(f.archive().entryAt(e.seq()).orElseThrow().raw()).isEqualTo(e.raw());
        }
        assertThat(f.verifier().verify().valid()).isTrue();
    }

    /** As a release before V5 left it: the body in clear, no key, no recorded canonical SHA-256. */
    private static void storeInClear(ArchiveFixture f, ArchiveEntry e) {
        f.jdbc().update("UPDATE archive_entry SET raw_body = ?, canonical_body = ?, body_key = NULL, "
                + "canonical_sha256 = NULL WHERE seq = ?", e.raw(), e.canonical(), e.seq());
    }

    private static String bodyKey(ArchiveFixture f, long seq) {
        return f.jdbc().queryForObject("SELECT body_key FROM archive_entry WHERE seq = ?", String.class, seq);
    }

    private static String sealMark(ArchiveFixture f) {
        return f.jdbc().queryForObject("SELECT key_id || ' ' || through_seq FROM archive_seal_mark WHERE id = 1",
                String.class);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aBodyCopiedFromAnotherEntryDoesNotDecryptAndIsModified(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        f.append(6);
        byte[] other = f.jdbc().queryForObject("SELECT raw_body FROM archive_entry WHERE seq = 1", byte[].class);

        f.jdbc().update("UPDATE archive_entry SET raw_body = ? WHERE seq = 5", (Object) other);

        ChainReport report = f.verifier().verify();
        assertThat(report.valid()).isFalse();
        assertThat(report.firstInvalid().seq()).isEqualTo(5);
        assertThat(report.firstInvalid().problem()).isEqualTo(ChainProblem.Kind.MODIFIED);
        assertThat(report.firstInvalid().detail()).contains("raw body").contains("does not decrypt");
    }

    /** Every value of every column of every table of the schema, as text (bytes read as UTF-8). */
    static List<String> everyCell(ArchiveFixture f) throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection c = f.jdbc().getDataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if ("public".equals(rs.getString("TABLE_SCHEM").toLowerCase(Locale.ROOT))) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertThat(tables).anyMatch(t -> t.equalsIgnoreCase("archive_entry"))
                    .anyMatch(t -> t.equalsIgnoreCase("archive_subject"));
            for (String table : tables) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof byte[] bytes) {
                                cells.add(new String(bytes, StandardCharsets.UTF_8));
                            } else if (value != null) {
                                cells.add(rs.getString(i));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static Path h2File(ArchiveFixture f) {
        String url = ((JdbcDataSource) f.jdbc().getDataSource()).getURL();
        String path = url.substring("jdbc:h2:file:".length(), url.indexOf(';'));
        return Stream.of(Path.of(path + ".mv.db")).filter(Files::exists).findFirst().orElseThrow();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
