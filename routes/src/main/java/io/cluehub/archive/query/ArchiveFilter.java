package io.cluehub.archive.query;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.personal.SubjectKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an investigator asks of the archive: the filters of {@code GET /api/v1/archive/messages}, also the {@code filter}
 * of a replay. Every field is optional and they combine with AND.
 *
 * @param caseRef the envelope's caseRef
 * @param subject a subject's unified social credit code, resident identity number or taxpayer id, found through its
 *        HMAC (the archive holds none of them in clear); {@code subjectName} a person's name, {@code subjectPhone} a
 *        phone number, likewise
 * @param office an office as sender or as recipient (requested, or receiving for an unconnected one)
 * @param sender the authenticated sending office only; {@code messageId} the sender's messageId; {@code rawSha256}
 *        the SHA-256 of the bytes received
 * @param type the message type, e.g. {@code clue.transfer}; {@code status} {@code accepted}, {@code rejected},
 *        {@code duplicate} (or {@code received} for a batch file, {@code recorded} for an audit entry)
 * @param from received at or after (ISO-8601 instant, or a date meaning its start in UTC)
 * @param to received before
 * @param kinds entry kinds: {@code intake} and {@code batch} unless given ({@code audit} lists audit entries)
 */
public record ArchiveFilter(String caseRef, String subject, String subjectName, String subjectPhone, String office,
        String sender, String messageId, String rawSha256, String type, String status, String from, String to,
        List<String> kinds) {

    /** The kinds searched unless a filter names others: messages and batch files, not the audit trail. */
    public static final List<String> MESSAGE_KINDS = List.of(ArchiveEntry.KIND_INTAKE, ArchiveEntry.KIND_BATCH);
    private static final Set<String> KNOWN_KINDS = Set.of(ArchiveEntry.KIND_INTAKE, ArchiveEntry.KIND_BATCH,
            ArchiveEntry.KIND_AUDIT);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** An SQL condition over {@code archive_entry} and its parameters. */
    public record Condition(String sql, List<Object> args) {

        /** This condition and another, e.g. a cursor. */
        public Condition and(String sql, Object... args) {
            List<Object> all = new ArrayList<>(this.args);
            Collections.addAll(all, args);
            return new Condition(this.sql + " AND " + sql, all);
        }
    }

    public static ArchiveFilter none() {
        return new ArchiveFilter(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same filter limited to {@code status}. */
    public ArchiveFilter withStatus(String newStatus) {
        return new ArchiveFilter(caseRef, subject, subjectName, subjectPhone, office, sender, messageId, rawSha256, type,
                newStatus, from, to, kinds);
    }

    /** The same filter limited to messages ({@code intake} entries). */
    public ArchiveFilter messagesOnly() {
        return new ArchiveFilter(caseRef, subject, subjectName, subjectPhone, office, sender, messageId, rawSha256, type,
                status, from, to, List.of(ArchiveEntry.KIND_INTAKE));
    }

    /** Checks every field; throws {@link FilterException} naming the first bad one. */
    public ArchiveFilter validate() {
        length("caseRef", caseRef, 128);
        length("subject", subject, 64);
        length("subjectName", subjectName, 200);
        length("subjectPhone", subjectPhone, 32);
        length("office", office, 32);
        length("sender", sender, 32);
        length("messageId", messageId, 64);
        length("type", type, 64);
        length("status", status, 16);
        if (rawSha256 != null && !SHA256.matcher(rawSha256).matches()) {
            throw new FilterException("rawSha256 must be 64 hex digits");
        }
        if (kinds != null) {
            for (String kind : kinds) {
                if (!KNOWN_KINDS.contains(kind)) {
                    throw new FilterException("kind must be one of " + KNOWN_KINDS.stream().sorted().toList());
                }
            }
        }
        Instant since = time("from", from);
        Instant until = time("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new FilterException("from must be before to");
        }
        return this;
    }

    /** The entry kinds this filter searches. */
    public List<String> searchedKinds() {
        return kinds == null || kinds.isEmpty() ? MESSAGE_KINDS : kinds;
    }

    /** The same filter without its office term. */
    public ArchiveFilter withoutOffice() {
        return new ArchiveFilter(caseRef, subject, subjectName, subjectPhone, null, sender, messageId, rawSha256, type,
                status, from, to, kinds);
    }

    /** The same filter limited to one entry kind. */
    public ArchiveFilter ofKind(String kind) {
        return new ArchiveFilter(caseRef, subject, subjectName, subjectPhone, office, sender, messageId, rawSha256, type,
                status, from, to, List.of(kind));
    }

    /**
     * Whether a term names something an index finds directly (a case, a subject, an office, a sender, a messageId, a
     * hash), so that the entries it matches are few however large the archive.
     */
    public boolean findsThroughAnIndex() {
        return caseRef != null || subject != null || subjectName != null || subjectPhone != null || office != null
                || sender != null || messageId != null || rawSha256 != null;
    }

    /** Whether the filter narrows anything down (a replay refuses the whole archive). */
    public boolean isEmpty() {
        return caseRef == null && subject == null && subjectName == null && subjectPhone == null && office == null
                && sender == null && messageId == null && rawSha256 == null && type == null && status == null
                && from == null && to == null;
    }

    /** The SQL condition of this filter; subject terms become their HMACs. */
    public Condition condition(SubjectKeys subjects) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        List<String> searched = searchedKinds();
        where.add(searched.size() == 1 ? "kind = ?" : "kind IN (" + placeholders(searched.size()) + ")");
        args.addAll(searched);
        equal(where, args, "case_ref", caseRef);
        equal(where, args, "sender", sender);
        equal(where, args, "message_id", messageId);
        equal(where, args, "raw_sha256", rawSha256 == null ? null : rawSha256.toLowerCase(Locale.ROOT));
        equal(where, args, "message_type", type);
        equal(where, args, "status", status);
        Instant since = time("from", from);
        if (since != null) {
            where.add("recorded_at >= ?");
            args.add(since.atOffset(ZoneOffset.UTC));
        }
        Instant until = time("to", to);
        if (until != null) {
            where.add("recorded_at < ?");
            args.add(until.atOffset(ZoneOffset.UTC));
        }
        if (office != null) {
            where.add("(sender = ? OR seq IN (SELECT seq FROM archive_recipient WHERE office = ?))");
            args.add(office);
            args.add(office);
        }
        if (subject != null) {
            subject(where, args, SubjectKeys.IDENTIFIER_KINDS, subjects.identifier(subject));
        }
        if (subjectName != null) {
            subject(where, args, List.of(SubjectKeys.NAME), subjects.name(subjectName));
        }
        if (subjectPhone != null) {
            subject(where, args, List.of(SubjectKeys.PHONE), subjects.phone(subjectPhone));
        }
        return new Condition(String.join(" AND ", where), args);
    }

    /**
     * The filter as the audit trail records it: every field as given, except subject terms, which appear as their
     * HMACs only (an audit entry must not hold the identity number it was asked about).
     */
    public void describe(ObjectNode into, SubjectKeys subjects) {
        put(into, "caseRef", caseRef);
        if (subject != null) {
            into.put("subjectHmac", subjects.identifier(subject));
        }
        if (subjectName != null) {
            into.put("subjectNameHmac", subjects.name(subjectName));
        }
        if (subjectPhone != null) {
            into.put("subjectPhoneHmac", subjects.phone(subjectPhone));
        }
        put(into, "office", office);
        put(into, "sender", sender);
        put(into, "messageId", messageId);
        put(into, "rawSha256", rawSha256);
        put(into, "type", type);
        put(into, "status", status);
        put(into, "from", from);
        put(into, "to", to);
        if (kinds != null) {
            kinds.forEach(into.putArray("kinds")::add);
        }
    }

    private static void put(ObjectNode into, String field, String value) {
        if (value != null) {
            into.put(field, value);
        }
    }

    private static void subject(List<String> where, List<Object> args, List<String> kinds, String hmac) {
        where.add("seq IN (SELECT seq FROM archive_subject WHERE kind IN (" + placeholders(kinds.size())
                + ") AND hmac = ?)");
        args.addAll(kinds);
        args.add(hmac);
    }

    private static void equal(List<String> where, List<Object> args, String column, String value) {
        if (value != null) {
            where.add(column + " = ?");
            args.add(value);
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void length(String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            throw new FilterException(field + " must be 1 to " + max + " characters");
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-22T08:15:00Z}, or with an offset) or a date (its start, UTC). */
    static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new FilterException(field + " must be an ISO-8601 instant (2026-11-22T08:15:00Z) or a date "
                    + "(2026-11-22)");
        }
    }
}
