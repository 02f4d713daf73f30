package io.cluehub.archive.personal;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.EntryIndex;
import io.cluehub.security.crypto.FieldCryptoException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation for archived bodies: {@link #rotate()} adds a fresh AES key to the field keystore and then
 * {@link #reseal()} re-encrypts every stored body that is not under the current key, page by page (one database
 * transaction per page, rows updated only if nobody changed them meanwhile), so old keys can later be retired. Bodies
 * stored in clear before encryption existed (no {@code body_key}) are sealed by the same walk, and indexed (subjects
 * and recipients) as new entries are. The intake's outbox (a copy of every delivery and receipt, kept to complete a
 * decision after a crash) is walked the same way, its bodies stored in clear before V21 included. The free text of
 * replays and legal holds moves to the new key too. The chain is untouched: its hashes cover the plaintext SHA-256s,
 * which re-encryption does not change.
 *
 * <p>A body that no longer decrypts is left as it is and counted; the chain verifier reports it at its entry.
 */
@Component
public class ArchiveRekeyer {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRekeyer.class);
    private static final int PAGE = 100;

    private final JdbcTemplate jdbc;
    private final ArchiveCrypto crypto;
    private final EntryIndex index;
    private final TransactionTemplate transaction;

    public ArchiveRekeyer(JdbcTemplate jdbc, ArchiveCrypto crypto, ArchiveStore archive,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.index = archive.index();
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * What a rotation or re-encryption did.
     *
     * @param keyId the key every readable body is now under
     * @param rotated whether a new key was added first
     * @param resealed archive entries (and replay and hold texts) re-encrypted under it
     * @param outboxResealed outbox bodies re-encrypted under it
     * @param unreadable rows whose bodies did not decrypt and were left as they are
     */
    public record Report(String keyId, boolean rotated, long resealed, long outboxResealed, long unreadable) {
    }

    /** Adds a new key, makes it current, and re-encrypts every stored body under it. */
    public Report rotate() {
        String keyId = crypto.rotate();
        LOG.info("Field keys rotated: new bodies are encrypted under {}", keyId);
        Report report = reseal();
        return new Report(report.keyId(), true, report.resealed(), report.outboxResealed(), report.unreadable());
    }

    /**
     * Re-encrypts every stored body that is not under the current key (or is still in clear): the whole archive and
     * outbox, whatever an earlier check recorded (an operator's reseal, say after a key was restored to the keystore,
     * also retries bodies that did not decrypt before). Afterwards the seal mark covers what was there when it began.
     */
    public Report reseal() {
        crypto.reload();
        String keyId = crypto.currentKeyId();
        long head = head();
        Report report = reseal(keyId, 0);
        markChecked(keyId, head);
        return report;
    }

    /**
     * What each hub does when it starts ({@link ResealOnStart}): seals whatever was archived since the last complete
     * check under the current key and is not under it (bodies another instance sealed under an older key before it
     * saw a rotation, or an earlier release stored in clear), and records how far that check went. With the same key
     * as at the last check this reads only the entries appended since, by their primary key, instead of every row of
     * the archive at every start; after a rotation (a new current key) it walks everything. Bodies that did not decrypt
     * are counted and logged once; {@link #reseal()} tries them again.
     */
    public Report resealAtStart() {
        crypto.reload();
        String keyId = crypto.currentKeyId();
        long head = head();
        long from = checkedThrough(keyId);
        Report report = resealNeeded(keyId, from) ? reseal(keyId, from) : new Report(keyId, false, 0, 0, 0);
        markChecked(keyId, head);
        return report;
    }

    private Report reseal(String keyId, long fromSeq) {
        long after = fromSeq;
        long resealed = 0;
        long unreadable = 0;
        while (true) {
            List<Row> page = page(after, keyId);
            if (page.isEmpty()) {
                break;
            }
            long[] counts = transaction.execute(status -> {
                long done = 0;
                long bad = 0;
                for (Row row : page) {
                    Outcome outcome = reseal(row);
                    if (outcome == Outcome.RESEALED) {
                        done++;
                    } else if (outcome == Outcome.UNREADABLE) {
                        bad++;
                    }
                }
                return new long[] {done, bad};
            });
            resealed += counts[0];
            unreadable += counts[1];
            after = page.get(page.size() - 1).seq();
        }
        resealed += resealReplayTexts(keyId);
        long[] outbox = resealOutbox(keyId, fromSeq);
        unreadable += outbox[1];
        if (resealed > 0 || outbox[0] > 0 || unreadable > 0) {
            LOG.info("Archive bodies re-encrypted under {}: {} entries, {} outbox messages, {} left unreadable", keyId,
                    resealed, outbox[0], unreadable);
        }
        return new Report(keyId, false, resealed, outbox[0], unreadable);
    }

    /**
     * The free text of replays (reason, legal basis) and legal holds (reason) under the current key. Few rows: one
     * pass; a row is updated only if its tokens are still those read. Returns how many rows were re-encrypted.
     */
    private long resealReplayTexts(String keyId) {
        String current = "enc:v1:" + keyId + ":";
        List<String[]> rows = jdbc.query("SELECT id, reason, legal_basis FROM replay WHERE reason NOT LIKE ? "
                        + "OR legal_basis NOT LIKE ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, current + "%",
                current + "%");
        long done = 0;
        for (String[] row : rows) {
            try {
                String reason = crypto.resealText(row[1], "replay.reason/" + row[0]);
                String basis = crypto.resealText(row[2], "replay.legal_basis/" + row[0]);
                done += jdbc.update("UPDATE replay SET reason = ?, legal_basis = ? WHERE id = ? AND reason = ? "
                        + "AND legal_basis = ?", reason, basis, row[0], row[1], row[2]);
            } catch (FieldCryptoException e) {
                LOG.warn("Replay {}: its reason or legal basis does not decrypt ({}); left as it is", row[0],
                        e.getMessage());
            }
        }
        List<String[]> holds = jdbc.query("SELECT case_ref, reason FROM archive_hold WHERE reason NOT LIKE ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, current + "%");
        for (String[] row : holds) {
            try {
                String reason = crypto.resealText(row[1], "archive_hold.reason/" + row[0]);
                done += jdbc.update("UPDATE archive_hold SET reason = ? WHERE case_ref = ? AND reason = ?", reason,
                        row[0], row[1]);
            } catch (FieldCryptoException e) {
                LOG.warn("Legal hold of a case: its reason does not decrypt ({}); left as it is", e.getMessage());
            }
        }
        return done;
    }

    /** Whether any stored body is not under the current key (stops at the first; reads every row if there is none). */
    public boolean resealNeeded() {
        return resealNeeded(crypto.currentKeyId(), 0);
    }

    /** Whether a body of an entry after {@code fromSeq}, or of its outbox, is not under {@code keyId}. */
    private boolean resealNeeded(String keyId, long fromSeq) {
        return !jdbc.queryForList("SELECT seq FROM archive_entry WHERE seq > ? AND " + NEEDS_RESEAL + " LIMIT 1",
                Long.class, fromSeq, keyId).isEmpty()
                || !jdbc.queryForList("SELECT archive_seq FROM outbox_message WHERE archive_seq > ? AND "
                        + OUTBOX_NEEDS_RESEAL + " LIMIT 1", Long.class, fromSeq, keyId).isEmpty();
    }

    /**
     * The archive head now: every entry up to it, and its outbox, is committed (an append moves the head in the
     * entry's own transaction), so a check that starts here covers at least that far.
     */
    private long head() {
        Long head = jdbc.queryForObject("SELECT last_seq FROM archive_head WHERE id = 1", Long.class);
        return head == null ? 0 : head;
    }

    /** How far the last complete check under {@code keyId} went; 0 (everything to check) under another key. */
    private long checkedThrough(String keyId) {
        List<Long> through = jdbc.queryForList("SELECT through_seq FROM archive_seal_mark WHERE id = 1 AND key_id = ?",
                Long.class, keyId);
        return through.isEmpty() || through.get(0) == null ? 0 : through.get(0);
    }

    /**
     * Records a complete check under {@code keyId} up to {@code head}. The last writer wins: two instances checking at
     * once under the same key record a position both covered; an instance still on an older key records that key,
     * and the next check under the current one walks everything again.
     */
    private void markChecked(String keyId, long head) {
        jdbc.update("UPDATE archive_seal_mark SET key_id = ?, through_seq = ? WHERE id = 1", keyId, head);
    }

    private static final String OUTBOX_NEEDS_RESEAL = "(body_key IS NULL OR body_key <> ?)";

    private record OutboxRow(long seq, int position, byte[] body, String bodyKey) {
    }

    /**
     * Every outbox body of the entries after {@code fromSeq} not under the current key, in pages of the primary key
     * (archive position, message position); a row is updated only if its key is still the one read (a purge may delete
     * it meanwhile). Returns how many were re-encrypted and how many did not decrypt.
     */
    private long[] resealOutbox(String keyId, long fromSeq) {
        // After (fromSeq, the last position): the outbox of the entries after fromSeq.
        long afterSeq = fromSeq;
        int afterPosition = Integer.MAX_VALUE;
        long done = 0;
        long bad = 0;
        while (true) {
            List<OutboxRow> page = jdbc.query("SELECT archive_seq, position, body, body_key FROM outbox_message "
                            + "WHERE archive_seq >= ? AND (archive_seq > ? OR position > ?) AND " + OUTBOX_NEEDS_RESEAL
                            + " ORDER BY archive_seq, position LIMIT ?",
                    (rs, i) -> new OutboxRow(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getString(4)),
                    afterSeq, afterSeq, afterPosition, keyId, PAGE);
            if (page.isEmpty()) {
                return new long[] {done, bad};
            }
            long[] counts = transaction.execute(status -> {
                long resealed = 0;
                long unreadable = 0;
                for (OutboxRow row : page) {
                    String aad = ArchiveCrypto.outboxAad(row.seq(), row.position());
                    byte[] body;
                    try {
                        body = crypto.open(row.body(), row.bodyKey(), aad);
                    } catch (FieldCryptoException e) {
                        LOG.warn("Outbox message {} of archive entry {}: its body does not decrypt ({}); left as it is",
                                row.position(), row.seq(), e.getMessage());
                        unreadable++;
                        continue;
                    }
                    ArchiveCrypto.Sealed sealed = crypto.seal(body, aad);
                    resealed += jdbc.update("UPDATE outbox_message SET body = ?, body_key = ? WHERE archive_seq = ? "
                                    + "AND position = ? AND body_key IS NOT DISTINCT FROM ?", sealed.stored(),
                            sealed.keyId(), row.seq(), row.position(), row.bodyKey());
                }
                return new long[] {resealed, unreadable};
            });
            done += counts[0];
            bad += counts[1];
            OutboxRow last = page.get(page.size() - 1);
            afterSeq = last.seq();
            afterPosition = last.position();
        }
    }

    private static final String NEEDS_RESEAL = "(body_key IS NULL OR body_key <> ?) "
            + "AND (raw_body IS NOT NULL OR canonical_body IS NOT NULL)";

    private record Row(long seq, String rawSha256, byte[] raw, byte[] canonical, String bodyKey,
            String canonicalSha256, String kind, String decision) {
    }

    private List<Row> page(long afterSeq, String keyId) {
        return jdbc.query("SELECT seq, raw_sha256, raw_body, canonical_body, body_key, canonical_sha256, kind, "
                        + "decision FROM archive_entry WHERE seq > ? AND " + NEEDS_RESEAL + " ORDER BY seq LIMIT ?",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)),
                afterSeq, keyId, PAGE);
    }

    /** CHANGED: the row changed between read and update (purged, or resealed by another instance). */
    private enum Outcome { RESEALED, UNREADABLE, CHANGED }

    private Outcome reseal(Row row) {
        byte[] raw;
        byte[] canonical;
        String canonicalSha256 = row.canonicalSha256();
        try {
            raw = crypto.open(row.raw(), row.bodyKey(), ArchiveCrypto.rawAad(row.rawSha256()));
            if (row.bodyKey() == null) {
                canonical = row.canonical();
                // Stored before its SHA-256 was recorded: record what it holds (the chain hash still judges it).
                if (canonical != null && canonicalSha256 == null) {
                    canonicalSha256 = ArchiveEntry.sha256Hex(canonical);
                }
            } else {
                canonical = crypto.open(row.canonical(), row.bodyKey(), ArchiveCrypto.canonicalAad(canonicalSha256));
            }
        } catch (FieldCryptoException e) {
            LOG.warn("Archive entry {}: its body does not decrypt ({}); left as it is", row.seq(), e.getMessage());
            return Outcome.UNREADABLE;
        }
        ArchiveCrypto.Sealed sealedRaw = crypto.seal(raw, ArchiveCrypto.rawAad(row.rawSha256()));
        ArchiveCrypto.Sealed sealedCanonical = crypto.seal(canonical, ArchiveCrypto.canonicalAad(canonicalSha256));
        String keyId = sealedRaw != null ? sealedRaw.keyId() : sealedCanonical.keyId();
        int updated = jdbc.update("UPDATE archive_entry SET raw_body = ?, canonical_body = ?, body_key = ?, "
                        + "canonical_sha256 = ? WHERE seq = ? AND body_key IS NOT DISTINCT FROM ?",
                sealedRaw == null ? null : sealedRaw.stored(), sealedCanonical == null ? null : sealedCanonical.stored(),
                keyId, canonicalSha256, row.seq(), row.bodyKey());
        if (updated == 1 && row.bodyKey() == null) {
            // Archived in clear before the indexes existed: index it as it would be indexed now.
            index.replace(jdbc, row.seq(), index.of(row.kind(), canonical != null ? canonical : raw, row.decision()));
        }
        return updated == 1 ? Outcome.RESEALED : Outcome.CHANGED;
    }
}
