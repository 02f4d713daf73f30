package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.personal.SubjectKeys;
import io.cluehub.archive.retention.LegalHolds;
import io.cluehub.archive.retention.Purger;
import io.cluehub.archive.retention.RetentionProperties;
import io.cluehub.database.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention, legal hold and purge, each case on H2 and a real PostgreSQL: entries past their classification's period
 * lose their bodies, subject index rows and outbox copies but keep their hashes, and the chain still verifies; a held
 * case is not purged until its hold is released; a batch file goes with its last row; bodies deleted without a purge
 * are reported as modified.
 */
class RetentionPurgeTest {

    private static final String KINDS = "io.cluehub.database.TestDatabases#kinds";
    private static final String ID_NUMBER = "330106199503141237";
    private static final Instant RECEIVED = Instant.parse("2026-11-22T08:15:01Z");

    private record Archive(ArchiveFixture f, Purger purger, LegalHolds holds) {
    }

    private static Archive archive(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        RetentionProperties retention = RetentionProperties.defaults();
        return new Archive(f, new Purger(f.jdbc(), f.crypto(), retention, f.transactions(), Clock.systemUTC()),
                new LegalHolds(f.jdbc(), f.crypto()));
    }

    /** The §10 clue under another case and classification. */
    private static ArchiveDraft clue(String messageId, String caseRef, String classification) {
        ArchiveDraft d = PersonalDataAtRestTest.designClue(messageId);
        byte[] raw = new String(d.raw(), StandardCharsets.UTF_8).replace("SAMR-330106-2026-00042", caseRef)
                .replace("\"sensitive\"", "\"" + classification + "\"").getBytes(StandardCharsets.UTF_8);
        return new ArchiveDraft(d.recordedAt(), d.kind(), d.status(), d.sender(), d.messageId(), d.type(), caseRef,
                null, d.transportId(), ArchiveEntry.sha256Hex(raw), raw, d.decision());
    }

    private static List<Long> withIdNumber(ArchiveFixture f) {
        return f.archive().seqsWithSubject(SubjectKeys.IDENTIFIER_KINDS, f.archive().subjects().identifier(ID_NUMBER),
                100);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void entriesPastRetentionLoseTheirBodiesButTheChainStillVerifiesAndHeldCasesAreKept(Kind kind) {
        Archive a = archive(kind);
        ArchiveFixture f = a.f();
        ArchiveEntry internal = f.append(clue("m-internal", "CASE-1", "internal"));
        ArchiveEntry sensitive = f.append(clue("m-sensitive", "CASE-2", "sensitive"));
        ArchiveEntry restricted = f.append(clue("m-restricted", "CASE-3", "restricted"));
        ArchiveEntry held = f.append(clue("m-held", "CASE-4", "sensitive"));
        f.append(2);
        f.jdbc().update("INSERT INTO outbox_message (archive_seq, position, kind, destination, recipient, duplicate_id, "
                + "properties, body, text_body) VALUES (?, 0, 'DELIVERY', 'agency.CAC-330100.inbox', 'CAC-330100', "
                + "'d-1', '{}', ?, TRUE)", internal.seq(), internal.raw());
        assertThat(a.holds().place("CASE-4", Instant.now(), "investigator", "Court order 2026-17")).isTrue();
        assertThat(a.holds().place("CASE-4", Instant.now(), "auditor", "again")).as("held already").isFalse();

        assertThat(a.purger().purge(Instant.now()).purged()).as("nothing is due today").isZero();
        Purger.Report report = a.purger().purge(RECEIVED.plus(11 * 366, ChronoUnit.DAYS));

        assertThat(report.seqs()).containsExactly(internal.seq(), sensitive.seq());
        for (ArchiveEntry purged : List.of(internal, sensitive)) {
            ArchiveEntry now = f.archive().entryAt(purged.seq()).orElseThrow();
            assertThat(now.purged()).isTrue();
            assertThat(now.raw()).isNull();
            assertThat(now.entryHash()).isEqualTo(purged.entryHash());
            assertThat(now.decision()).isEqualTo(purged.decision());
        }
        assertThat(f.archive().entryAt(restricted.seq()).orElseThrow().raw()).isEqualTo(restricted.raw());
        assertThat(f.archive().entryAt(held.seq()).orElseThrow().raw()).isEqualTo(held.raw());
        assertThat(withIdNumber(f)).containsExactly(held.seq(), restricted.seq());
        assertThat(f.jdbc().queryForObject("SELECT COUNT(*) FROM outbox_message", Integer.class)).isZero();
        ChainReport verified = f.verifier().verify();
        assertThat(verified.valid()).as("%s", verified.firstInvalid()).isTrue();
        assertThat(verified.purged()).isEqualTo(2);

        assertThat(a.holds().release("CASE-4")).isTrue();
        assertThat(a.purger().purge(RECEIVED.plus(4100, ChronoUnit.DAYS)).seqs())
                .containsExactly(held.seq());
        assertThat(f.verifier().verify().valid()).isTrue();
        assertThat(f.verifier().verify().purged()).isEqualTo(3);
        assertThat(f.archive().entryAt(restricted.seq()).orElseThrow().purged()).isFalse();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aBatchFileGoesWithItsLastRow(Kind kind) {
        Archive a = archive(kind);
        ArchiveFixture f = a.f();
        byte[] csv = "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8);
        String fileSha = ArchiveEntry.sha256Hex(csv);
        ArchiveEntry file = f.append(new ArchiveDraft(RECEIVED, "batch", "received", "STA-330000", null, null, null,
                null, "ID:f", fileSha, csv, "{\"status\":\"received\",\"rows\":2}", "sta-csv/1.0", null));
        ArchiveEntry[] rows = new ArchiveEntry[2];
        for (int i = 0; i < 2; i++) {
            byte[] row = ("{\"messageId\":\"r-" + i + "\",\"handling\":{\"classification\":\"internal\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            rows[i] = f.append(new ArchiveDraft(RECEIVED, "intake", "accepted", "STA-330000", "r-" + i, "info.share",
                    "STA-CASE-" + i, null, "ID:f#row" + (i + 1), fileSha, null, "{\"status\":\"accepted\"}",
                    "sta-csv/1.0", row));
        }
        a.holds().place("STA-CASE-1", Instant.now(), "auditor", "appeal pending");
        Instant sixYears = RECEIVED.plus(6 * 366, ChronoUnit.DAYS);

        assertThat(a.purger().purge(sixYears).seqs()).as("the held row keeps the file").containsExactly(rows[0].seq());
        assertThat(f.archive().entryAt(file.seq()).orElseThrow().raw()).isEqualTo(csv);

        a.holds().release("STA-CASE-1");
        assertThat(a.purger().purge(sixYears).seqs()).containsExactly(rows[1].seq(), file.seq());
        ChainReport report = f.verifier().verify();
        assertThat(report.valid()).as("%s", report.firstInvalid()).isTrue();
        assertThat(report.purged()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void bodiesDeletedWithoutAPurgeAreModified(Kind kind) {
        ArchiveFixture f = archive(kind).f();
        f.append(5);

        f.jdbc().update("UPDATE archive_entry SET raw_body = NULL, canonical_body = NULL WHERE seq = 4");

        ChainReport report = f.verifier().verify();
        assertThat(report.valid()).isFalse();
        assertThat(report.firstInvalid().seq()).isEqualTo(4);
        assertThat(report.firstInvalid().problem()).isEqualTo(ChainProblem.Kind.MODIFIED);
        assertThat(report.firstInvalid().detail()).contains("never purged");
    }
}
