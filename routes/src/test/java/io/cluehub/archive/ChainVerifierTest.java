package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.ChainProblem.Kind;
import io.cluehub.database.TestDatabases;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chain verifier against rows tampered with directly in SQL, each case on H2 and on a real PostgreSQL: every edit,
 * deletion and swap is caught at the right position with the right kind, and an untouched chain is valid. Pages of
 * three rows, so ten entries span four pages.
 */
class ChainVerifierTest {

    private static final String KINDS = "io.cluehub.database.TestDatabases#kinds";
    private static final int N = 10;
    private static final TimeStampAuthority TSA = new HubTimeStampAuthority(HubTsaKeys.generate());

    private static ArchiveFixture chain(TestDatabases.Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        f.append(N);
        return f;
    }

    private static void assertFirstInvalid(ChainReport report, long seq, Kind kind) {
        assertThat(report.valid()).as("valid").isFalse();
        assertThat(report.firstInvalid()).as("firstInvalid").isNotNull();
        assertThat(report.firstInvalid().problem()).as("problem: %s", report.firstInvalid().detail()).isEqualTo(kind);
        assertThat(report.firstInvalid().seq()).as("seq: %s", report.firstInvalid().detail()).isEqualTo(seq);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void untouchedChainIsValid(TestDatabases.Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        assertThat(f.verifier().verify()).isEqualTo(new ChainReport(true, 0, new ArchiveHead(0, ArchiveHead.GENESIS_HASH),
                0, null));
        List<ArchiveEntry> entries = f.append(N);

        ChainReport report = f.verifier().verify();

        assertThat(report.valid()).isTrue();
        assertThat(report.firstInvalid()).isNull();
        assertThat(report.entries()).isEqualTo(N);
        assertThat(report.head()).isEqualTo(new ArchiveHead(N, entries.get(N - 1).entryHash()));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void editedFieldIsModifiedAtItsSeq(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("UPDATE archive_entry SET decision = '{\"status\":\"accepted\",\"forged\":true}' WHERE seq = 4");

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 4, Kind.MODIFIED);
        assertThat(report.entries()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void editedCanonicalFormIsModified(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("UPDATE archive_entry SET canonical_body = ? WHERE seq = 3", (Object) "{}".getBytes());

        assertFirstInvalid(f.verifier().verify(), 3, Kind.MODIFIED);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void editedRawBodyIsModified(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("UPDATE archive_entry SET raw_body = ? WHERE seq = 5", (Object) "{\"forged\":1}".getBytes());

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 5, Kind.MODIFIED);
        assertThat(report.firstInvalid().detail()).contains("raw body");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void editedPrevHashIsModified(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("UPDATE archive_entry SET prev_hash = ? WHERE seq = 7", "e".repeat(64));

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 7, Kind.MODIFIED);
        assertThat(report.firstInvalid().detail()).contains("prev_hash");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deletedRowIsDeletedAtItsSeq(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("DELETE FROM archive_entry WHERE seq = 6");

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 6, Kind.DELETED);
        assertThat(report.entries()).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deletedLastRowIsDeleted(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("DELETE FROM archive_entry WHERE seq = ?", N);

        assertFirstInvalid(f.verifier().verify(), N, Kind.DELETED);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void swappedRowsAreReordered(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        swap(f, 3, 7);

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 3, Kind.REORDERED);
        assertThat(report.firstInvalid().detail()).contains("stored at seq 7");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void swappedNeighboursAreReordered(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        swap(f, 5, 6);

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 5, Kind.REORDERED);
        assertThat(report.firstInvalid().detail()).contains("stored at seq 6");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void headRowNamingAnotherHashIsCaught(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        f.jdbc().update("UPDATE archive_head SET last_hash = ? WHERE id = 1", "a".repeat(64));

        assertFirstInvalid(f.verifier().verify(), N, Kind.HEAD_MISMATCH);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void timestampsOfAnUntouchedChainVerify(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);
        timestamper(f).stampNow();
        f.append(2);
        timestamper(f).stampNow();

        ChainReport report = f.verifier().verify();

        assertThat(report.valid()).as("%s", report.firstInvalid()).isTrue();
        assertThat(report.timestamps()).isEqualTo(2);
        assertThat(report.entries()).isEqualTo(N + 2);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void chainRewrittenWithRecomputedHashesIsCaughtByItsTimestamp(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);
        timestamper(f).stampNow();

        // Someone who knows the hash algorithm edits entry 4 and recomputes every hash after it, and the head.
        f.jdbc().update("UPDATE archive_entry SET decision = '{\"status\":\"rejected\"}' WHERE seq = 4");
        recomputeFrom(f, 4);

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, N, Kind.REWRITTEN);
        assertThat(report.entries()).isEqualTo(N);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void entriesCutFromTheEndAfterATimestampAreDeleted(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);
        timestamper(f).stampNow();

        ArchiveEntry seven = f.archive().entryAt(7).orElseThrow();
        f.jdbc().update("DELETE FROM archive_entry WHERE seq > 7");
        f.jdbc().update("UPDATE archive_head SET last_seq = 7, last_hash = ? WHERE id = 1", seven.entryHash());

        assertFirstInvalid(f.verifier().verify(), 8, Kind.DELETED);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void tokenOfAnotherHeadIsAnInvalidTimestamp(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);
        ArchiveTimestamp first = timestamper(f).stampNow().orElseThrow();
        f.append(1);
        ArchiveTimestamp second = timestamper(f).stampNow().orElseThrow();

        f.jdbc().update("UPDATE archive_timestamp SET token = ? WHERE id = ?", second.token(), first.id());

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, N, Kind.TIMESTAMP_INVALID);
        assertThat(report.firstInvalid().detail()).contains("imprint");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void acceptedEntryThatLostItsLedgerMarkIsALedgerMismatch(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        // Entry 3 is an accepted message: without its mark, a resend of its messageId would be accepted again.
        f.jdbc().update("UPDATE archive_entry SET ledger_key = NULL WHERE seq = 3");

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 3, Kind.LEDGER_MISMATCH);
        assertThat(report.entries()).as("the chain itself verified").isEqualTo(N);
        assertThat(report.firstInvalid().detail()).contains("accepted", "resend");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void ledgerMarkOnAnEntryThatWasNotAcceptedIsALedgerMismatch(TestDatabases.Kind kind) {
        ArchiveFixture f = chain(kind);

        // Entry 2 is a rejection; the mark moved onto it from nowhere, its own accepted entries untouched.
        f.jdbc().update("UPDATE archive_entry SET ledger_key = 1 WHERE seq = 2");

        ChainReport report = f.verifier().verify();
        assertFirstInvalid(report, 2, Kind.LEDGER_MISMATCH);
        assertThat(report.firstInvalid().detail()).contains("rejected", "only an accepted message holds");
    }

    private static ChainTimestamper timestamper(ArchiveFixture f) {
        return new ChainTimestamper(f.archive(), f.timestamps(), TSA, ArchiveFixture.properties(ArchiveFixture.PAGE_SIZE));
    }

    /** Swaps two rows' positions (three updates: seq is the primary key). */
    private static void swap(ArchiveFixture f, long a, long b) {
        f.jdbc().update("UPDATE archive_entry SET seq = -1 WHERE seq = ?", a);
        f.jdbc().update("UPDATE archive_entry SET seq = ? WHERE seq = ?", a, b);
        f.jdbc().update("UPDATE archive_entry SET seq = ? WHERE seq = -1", b);
    }

    /** What a forger would do: recompute prev_hash and entry_hash of every entry from {@code seq} on, and the head. */
    private static void recomputeFrom(ArchiveFixture f, long seq) {
        String prev = f.archive().entryAt(seq - 1).orElseThrow().entryHash();
        ArchiveHead head = f.archive().head();
        for (long s = seq; s <= head.seq(); s++) {
            ArchiveEntry e = f.archive().entryAt(s).orElseThrow();
            String hash = ArchiveEntry.chainHash(prev, ArchiveEntry.canonicalBytes(s, e.draft()));
            f.jdbc().update("UPDATE archive_entry SET prev_hash = ?, entry_hash = ? WHERE seq = ?", prev, hash, s);
            prev = hash;
        }
        f.jdbc().update("UPDATE archive_head SET last_hash = ? WHERE id = 1", prev);
    }
}
