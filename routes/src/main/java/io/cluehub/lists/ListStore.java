package io.cluehub.lists;

import io.cluehub.archive.personal.ArchiveCrypto;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The shared lists' tables (V25): one version per list, every entry with its state, and the history of changes. Entry
 * bodies name their subjects, so they are sealed with the archive's field keys and opened only to be read by an
 * entitled caller. Writers take the list's row lock first ({@link #lockVersion}) and run in the caller's transaction.
 */
@Repository
public class ListStore {

    public static final String ACTIVE = "active";
    public static final String REMOVED = "removed";
    public static final String EXPIRED = "expired";

    /** An entry's state and the list version of its last change. */
    public record EntryState(String owner, String entryId, String state, long version) {
    }

    /** A current entry, opened. */
    public record Entry(String owner, String entryId, long version, String body) {
    }

    /** An active entry whose effectiveTo has passed. */
    public record Due(String owner, String entryId, String effectiveTo, String divisionCode) {
    }

    /** One history row, opened. */
    public record Change(long version, String action, String owner, String entryId, String messageId,
            long archiveSeq, Instant at, String body) {
    }

    private final JdbcTemplate jdbc;
    private final ArchiveCrypto crypto;

    public ListStore(JdbcTemplate jdbc, ArchiveCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    private static String entryAad(String list, String owner, String entryId) {
        return "list-entry:" + list + ":" + owner + ":" + entryId;
    }

    private static String changeAad(String list, long version, String owner, String entryId) {
        return "list-change:" + list + ":" + version + ":" + owner + ":" + entryId;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** The list's version, locking its row until the transaction ends: changes of one list happen one at a time. */
    public long lockVersion(String list) {
        return jdbc.queryForObject("SELECT version FROM shared_list WHERE name = ? FOR UPDATE", Long.class, list);
    }

    public long version(String list) {
        return jdbc.queryForObject("SELECT version FROM shared_list WHERE name = ?", Long.class, list);
    }

    /** Sets the list's version from {@code from} to {@code to}; fails unless the version still is {@code from}. */
    public void bump(String list, long from, long to, Instant at) {
        int n = jdbc.update("UPDATE shared_list SET version = ?, changed_at = ? WHERE name = ? AND version = ?", to,
                utc(at), list, from);
        if (n != 1) {
            throw new IllegalStateException("List " + list + " moved past version " + from + " meanwhile");
        }
    }

    public Optional<EntryState> state(String list, String owner, String entryId) {
        return jdbc.query("SELECT owner, entry_id, state, version FROM shared_list_entry WHERE list_name = ? "
                + "AND owner = ? AND entry_id = ?", ListStore::entryState, list, owner, entryId).stream().findFirst();
    }

    /** Entries of other offices with the same id (to tell "another office's entry" from "unknown"). */
    public List<EntryState> othersWithId(String list, String owner, String entryId) {
        return jdbc.query("SELECT owner, entry_id, state, version FROM shared_list_entry WHERE list_name = ? "
                + "AND entry_id = ? AND owner <> ? ORDER BY owner", ListStore::entryState, list, entryId, owner);
    }

    private static EntryState entryState(ResultSet rs, int i) throws SQLException {
        return new EntryState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }

    /** Adds a new entry, or replaces an existing one's body (update); the entry is then active. */
    public void put(String list, String owner, String entryId, long version, String effectiveTo, Instant expiresAt,
            String divisionCode, String body, String messageId, long archiveSeq, Instant at, boolean add) {
        String sealed = crypto.sealText(body, entryAad(list, owner, entryId));
        OffsetDateTime expires = expiresAt == null ? null : utc(expiresAt);
        if (add) {
            jdbc.update("INSERT INTO shared_list_entry (list_name, owner, entry_id, state, version, effective_to, "
                    + "expires_at, division_code, body, message_id, archive_seq, changed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list, owner, entryId, ACTIVE, version,
                    effectiveTo, expires, divisionCode, sealed, messageId, archiveSeq, utc(at));
        } else {
            changed(jdbc.update("UPDATE shared_list_entry SET version = ?, effective_to = ?, expires_at = ?, "
                    + "division_code = ?, body = ?, message_id = ?, archive_seq = ?, changed_at = ? "
                    + "WHERE list_name = ? AND owner = ? AND entry_id = ? AND state = ?", version, effectiveTo,
                    expires, divisionCode, sealed, messageId, archiveSeq, utc(at), list, owner, entryId, ACTIVE),
                    list, owner, entryId);
        }
    }

    /** Removes an active entry (credit repair); its last body stays for the history. */
    public void remove(String list, String owner, String entryId, long version, String messageId, long archiveSeq,
            Instant at) {
        changed(jdbc.update("UPDATE shared_list_entry SET state = ?, version = ?, message_id = ?, archive_seq = ?, "
                + "changed_at = ? WHERE list_name = ? AND owner = ? AND entry_id = ? AND state = ?", REMOVED, version,
                messageId, archiveSeq, utc(at), list, owner, entryId, ACTIVE), list, owner, entryId);
    }

    /**
     * Claims an active entry whose expiry has passed: true when this call moved it to expired (a conditional update, so
     * two hub instances never expire one entry twice).
     */
    public boolean expire(String list, String owner, String entryId, long version, Instant now) {
        return jdbc.update("UPDATE shared_list_entry SET state = ?, version = ?, changed_at = ? WHERE list_name = ? "
                + "AND owner = ? AND entry_id = ? AND state = ? AND expires_at <= ?", EXPIRED, version, utc(now), list,
                owner, entryId, ACTIVE, utc(now)) == 1;
    }

    private static void changed(int rows, String list, String owner, String entryId) {
        if (rows != 1) {
            throw new IllegalStateException("Entry " + owner + "/" + entryId + " of " + list
                    + " changed meanwhile");
        }
    }

    public void history(String list, long version, String owner, String entryId, String action, String messageId,
            long archiveSeq, Instant at, String body) {
        jdbc.update("INSERT INTO shared_list_change (list_name, version, owner, entry_id, action, message_id, "
                + "archive_seq, changed_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", list, version, owner, entryId,
                action, messageId, archiveSeq, utc(at),
                body == null ? null : crypto.sealText(body, changeAad(list, version, owner, entryId)));
    }

    /** Active entries after the cursor (owner, entryId), in that order. */
    public List<Entry> current(String list, String afterOwner, String afterEntryId, int limit) {
        String owner = afterOwner == null ? "" : afterOwner;
        String entryId = afterEntryId == null ? "" : afterEntryId;
        return jdbc.query("SELECT owner, entry_id, version, body FROM shared_list_entry WHERE list_name = ? "
                + "AND state = ? AND (owner > ? OR (owner = ? AND entry_id > ?)) ORDER BY owner, entry_id LIMIT ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3),
                        crypto.openText(rs.getString(4), entryAad(list, rs.getString(1), rs.getString(2)))),
                list, ACTIVE, owner, owner, entryId, limit);
    }

    public int currentCount(String list) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM shared_list_entry WHERE list_name = ? AND state = ?",
                Integer.class, list, ACTIVE);
    }

    /** Active entries whose expiry is at or before {@code now}, at most {@code limit}. */
    public List<Due> due(String list, Instant now, int limit) {
        return jdbc.query("SELECT owner, entry_id, effective_to, division_code FROM shared_list_entry "
                + "WHERE list_name = ? AND state = ? AND expires_at <= ? ORDER BY owner, entry_id LIMIT ?",
                (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), list, ACTIVE,
                utc(now), limit);
    }

    /** The history rows of versions {@code since < version <= upTo}, in order. */
    public List<Change> changes(String list, long since, long upTo) {
        return jdbc.query("SELECT version, action, owner, entry_id, message_id, archive_seq, changed_at, body "
                + "FROM shared_list_change WHERE list_name = ? AND version > ? AND version <= ? "
                + "ORDER BY version, owner, entry_id",
                (rs, i) -> {
                    long version = rs.getLong(1);
                    String sealed = rs.getString(8);
                    return new Change(version, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                            sealed == null ? null
                                    : crypto.openText(sealed, changeAad(list, version, rs.getString(3),
                                            rs.getString(4))));
                }, list, since, upTo);
    }

}
