package io.cluehub.archive;

import io.cluehub.archive.personal.SubjectKeys;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search indexes of one message entry, written with it: the subjects it names, by HMAC only
 * ({@code archive_subject}, see {@link SubjectKeys}), and the offices it went to ({@code archive_recipient}: each
 * delivery's requested recipient and the office that received it, from the decision's {@code routing.deliveries}).
 * Investigators search by subject and by office (as sender or recipient) through them. Also reads the message's
 * {@code handling.classification}, stored on the entry for retention. Only entries of kind {@code intake} are
 * indexed; batch files are indexed through their rows.
 */
public final class EntryIndex {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_OFFICE_LENGTH = 32;

    private final SubjectKeys subjects;

    public EntryIndex(SubjectKeys subjects) {
        this.subjects = subjects;
    }

    /**
     * The index rows of one entry, and its {@code handling.classification} (which chooses its retention period; null
     * when the message does not say or could not be read).
     */
    public record Rows(Set<SubjectKeys.Key> subjects, Set<String> recipients, String classification) {

        public boolean isEmpty() {
            return subjects.isEmpty() && recipients.isEmpty();
        }
    }

    /** What to index for an entry of {@code kind} whose canonical message and decision JSON are these. */
    public Rows of(String kind, byte[] canonicalMessage, String decision) {
        if (!ArchiveEntry.KIND_INTAKE.equals(kind)) {
            return new Rows(Set.of(), Set.of(), null);
        }
        JsonNode message = read(canonicalMessage);
        return new Rows(subjects.of(message), recipients(decision), classification(message));
    }

    /** The classification the message's handling names, if it is one word of at most 16 characters. */
    static String classification(JsonNode message) {
        JsonNode value = message == null ? null : message.path("handling").get("classification");
        return value != null && value.isString() && value.asString().matches("[a-z-]{1,16}") ? value.asString() : null;
    }

    private static JsonNode read(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            // A rejected body that is not JSON: nothing to index, no classification.
            return null;
        }
    }

    /** Writes the rows of a new entry. */
    public void insert(JdbcTemplate jdbc, long seq, Rows rows) {
        if (!rows.subjects().isEmpty()) {
            jdbc.batchUpdate("INSERT INTO archive_subject (seq, kind, hmac) VALUES (?, ?, ?)",
                    rows.subjects().stream().map(k -> new Object[] {seq, k.kind(), k.hmac()}).toList());
        }
        if (!rows.recipients().isEmpty()) {
            jdbc.batchUpdate("INSERT INTO archive_recipient (seq, office) VALUES (?, ?)",
                    rows.recipients().stream().map(office -> new Object[] {seq, office}).toList());
        }
    }

    /** Rewrites the rows of an existing entry (indexing entries archived before the indexes existed). */
    public void replace(JdbcTemplate jdbc, long seq, Rows rows) {
        jdbc.update("DELETE FROM archive_subject WHERE seq = ?", seq);
        jdbc.update("DELETE FROM archive_recipient WHERE seq = ?", seq);
        insert(jdbc, seq, rows);
        jdbc.update("UPDATE archive_entry SET classification = ? WHERE seq = ?", rows.classification(), seq);
    }

    /** Every office named by the decision's deliveries, as requested recipient or as the office that received it. */
    static Set<String> recipients(String decision) {
        Set<String> offices = new LinkedHashSet<>();
        if (decision == null) {
            return offices;
        }
        JsonNode root;
        try {
            root = JSON.readTree(decision);
        } catch (JacksonException e) {
            return offices;
        }
        for (JsonNode delivery : root.path("routing").path("deliveries")) {
            for (String field : new String[] {"recipient", "deliveredTo"}) {
                JsonNode office = delivery.get(field);
                if (office != null && office.isString() && office.asString().length() <= MAX_OFFICE_LENGTH) {
                    offices.add(office.asString());
                }
            }
        }
        return offices;
    }
}
