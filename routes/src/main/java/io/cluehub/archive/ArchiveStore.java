package io.cluehub.archive;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained archive (DESIGN.md §7). {@link #append} must run inside a database transaction: it
 * locks the chain head, so appends from every consumer and every hub instance form one chain in commit order.
 */
@Repository
public class ArchiveStore {

    private static final String COLUMNS = "seq, recorded_at, kind, status, sender, message_id, message_type, case_ref, "
            + "error_code, transport_id, raw_sha256, raw_body, decision, format_id, canonical_body, prev_hash, entry_hash";

    /** Rows a driver that can stream (PostgreSQL, inside a transaction) holds at once while a page is walked. */
    private static final int FETCH_SIZE = 50;

    private final JdbcTemplate jdbc;

    public ArchiveStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one entry at the head of the chain and returns it with its position and hashes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public ArchiveEntry append(ArchiveDraft draft) {
        // Truncated so that what is hashed is exactly what every database stores (PostgreSQL keeps microseconds).
        ArchiveDraft d = new ArchiveDraft(draft.recordedAt().truncatedTo(ChronoUnit.MILLIS), draft.kind(),
                draft.status(), draft.sender(), draft.messageId(), draft.type(), draft.caseRef(), draft.errorCode(),
                draft.transportId(), draft.rawSha256(), draft.raw(), draft.decision(), draft.formatId(), draft.canonical());
        ArchiveHead head = jdbc.queryForObject("SELECT last_seq, last_hash FROM archive_head WHERE id = 1 FOR UPDATE",
                HEAD);
        long seq = head.seq() + 1;
        String hash = ArchiveEntry.chainHash(head.hash(), ArchiveEntry.canonicalBytes(seq, d));
        jdbc.update("INSERT INTO archive_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, d.recordedAt().atOffset(ZoneOffset.UTC), d.kind(), d.status(), d.sender(), d.messageId(), d.type(),
                d.caseRef(), d.errorCode(), d.transportId(), d.rawSha256(), d.raw(), d.decision(), d.formatId(),
                d.canonical(), head.hash(), hash);
        jdbc.update("UPDATE archive_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
        return new ArchiveEntry(seq, d.recordedAt(), d.kind(), d.status(), d.sender(), d.messageId(), d.type(),
                d.caseRef(), d.errorCode(), d.transportId(), d.rawSha256(), d.raw(), d.decision(), d.formatId(),
                d.canonical(), head.hash(), hash);
    }

    /** Entries for one (sender, messageId), newest first. */
    public List<ArchiveEntry> findByMessage(String sender, String messageId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE sender = ? AND message_id = ? "
                + "ORDER BY seq DESC LIMIT ?", MAPPER, sender, messageId, limit);
    }

    /** Entries whose received bytes have this SHA-256, newest first. */
    public List<ArchiveEntry> findByRawSha256(String rawSha256, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE raw_sha256 = ? ORDER BY seq DESC LIMIT ?",
                MAPPER, rawSha256, limit);
    }

    /** The most recent entries, newest first. */
    public List<ArchiveEntry> latest(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry ORDER BY seq DESC LIMIT ?", MAPPER, limit);
    }

    /** The type of the accepted message with this messageId, for rules about what a reply may answer. */
    public Optional<String> acceptedTypeOf(String messageId) {
        return jdbc.query("SELECT message_type FROM archive_entry WHERE message_id = ? AND status = 'accepted' "
                + "ORDER BY seq LIMIT 1", (rs, i) -> rs.getString(1), messageId).stream().findFirst();
    }

    /** Whether an entry of {@code kind} from {@code sender} about the transport message {@code transportId} exists. */
    public boolean exists(String kind, String sender, String transportId) {
        return !jdbc.query("SELECT seq FROM archive_entry WHERE kind = ? AND sender = ? AND transport_id = ? LIMIT 1",
                (rs, i) -> rs.getLong(1), kind, sender, transportId).isEmpty();
    }

    /** The head of the chain as committed now (no lock). */
    public ArchiveHead head() {
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
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_entry WHERE seq = ?", MAPPER, seq).stream().findFirst();
    }

    /**
     * Positions of the rows whose {@code prev_hash} is this hash: normally the one entry that follows the entry with
     * that hash. Used only to explain a broken chain (no index: a full scan, once, when verification fails).
     */
    public List<Long> seqsWithPrevHash(String prevHash) {
        return jdbc.queryForList("SELECT seq FROM archive_entry WHERE prev_hash = ? ORDER BY seq", Long.class, prevHash);
    }

    private static final RowMapper<ArchiveHead> HEAD = (rs, i) -> new ArchiveHead(rs.getLong(1), rs.getString(2));

    private static final RowMapper<ArchiveEntry> MAPPER = ArchiveStore::map;

    private static ArchiveEntry map(ResultSet rs, int row) throws SQLException {
        return new ArchiveEntry(rs.getLong("seq"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("kind"), rs.getString("status"), rs.getString("sender"), rs.getString("message_id"),
                rs.getString("message_type"), rs.getString("case_ref"), rs.getString("error_code"),
                rs.getString("transport_id"), rs.getString("raw_sha256"), rs.getBytes("raw_body"),
                rs.getString("decision"), rs.getString("format_id"), rs.getBytes("canonical_body"),
                rs.getString("prev_hash"), rs.getString("entry_hash"));
    }
}
