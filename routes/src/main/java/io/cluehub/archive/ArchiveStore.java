package io.cluehub.archive;

import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.archive.personal.ArchiveCrypto.Sealed;
import io.cluehub.archive.personal.SubjectKeys;
import io.cluehub.security.crypto.FieldCryptoException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only, hash-chained archive (DESIGN.md §7). {@link #append} must run inside a database transaction: it
 * locks the chain head, so appends from every consumer and every hub instance form one chain in commit order.
 * A transaction locks the head at its first append and writes it back once, just before it commits: an intake batch
 * of many decisions reads and updates the head row once, not once per entry.
 *
 * <p>Message bodies are personal data: {@code raw_body} and {@code canonical_body} are stored encrypted
 * ({@link ArchiveCrypto}, key id in {@code body_key}) and decrypted on read; the chain hashes cover their plaintext
 * SHA-256s, so verification does not depend on which key encrypts them. The subjects a message names are indexed by
 * HMAC only ({@code archive_subject}, {@link SubjectKeys}). Encryption and indexing happen before the head is locked,
 * so they do not lengthen the section every appender waits on.
 */
@Repository
public class ArchiveStore {

    private static final String COLUMNS = "seq, recorded_at, kind, status, sender, message_id, message_type, case_ref, "
            + "error_code, transport_id, raw_sha256, raw_body, decision, format_id, canonical_body, prev_hash, entry_hash, "
            + "body_key, canonical_sha256, classification, purged_at";
    private static final String INSERTED = COLUMNS + ", ledger_key";

    /** Rows a driver that can stream (PostgreSQL, inside a transaction) holds at once while a page is walked. */
    private static final int FETCH_SIZE = 50;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ArchiveCrypto crypto;
    private final SubjectKeys subjects;
    private final EntryIndex index;
    private final RowMapper<ArchiveEntry> mapper = this::map;

    public ArchiveStore(JdbcTemplate jdbc, ArchiveCrypto crypto) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.crypto = crypto;
        this.subjects = new SubjectKeys(crypto);
        this.index = new EntryIndex(subjects);
    }

    /** Appends one entry at the head of the chain and returns it with its position and hashes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ArchiveEntry append(ArchiveDraft draft) {
        return append(prepare(draft));
    }

    /**
     * Everything of an append that does not need the chain head: the bodies encrypted, the search index rows computed.
     * Done before the head is locked, so that it does not lengthen the section every appender waits on. An accepted
     * intake entry takes its (sender, messageId) key ({@link #takesLedgerKey}), as every accepted decision does.
     */
    public Prepared prepare(ArchiveDraft draft) {
        return prepare(draft, takesLedgerKey(draft.kind(), draft.status()));
    }

    /**
     * Whether an entry of this kind and status holds the intake ledger key of its (sender, messageId): accepted
     * messages do, nothing else does (duplicates, rejections, batch files, audit and notice entries).
     * {@link ChainVerifier} holds every stored mark to this rule: the chain hash covers the status, not the mark.
     */
    public static boolean takesLedgerKey(String kind, String status) {
        return ArchiveEntry.KIND_INTAKE.equals(kind) && ArchiveEntry.STATUS_ACCEPTED.equals(status);
    }

    /**
     * Like {@link #prepare(ArchiveDraft)}; {@code keyed}: the entry decides its (sender, messageId), which is unique
     * forever (DESIGN.md §4). That key is the intake ledger ({@code io.cluehub.intake.IntakeLedger}): since V28 it is
     * this entry's {@code ledger_key}, in the unique index the lookups by messageId use anyway, instead of a row in a
     * table of its own (which cost an insert on a random key per message). Appending a second keyed entry for the
     * same (sender, messageId) fails with a duplicate-key error.
     */
    public Prepared prepare(ArchiveDraft draft, boolean keyed) {
        // Truncated so that what is hashed is exactly what every database stores (PostgreSQL keeps microseconds).
        ArchiveDraft d = new ArchiveDraft(draft.recordedAt().truncatedTo(ChronoUnit.MILLIS), draft.kind(),
                draft.status(), draft.sender(), draft.messageId(), draft.type(), draft.caseRef(), draft.errorCode(),
                draft.transportId(), draft.rawSha256(), draft.raw(), draft.decision(), draft.formatId(), draft.canonical());
        String canonicalSha256 = d.canonical() == null ? null : ArchiveEntry.sha256Hex(d.canonical());
        Sealed raw = crypto.seal(d.raw(), ArchiveCrypto.rawAad(d.rawSha256()));
        Sealed canonical = crypto.seal(d.canonical(), ArchiveCrypto.canonicalAad(canonicalSha256));
        EntryIndex.Rows rows = index.of(d.kind(), d.canonical() != null ? d.canonical() : d.raw(), d.decision());
        return new Prepared(d, canonicalSha256, raw, canonical, rows, keyed);
    }

    /** Appends a prepared entry at the head of the chain and returns it with its position and hashes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ArchiveEntry append(Prepared prepared) {
        ArchiveDraft d = prepared.draft();
        Sealed raw = prepared.raw();
        Sealed canonical = prepared.canonical();
        String canonicalSha256 = prepared.canonicalSha256();
        String bodyKey = raw != null ? raw.keyId() : canonical != null ? canonical.keyId() : null;
        HeldHead held = lockHead();
        ArchiveHead head = held.head;
        long seq = head.seq() + 1;
        String hash = ArchiveEntry.chainHash(head.hash(), ArchiveEntry.canonicalBytes(seq, d, canonicalSha256));
        jdbc.update("INSERT INTO archive_entry (" + INSERTED + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, NULL, ?)", seq, d.recordedAt().atOffset(ZoneOffset.UTC), d.kind(), d.status(), d.sender(),
                d.messageId(), d.type(), d.caseRef(), d.errorCode(), d.transportId(), d.rawSha256(),
                raw == null ? null : raw.stored(), d.decision(), d.formatId(),
                canonical == null ? null : canonical.stored(), head.hash(), hash, bodyKey, canonicalSha256,
                prepared.rows().classification(), prepared.keyed() ? 1 : null);
        index.insert(jdbc, seq, prepared.rows());
        held.moveTo(new ArchiveHead(seq, hash));
        return new ArchiveEntry(seq, d.recordedAt(), d.kind(), d.status(), d.sender(), d.messageId(), d.type(),
                d.caseRef(), d.errorCode(), d.transportId(), d.rawSha256(), d.raw(), d.decision(), d.formatId(),
                d.canonical(), head.hash(), hash, canonicalSha256, null);
    }

    /**
     * The head as this transaction holds it: locked ({@code FOR UPDATE}) at its first append and kept with the
     * transaction, which writes it back once, before it commits. A transaction that cannot carry it (no transaction
     * synchronisation, or one run inside another that holds the head already, which would wait on that lock as
     * before) writes it back after every append.
     */
    private HeldHead lockHead() {
        HeldHead kept = heldHere();
        if (kept != null) {
            return kept;
        }
        Object transaction = TransactionSynchronizationManager.getResource(dataSource);
        ArchiveHead head = jdbc.queryForObject("SELECT last_seq, last_hash FROM archive_head WHERE id = 1 FOR UPDATE",
                HEAD);
        if (transaction == null || !TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(this)) {
            return new HeldHead(null, head, true);
        }
        HeldHead held = new HeldHead(transaction, head, false);
        TransactionSynchronizationManager.bindResource(this, held);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                held.writeBack();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ArchiveStore.this);
            }
        });
        return held;
    }

    /** The head the current transaction keeps, or null if it keeps none (it has not appended, or is another's). */
    private HeldHead heldHere() {
        return TransactionSynchronizationManager.getResource(this) instanceof HeldHead held
                && held.transaction == TransactionSynchronizationManager.getResource(dataSource) ? held : null;
    }

    /** The chain head one transaction has locked, and whether it moved since it was last written. */
    private final class HeldHead {
        private final Object transaction;
        private final boolean writeThrough;
        private ArchiveHead head;
        private boolean moved;

        HeldHead(Object transaction, ArchiveHead head, boolean writeThrough) {
            this.transaction = transaction;
            this.head = head;
            this.writeThrough = writeThrough;
        }

        void moveTo(ArchiveHead next) {
            head = next;
            moved = true;
            if (writeThrough) {
                writeBack();
            }
        }

        void writeBack() {
            if (moved) {
                jdbc.update("UPDATE archive_head SET last_seq = ?, last_hash = ? WHERE id = 1", head.seq(),
                        head.hash());
                moved = false;
            }
        }
    }

    /**
     * An entry ready to be appended: its draft (recorded time truncated), sealed bodies and index rows; {@code keyed}
     * if it decides its (sender, messageId).
     */
    public record Prepared(ArchiveDraft draft, String canonicalSha256, Sealed raw, Sealed canonical,
            EntryIndex.Rows rows, boolean keyed) {
    }

    /** The subject index of this store (to compute the HMACs a search looks up). */
    public SubjectKeys subjects() {
        return subjects;
    }

    /** The search indexes entries are written with (to index entries archived before the indexes existed). */
    public EntryIndex index() {
        return index;
    }

    /** Sort order of {@link #select}. */
    public enum Order {
        NEWEST_FIRST("seq DESC"),
        OLDEST_FIRST("seq ASC"),
        /**
         * Newest first, for a condition that fixes the kind ({@code kind = ?}): the same order, spelled as the
         * archive's (kind, seq) index, which H2 then reads backwards and leaves at the page's end. Ordered by seq
         * alone, H2 read every entry of the kind and sorted them.
         */
        NEWEST_FIRST_OF_ONE_KIND("kind DESC, seq DESC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /**
     * Entries matching {@code condition}, an SQL boolean expression over the columns of {@code archive_entry} built
     * by the hub from fixed fragments (values only ever as {@code ?} parameters in {@code args}), in seq order, at
     * most {@code limit}. How investigator queries, replays and bundles select entries.
     */
    public List<ArchiveEntry> select(String condition, List<Object> args, Order order, int limit) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE " + condition + " ORDER BY " + order.sql
                + " LIMIT ?", mapper, all.toArray());
    }

    /**
     * Positions below {@code before} of the entries {@code office} sent, newest first, at most {@code limit}: the
     * (sender, seq) index read backwards, in its own order so that H2 stops at the limit.
     */
    public List<Long> seqsSentBy(String office, long before, int limit) {
        return jdbc.queryForList("SELECT seq FROM archive_entry WHERE sender = ? AND seq < ? "
                + "ORDER BY sender DESC, seq DESC LIMIT ?", Long.class, office, before, limit);
    }

    /**
     * Positions below {@code before} of the entries whose deliveries named {@code office}, newest first, at most
     * {@code limit}: the (office, seq) index of the recipients (V34) read backwards.
     */
    public List<Long> seqsReceivedBy(String office, long before, int limit) {
        return jdbc.queryForList("SELECT seq FROM archive_recipient WHERE office = ? AND seq < ? "
                + "ORDER BY office DESC, seq DESC LIMIT ?", Long.class, office, before, limit);
    }

    /** Positions of the entries whose subject index holds {@code hmac} under one of {@code kinds}, newest first. */
    public List<Long> seqsWithSubject(List<String> kinds, String hmac, int limit) {
        String in = String.join(", ", Collections.nCopies(kinds.size(), "?"));
        List<Object> args = new ArrayList<>(kinds);
        args.add(hmac);
        args.add(limit);
        return jdbc.queryForList("SELECT DISTINCT seq FROM archive_subject WHERE kind IN (" + in + ") AND hmac = ? "
                + "ORDER BY seq DESC LIMIT ?", Long.class, args.toArray());
    }

    /** How many entries match {@code condition} (built as for {@link #select}). */
    public long count(String condition, List<Object> args) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM archive_entry WHERE " + condition, Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    /** Entries for one (sender, messageId), newest first. */
    public List<ArchiveEntry> findByMessage(String sender, String messageId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE sender = ? AND message_id = ? "
                + "ORDER BY seq DESC LIMIT ?", mapper, sender, messageId, limit);
    }

    /** Entries whose received bytes have this SHA-256, newest first. */
    public List<ArchiveEntry> findByRawSha256(String rawSha256, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE raw_sha256 = ? ORDER BY seq DESC LIMIT ?",
                mapper, rawSha256, limit);
    }

    /** The most recent entries, newest first. */
    public List<ArchiveEntry> latest(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry ORDER BY seq DESC LIMIT ?", mapper, limit);
    }

    /** The type of the accepted message with this messageId, for rules about what a reply may answer. */
    public Optional<String> acceptedTypeOf(String messageId) {
        return jdbc.query("SELECT message_type FROM archive_entry WHERE message_id = ? AND status = 'accepted' "
                + "ORDER BY seq LIMIT 1", (rs, i) -> rs.getString(1), messageId).stream().findFirst();
    }

    /**
     * Whether an entry of {@code kind} from {@code sender} about the transport message {@code transportId}, whose body
     * had SHA-256 {@code rawSha256}, exists. Found through the archive's index on that hash: by sender and transport id
     * alone the look-up read every entry the sender ever sent.
     */
    public boolean exists(String kind, String sender, String transportId, String rawSha256) {
        return !jdbc.query("SELECT seq FROM archive_entry WHERE raw_sha256 = ? AND kind = ? AND sender = ? "
                + "AND transport_id = ? LIMIT 1", (rs, i) -> rs.getLong(1), rawSha256, kind, sender, transportId)
                .isEmpty();
    }

    /**
     * The head of the chain as committed now (no lock); inside a transaction that appended, its own head, as a read of
     * the row would have returned before the transaction kept it.
     */
    public ArchiveHead head() {
        HeldHead kept = heldHere();
        if (kept != null) {
            return kept.head;
        }
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM archive_head WHERE id = 1", HEAD);
    }

    /**
     * Hands the entries with {@code afterSeq < seq <= upToSeq} to {@code handler} in seq order, at most {@code limit}
     * of them, one row at a time; returns how many it handed over. Callers walk a chain of any length in pages of
     * {@code limit} rows, keyed by the last seq seen, so memory holds one page at most (and, with PostgreSQL inside a
     * transaction, only {@value #FETCH_SIZE} rows of it).
     */
    public int forEachEntry(long afterSeq, long upToSeq, int limit, Consumer<ArchiveEntry> handler) {
        int[] count = {0};
        RowCallbackHandler each = rs -> handler.accept(map(rs, count[0]++));
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("SELECT " + COLUMNS
                    + " FROM archive_entry WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
            statement.setLong(1, afterSeq);
            statement.setLong(2, upToSeq);
            statement.setInt(3, limit);
            statement.setFetchSize(Math.min(limit, FETCH_SIZE));
            return statement;
        }, each);
        return count[0];
    }

    /** The entry at this chain position, if a row has it. */
    public Optional<ArchiveEntry> entryAt(long seq) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE seq = ?", mapper, seq).stream().findFirst();
    }

    /**
     * Positions of the rows whose {@code prev_hash} is this hash: normally the one entry that follows the entry with
     * that hash. Used only to explain a broken chain (no index: a full scan, once, when verification fails).
     */
    public List<Long> seqsWithPrevHash(String prevHash) {
        return jdbc.queryForList("SELECT seq FROM archive_entry WHERE prev_hash = ? ORDER BY seq", Long.class, prevHash);
    }

    /**
     * Hands the entries with {@code afterSeq < seq <= upToSeq} to {@code handler} in seq order as they are stored, with
     * their bodies still sealed: how the chain verifier reads them, so that a body that no longer decrypts is reported
     * at its entry instead of failing the walk. Paged like {@link #forEachEntry}.
     */
    public int forEachStored(long afterSeq, long upToSeq, int limit, Consumer<StoredEntry> handler) {
        int[] count = {0};
        RowCallbackHandler each = rs -> {
            count[0]++;
            handler.accept(stored(rs));
        };
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("SELECT " + COLUMNS
                    + " FROM archive_entry WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
            statement.setLong(1, afterSeq);
            statement.setLong(2, upToSeq);
            statement.setInt(3, limit);
            statement.setFetchSize(Math.min(limit, FETCH_SIZE));
            return statement;
        }, each);
        return count[0];
    }

    /**
     * The first entry up to {@code upToSeq} whose intake ledger mark ({@code ledger_key}) breaks
     * {@link #takesLedgerKey}: an accepted message without it, or the mark on any other entry. Empty when every mark
     * is where the hub puts it. One scan of the range, for {@link ChainVerifier}.
     */
    public Optional<LedgerMark> firstMisplacedLedgerMark(long upToSeq) {
        String accepted = "kind = ? AND status = ?";
        return jdbc.query("SELECT seq, kind, status, sender, message_id, ledger_key FROM archive_entry WHERE seq <= ? "
                + "AND ((" + accepted + " AND ledger_key IS NULL) OR (ledger_key IS NOT NULL AND NOT (" + accepted
                + " AND ledger_key = 1))) ORDER BY seq LIMIT 1",
                (rs, i) -> new LedgerMark(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6) == null ? null : rs.getInt(6)),
                upToSeq, ArchiveEntry.KIND_INTAKE, ArchiveEntry.STATUS_ACCEPTED, ArchiveEntry.KIND_INTAKE,
                ArchiveEntry.STATUS_ACCEPTED).stream().findFirst();
    }

    /** An entry's intake ledger mark as stored: its {@code ledger_key}, null when unmarked. */
    public record LedgerMark(long seq, String kind, String status, String sender, String messageId, Integer ledgerKey) {

        public boolean marked() {
            return ledgerKey != null;
        }

        public boolean accepted() {
            return takesLedgerKey(kind, status);
        }
    }

    /**
     * One row as stored: the entry's fields (bodies left out) and its sealed bodies with the key id they name.
     * {@link #openRaw()} and {@link #openCanonical()} decrypt them, failing if they were tampered with.
     */
    public final class StoredEntry {

        private final ArchiveEntry fields;
        private final byte[] sealedRaw;
        private final byte[] sealedCanonical;
        private final String bodyKey;

        StoredEntry(ArchiveEntry fields, byte[] sealedRaw, byte[] sealedCanonical, String bodyKey) {
            this.fields = fields;
            this.sealedRaw = sealedRaw;
            this.sealedCanonical = sealedCanonical;
            this.bodyKey = bodyKey;
        }

        /** The entry without its bodies ({@code raw} and {@code canonical} are null). */
        public ArchiveEntry fields() {
            return fields;
        }

        public boolean hasRaw() {
            return sealedRaw != null;
        }

        public boolean hasCanonical() {
            return sealedCanonical != null;
        }

        /** @throws FieldCryptoException if the stored raw body does not decrypt for this entry */
        public byte[] openRaw() {
            return crypto.open(sealedRaw, bodyKey, ArchiveCrypto.rawAad(fields.rawSha256()));
        }

        /**
         * The canonical body's plaintext. Entries stored before the canonical SHA-256 was recorded were sealed (by
         * {@link io.cluehub.archive.personal.ArchiveRekeyer}) under the SHA-256 of what they held then.
         *
         * @throws FieldCryptoException if the stored canonical body does not decrypt for this entry
         */
        public byte[] openCanonical() {
            if (bodyKey == null || fields.canonicalSha256() != null) {
                return crypto.open(sealedCanonical, bodyKey, ArchiveCrypto.canonicalAad(fields.canonicalSha256()));
            }
            throw new FieldCryptoException("Entry " + fields.seq() + " has a sealed canonical body but no recorded "
                    + "canonical SHA-256");
        }
    }

    private static final RowMapper<ArchiveHead> HEAD = (rs, i) -> new ArchiveHead(rs.getLong(1), rs.getString(2));

    private ArchiveEntry map(ResultSet rs, int row) throws SQLException {
        StoredEntry stored = stored(rs);
        ArchiveEntry f = stored.fields();
        byte[] raw = stored.openRaw();
        byte[] canonical = stored.hasCanonical() ? stored.openCanonical() : null;
        return new ArchiveEntry(f.seq(), f.recordedAt(), f.kind(), f.status(), f.sender(), f.messageId(), f.type(),
                f.caseRef(), f.errorCode(), f.transportId(), f.rawSha256(), raw, f.decision(), f.formatId(), canonical,
                f.prevHash(), f.entryHash(), f.canonicalSha256(), f.purgedAt());
    }

    private static Instant purgedAt(ResultSet rs) throws SQLException {
        OffsetDateTime purged = rs.getObject("purged_at", OffsetDateTime.class);
        return purged == null ? null : purged.toInstant();
    }

    private StoredEntry stored(ResultSet rs) throws SQLException {
        ArchiveEntry fields = new ArchiveEntry(rs.getLong("seq"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("kind"),
                rs.getString("status"), rs.getString("sender"), rs.getString("message_id"),
                rs.getString("message_type"), rs.getString("case_ref"), rs.getString("error_code"),
                rs.getString("transport_id"), rs.getString("raw_sha256"), null, rs.getString("decision"),
                rs.getString("format_id"), null, rs.getString("prev_hash"), rs.getString("entry_hash"),
                rs.getString("canonical_sha256"), purgedAt(rs));
        return new StoredEntry(fields, rs.getBytes("raw_body"), rs.getBytes("canonical_body"), rs.getString("body_key"));
    }
}
