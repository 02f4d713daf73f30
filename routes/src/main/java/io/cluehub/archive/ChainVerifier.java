package io.cluehub.archive;

import io.cluehub.archive.ChainProblem.Kind;
import io.cluehub.security.crypto.FieldCryptoException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves the archive is what the hub wrote, from the stored rows alone: walks {@code archive_entry} in seq order, in
 * pages of {@code cluehub.archive.verify-page-size} rows (memory holds one page, whatever the chain's length), and for
 * every entry recomputes its hash from its fields ({@link ArchiveEntry#draft()}, {@link ArchiveEntry#canonicalBytes},
 * {@link ArchiveEntry#chainHash}), checks that it links to the entry before, that no position is missing, and that its
 * raw body still has its recorded SHA-256 (bodies are decrypted for this: one that no longer decrypts was tampered
 * with; an entry whose bodies retention purged is marked {@code purged_at} and verifies by its recorded hashes alone,
 * while a message entry whose bodies vanished without that mark is reported as modified); then that
 * {@code archive_head} names the last entry, that every intake ledger mark ({@code ledger_key}, outside the hash) is
 * on the entries whose hashed status says it belongs there ({@link ArchiveStore#takesLedgerKey}), and that every
 * time-stamped head is still on the chain with a token that verifies. It stops at the first problem and says where it
 * is and whether the entry there was modified, deleted or reordered.
 *
 * <p>Appends may go on meanwhile: the walk covers the chain up to the head read when it began. The evidence bundle
 * reuses it to prove the entries it exports.
 */
@Component
public class ChainVerifier {

    private final ArchiveStore archive;
    private final TimestampStore timestamps;
    private final TransactionTemplate readOnly;
    private final int pageSize;

    public ChainVerifier(ArchiveStore archive, TimestampStore timestamps, PlatformTransactionManager transactions,
            ArchiveProperties properties) {
        this.archive = archive;
        this.timestamps = timestamps;
        this.pageSize = properties.verifyPageSize();
        this.readOnly = new TransactionTemplate(transactions);
        // One read-only transaction: PostgreSQL streams each page (fetch size) only inside one, and a repeatable
        // read sees the rows as they were when the walk began.
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Verifies the whole chain and every time-stamp of it. */
    public ChainReport verify() {
        return readOnly.execute(status -> walk());
    }

    private ChainReport walk() {
        // Time-stamps first, then the head: every stamp counted here covers a head that existed before this one.
        long stampsUpTo = timestamps.maxId();
        ArchiveHead head = archive.head();
        Walk walk = new Walk();
        long after = 0;
        while (walk.problem == null && after < head.seq()) {
            if (archive.forEachStored(after, head.seq(), pageSize, walk::check) == 0) {
                break;
            }
            after = walk.lastSeq;
        }
        ChainProblem problem = walk.problem != null ? walk.problem : headProblem(head, walk);
        if (problem == null) {
            problem = archive.firstMisplacedLedgerMark(head.seq()).map(ChainVerifier::ledgerProblem).orElse(null);
        }
        if (problem != null) {
            return new ChainReport(false, walk.verified, head, 0, problem, walk.purged);
        }
        long verifiedStamps = 0;
        long afterId = 0;
        while (true) {
            List<ArchiveTimestamp> page = timestamps.page(afterId, stampsUpTo, pageSize);
            for (ArchiveTimestamp stamp : page) {
                Optional<ChainProblem> bad = stampProblem(stamp, head);
                if (bad.isPresent()) {
                    return new ChainReport(false, walk.verified, head, verifiedStamps, bad.get(), walk.purged);
                }
                verifiedStamps++;
                afterId = stamp.id();
            }
            if (page.size() < pageSize) {
                return new ChainReport(true, walk.verified, head, verifiedStamps, null, walk.purged);
            }
        }
    }

    private static ChainProblem headProblem(ArchiveHead head, Walk walk) {
        if (walk.verified < head.seq()) {
            long missing = walk.verified + 1;
            return new ChainProblem(missing, Kind.DELETED, "archive_head names seq " + head.seq()
                    + " but the chain ends at seq " + walk.verified + ": entries " + range(missing, head.seq())
                    + " are missing");
        }
        if (!walk.prevHash.equals(head.hash())) {
            return new ChainProblem(head.seq(), Kind.HEAD_MISMATCH, "archive_head names hash " + head.hash()
                    + " but entry " + head.seq() + " has hash " + walk.prevHash);
        }
        return null;
    }

    private static ChainProblem ledgerProblem(ArchiveStore.LedgerMark mark) {
        String entry = "entry " + mark.seq() + " (" + mark.kind() + ", " + mark.status() + ", " + mark.sender() + " "
                + mark.messageId() + ")";
        String detail;
        if (!mark.marked()) {
            detail = entry + " was accepted but does not hold its intake ledger key (ledger_key): the mark was removed,"
                    + " and a resend of this messageId would be accepted and delivered again";
        } else if (mark.accepted()) {
            detail = entry + " has ledger_key " + mark.ledgerKey() + " where the hub writes 1: the mark was changed";
        } else {
            detail = entry + " holds the intake ledger key (ledger_key), which only an accepted message holds: the mark"
                    + " was set or moved, and the accepted entry of this messageId may have lost it";
        }
        return new ChainProblem(mark.seq(), Kind.LEDGER_MISMATCH, detail);
    }

    private Optional<ChainProblem> stampProblem(ArchiveTimestamp stamp, ArchiveHead head) {
        String which = "time-stamp " + stamp.id() + " (" + stamp.stampedAt() + ", " + stamp.tsaName() + ")";
        if (stamp.headSeq() > head.seq()) {
            return Optional.of(new ChainProblem(head.seq() + 1, Kind.DELETED, which + " covers seq " + stamp.headSeq()
                    + " but the chain now ends at seq " + head.seq() + ": entries " + range(head.seq() + 1,
                    stamp.headSeq()) + " were deleted"));
        }
        String now = archive.entryAt(stamp.headSeq()).map(ArchiveEntry::entryHash).orElse(null);
        if (!stamp.headHash().equals(now)) {
            return Optional.of(new ChainProblem(stamp.headSeq(), Kind.REWRITTEN, which + " covers entry "
                    + stamp.headSeq() + " with hash " + stamp.headHash() + ", but its hash is now " + now
                    + ": the chain up to it was rewritten and its hashes recomputed"));
        }
        return TimestampTokens.problem(stamp.token(), stamp.head())
                .map(reason -> new ChainProblem(stamp.headSeq(), Kind.TIMESTAMP_INVALID, which + ": " + reason));
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + ".." + to;
    }

    /** The entry stored at {@code seq}, if its bodies still decrypt (only used to explain a broken chain). */
    private Optional<ArchiveEntry> movedEntry(long seq) {
        try {
            return archive.entryAt(seq);
        } catch (FieldCryptoException e) {
            return Optional.empty();
        }
    }

    /** The state of one walk: where it is, what the next entry must link to, and the first problem met. */
    private final class Walk {

        long expectedSeq = 1;
        String prevHash = ArchiveHead.GENESIS_HASH;
        long verified;
        long purged;
        long lastSeq;
        ChainProblem problem;

        void check(ArchiveStore.StoredEntry stored) {
            ArchiveEntry e = stored.fields();
            lastSeq = e.seq();
            if (problem != null) {
                return;
            }
            if (e.seq() != expectedSeq) {
                problem = new ChainProblem(expectedSeq, Kind.DELETED, "no entry at seq " + range(expectedSeq,
                        e.seq() - 1) + ": the chain goes from seq " + (expectedSeq - 1) + " to seq " + e.seq());
                return;
            }
            // Bodies are encrypted at rest: open them first (a body that does not decrypt was tampered with).
            byte[] raw;
            byte[] canonical;
            try {
                raw = stored.openRaw();
            } catch (FieldCryptoException ex) {
                problem = unreadable(e.seq(), "raw body", ex);
                return;
            }
            try {
                canonical = stored.hasCanonical() ? stored.openCanonical() : null;
            } catch (FieldCryptoException ex) {
                problem = unreadable(e.seq(), "canonical body", ex);
                return;
            }
            String canonicalSha256 = e.canonicalSha256() != null ? e.canonicalSha256()
                    : canonical == null ? null : ArchiveEntry.sha256Hex(canonical);
            byte[] bytes = ArchiveEntry.canonicalBytes(e.seq(), e.draft(), canonicalSha256);
            String recomputed = ArchiveEntry.chainHash(e.prevHash(), bytes);
            if (!recomputed.equals(e.entryHash()) || !e.prevHash().equals(prevHash)) {
                problem = diagnose(e, bytes, recomputed.equals(e.entryHash()));
                return;
            }
            boolean message = ArchiveEntry.KIND_INTAKE.equals(e.kind()) || ArchiveEntry.KIND_BATCH.equals(e.kind());
            if (message && raw == null && canonical == null && !e.purged()) {
                // Every message entry keeps the bytes received (or, for a batch row, its canonical form) until
                // retention purges them, which marks the entry.
                problem = new ChainProblem(e.seq(), Kind.MODIFIED, "the bodies of entry " + e.seq()
                        + " were deleted, but it was never purged (no purged_at)");
                return;
            }
            if (raw != null && !ArchiveEntry.sha256Hex(raw).equals(e.rawSha256())) {
                problem = new ChainProblem(e.seq(), Kind.MODIFIED, "the raw body of entry " + e.seq()
                        + " no longer has its recorded SHA-256 " + e.rawSha256() + " (now "
                        + ArchiveEntry.sha256Hex(raw) + ")");
                return;
            }
            if (canonical != null && !ArchiveEntry.sha256Hex(canonical).equals(canonicalSha256)) {
                problem = new ChainProblem(e.seq(), Kind.MODIFIED, "the canonical body of entry " + e.seq()
                        + " no longer has its recorded SHA-256 " + canonicalSha256 + " (now "
                        + ArchiveEntry.sha256Hex(canonical) + ")");
                return;
            }
            verified++;
            if (e.purged()) {
                purged++;
            }
            prevHash = e.entryHash();
            expectedSeq++;
        }

        private static ChainProblem unreadable(long seq, String body, FieldCryptoException ex) {
            return new ChainProblem(seq, Kind.MODIFIED, "the " + body + " of entry " + seq + " does not decrypt: "
                    + ex.getMessage());
        }

        /** Entry {@code e} does not recompute or does not link: say what most likely happened. */
        private ChainProblem diagnose(ArchiveEntry e, byte[] canonical, boolean selfConsistent) {
            long seq = e.seq();
            if (!selfConsistent && ArchiveEntry.chainHash(prevHash, canonical).equals(e.entryHash())) {
                return new ChainProblem(seq, Kind.MODIFIED, "the prev_hash of entry " + seq + " was changed (it is "
                        + e.prevHash() + ", entry " + (seq - 1) + " has hash " + prevHash + ")");
            }
            // The entry that follows the last good one has prev_hash = that one's hash: is it stored elsewhere?
            for (long other : archive.seqsWithPrevHash(prevHash)) {
                if (other == seq) {
                    continue;
                }
                Optional<ArchiveEntry> moved = movedEntry(other);
                if (moved.isPresent() && ArchiveEntry.chainHash(prevHash, moved.get().canonicalBytesAt(seq))
                        .equals(moved.get().entryHash())) {
                    return new ChainProblem(seq, Kind.REORDERED, "entry " + seq + " is stored at seq " + other
                            + ", and the row at seq " + seq + " holds another entry (hash " + e.entryHash() + ")");
                }
            }
            if (selfConsistent) {
                // Entry seq is intact but chained to another predecessor: the one before it was replaced by an
                // entry whose hash was recomputed (or, for seq 1, the chain does not start at the genesis hash).
                long at = seq == 1 ? 1 : seq - 1;
                return new ChainProblem(at, Kind.MODIFIED, "entry " + seq + " is chained to hash " + e.prevHash()
                        + " but " + (seq == 1 ? "the chain starts from " + ArchiveHead.GENESIS_HASH
                        : "entry " + at + " has hash " + prevHash + ": entry " + at
                        + " was rewritten and its hash recomputed"));
            }
            return new ChainProblem(seq, Kind.MODIFIED, "entry " + seq + " was changed: its fields give hash "
                    + ArchiveEntry.chainHash(e.prevHash(), canonical) + ", the stored hash is " + e.entryHash());
        }
    }
}
