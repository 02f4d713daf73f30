package io.cluehub.archive;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The time-stamp tokens of the chain head ({@code archive_timestamp}, V3): appended, never changed. */
@Repository
public class TimestampStore {

    private static final String COLUMNS = "id, head_seq, head_hash, stamped_at, tsa_name, token";

    private final JdbcTemplate jdbc;

    public TimestampStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a token over {@code head}; returns it with its id. */
    public ArchiveTimestamp add(ArchiveHead head, TimestampTokens.TokenInfo info, byte[] token) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement("INSERT INTO archive_timestamp "
                    + "(head_seq, head_hash, stamped_at, tsa_name, token) VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
            statement.setLong(1, head.seq());
            statement.setString(2, head.hash());
            statement.setObject(3, info.genTime().atOffset(ZoneOffset.UTC));
            statement.setString(4, info.tsaName());
            statement.setBytes(5, token);
            return statement;
        }, keys);
        return new ArchiveTimestamp(keys.getKey().longValue(), head.seq(), head.hash(), info.genTime(), info.tsaName(),
                token);
    }

    public Optional<ArchiveTimestamp> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_timestamp WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    /** The most recent time-stamp. */
    public Optional<ArchiveTimestamp> latest() {
        return newest(Long.MAX_VALUE, 1).stream().findFirst();
    }

    /** Time-stamps with an id below {@code beforeId}, newest first. */
    public List<ArchiveTimestamp> newest(long beforeId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_timestamp WHERE id < ? ORDER BY id DESC LIMIT ?", MAPPER,
                beforeId, limit);
    }

    /** Time-stamps with {@code afterId < id <= upToId}, oldest first: a page of a walk over all of them. */
    public List<ArchiveTimestamp> page(long afterId, long upToId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_timestamp WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
                MAPPER, afterId, upToId, limit);
    }

    /** Time-stamps of heads with {@code fromSeq <= head_seq <= toSeq}, oldest first, at most {@code limit}. */
    public List<ArchiveTimestamp> coveringRange(long fromSeq, long toSeq, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive_timestamp WHERE head_seq >= ? AND head_seq <= ? "
                + "ORDER BY head_seq, id LIMIT ?", MAPPER, fromSeq, toSeq, limit);
    }

    /** The highest id stored, 0 if none. */
    public long maxId() {
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM archive_timestamp", Long.class);
        return max == null ? 0 : max;
    }

    private static final RowMapper<ArchiveTimestamp> MAPPER = TimestampStore::map;

    private static ArchiveTimestamp map(ResultSet rs, int row) throws SQLException {
        return new ArchiveTimestamp(rs.getLong("id"), rs.getLong("head_seq"), rs.getString("head_hash"),
                rs.getObject("stamped_at", OffsetDateTime.class).toInstant(), rs.getString("tsa_name"),
                rs.getBytes("token"));
    }
}
