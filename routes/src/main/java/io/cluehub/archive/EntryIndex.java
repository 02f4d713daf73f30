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
 * Investigators search by subject and by office (as sender or recipient) through them. Only entries of kind
 * {@code intake} are indexed; batch files are indexed through their rows.
 */
public final class EntryIndex {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_OFFICE_LENGTH = 32;

    private final SubjectKeys subjects;

    public EntryIndex(SubjectKeys subjects) {
        this.subjects = subjects;
    }

    /** The index rows of one entry. */
    public record Rows(Set<SubjectKeys.Key> subjects, Set<String> recipients) {

        public boolean isEmpty() {
            return subjects.isEmpty() && recipients.isEmpty();
        }
    }

    /** What to index for an entry of {@code kind} whose canonical message and decision JSON are these. */
    public Rows of(String kind, byte[] canonicalMessage, String decision) {
        if (!ArchiveEntry.KIND_INTAKE.equals(kind)) {
            return new Rows(Set.of(), Set.of());
        }
        return new Rows(subjects.of(canonicalMessage), recipients(decision));
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
