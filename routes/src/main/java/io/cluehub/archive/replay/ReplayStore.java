package io.cluehub.archive.replay;

import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.archive.query.ArchiveFilter;
import io.cluehub.archive.query.ArchiveHit;
import io.cluehub.archive.query.ArchiveHits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays and the archive entries each one sends ({@code replay}, {@code replay_message}, V7). The set of entries is
 * written once, when the replay is created, with one {@code INSERT … SELECT} over the filter; progress is marked per
 * batch after its broker transaction committed. Also tells the investigator query which replays sent an entry.
 */
@Repository
public class ReplayStore implements ArchiveHits.ReplayLookup {

    private static final String COLUMNS = "id, created_at, created_by, target, reason, legal_basis, filter, up_to_seq, "
            + "total, sent, skipped, status, error, audit_seq, finished_at";

    private final JdbcTemplate jdbc;
    private final ArchiveCrypto crypto;
    private final JsonMapper json;

    public ReplayStore(JdbcTemplate jdbc, ArchiveCrypto crypto, JsonMapper json) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.json = json;
    }

    /**
     * Creates a replay of the entries {@code condition} selects up to {@code upToSeq}; returns how many it holds.
     * Run inside a database transaction with {@link #attachAudit}.
     */
    public long create(String id, Instant createdAt, String createdBy, String target, String reason, String legalBasis,
            String filterJson, long upToSeq, ArchiveFilter.Condition condition) {
        List<Object> args = new ArrayList<>();
        args.add(id);
        args.addAll(condition.args());
        args.add(upToSeq);
        int total = jdbc.update("INSERT INTO replay_message (replay_id, seq) SELECT ?, seq FROM archive_entry WHERE "
                + condition.sql() + " AND seq <= ?", args.toArray());
        jdbc.update("INSERT INTO replay (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, NULL, NULL, NULL)",
                id, createdAt.atOffset(ZoneOffset.UTC), createdBy, target, seal(reason, id, "reason"),
                seal(legalBasis, id, "legal_basis"), filterJson, upToSeq, total, Replay.RUNNING);
        return total;
    }

    public void attachAudit(String id, long auditSeq) {
        jdbc.update("UPDATE replay SET audit_seq = ? WHERE id = ?", auditSeq, id);
    }

    public Optional<Replay> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM replay WHERE id = ?", this::map, id).stream().findFirst();
    }

    /** Replays still running (to resume after a restart), oldest first. */
    public List<String> running() {
        return jdbc.queryForList("SELECT id FROM replay WHERE status = ? ORDER BY created_at", String.class,
                Replay.RUNNING);
    }

    /** The next entries of a replay still to send, in seq order. */
    public List<Long> unsent(String id, int limit) {
        return jdbc.queryForList("SELECT seq FROM replay_message WHERE replay_id = ? AND sent_at IS NULL ORDER BY seq "
                + "LIMIT ?", Long.class, id, limit);
    }

    /** Marks entries sent (their broker transaction committed) or skipped, and counts them on the replay. */
    public void markDone(String id, List<Long> sent, List<Long> skipped, Instant at) {
        if (!sent.isEmpty()) {
            jdbc.batchUpdate("UPDATE replay_message SET sent_at = ? WHERE replay_id = ? AND seq = ?",
                    sent.stream().map(seq -> new Object[] {at.atOffset(ZoneOffset.UTC), id, seq}).toList());
        }
        if (!skipped.isEmpty()) {
            // A skipped entry is marked with the epoch, so the history of a message shows only real sends.
            jdbc.batchUpdate("UPDATE replay_message SET sent_at = ? WHERE replay_id = ? AND seq = ?",
                    skipped.stream().map(seq -> new Object[] {Instant.EPOCH.atOffset(ZoneOffset.UTC), id, seq})
                            .toList());
        }
        jdbc.update("UPDATE replay SET sent = sent + ?, skipped = skipped + ? WHERE id = ?", sent.size(),
                skipped.size(), id);
    }

    public void finish(String id, String status, String error, Instant at) {
        jdbc.update("UPDATE replay SET status = ?, error = ?, finished_at = ? WHERE id = ?", status,
                error == null ? null : error.substring(0, Math.min(error.length(), 1000)), at.atOffset(ZoneOffset.UTC),
                id);
    }

    @Override
    public Map<Long, List<ArchiveHit.Replayed>> forSeqs(List<Long> seqs) {
        Map<Long, List<ArchiveHit.Replayed>> replayed = new HashMap<>();
        if (seqs.isEmpty()) {
            return replayed;
        }
        List<Object> args = new ArrayList<>(seqs);
        args.add(Instant.EPOCH.atOffset(ZoneOffset.UTC));
        jdbc.query("SELECT m.seq, r.id, r.target, m.sent_at FROM replay_message m JOIN replay r ON r.id = m.replay_id "
                        + "WHERE m.seq IN (" + String.join(", ", Collections.nCopies(seqs.size(), "?")) + ") "
                        + "AND m.sent_at > ? ORDER BY m.sent_at",
                rs -> {
                    replayed.computeIfAbsent(rs.getLong(1), s -> new ArrayList<>()).add(new ArchiveHit.Replayed(
                            rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant().toString()));
                }, args.toArray());
        return replayed;
    }

    private String seal(String text, String id, String column) {
        return crypto.sealText(text, "replay." + column + "/" + id);
    }

    private Replay map(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        Long auditSeq = rs.getObject("audit_seq", Long.class);
        return new Replay(id, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("created_by"), rs.getString("target"),
                crypto.openText(rs.getString("reason"), "replay.reason/" + id),
                crypto.openText(rs.getString("legal_basis"), "replay.legal_basis/" + id),
                json.readTree(rs.getString("filter")), rs.getLong("up_to_seq"), rs.getLong("total"),
                rs.getLong("sent"), rs.getLong("skipped"), rs.getString("status"), rs.getString("error"),
                auditSeq, finished == null ? null : finished.toInstant());
    }
}
