package io.cluehub.archive.query;

import io.cluehub.archive.ArchiveEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns archive entries into {@link ArchiveHit}s with their delivery history: the routing decision of each entry (its
 * decision JSON), what the hub sent because of it (the intake's outbox rows, bodies left out) and the replays that
 * sent it again ({@link ReplayLookup}). One query per page for the outbox and one for replays, however many hits.
 */
@Component
public class ArchiveHits {

    /** Replays that sent archive entries again, by seq; empty until replays exist. */
    public interface ReplayLookup {
        Map<Long, List<ArchiveHit.Replayed>> forSeqs(List<Long> seqs);
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ObjectProvider<ReplayLookup> replays;

    public ArchiveHits(JdbcTemplate jdbc, JsonMapper json, ObjectProvider<ReplayLookup> replays) {
        this.jdbc = jdbc;
        this.json = json;
        this.replays = replays;
    }

    public List<ArchiveHit> of(List<ArchiveEntry> entries) {
        List<Long> seqs = entries.stream().map(ArchiveEntry::seq).toList();
        Map<Long, List<ArchiveHit.Sent>> sent = sent(seqs);
        Map<Long, List<ArchiveHit.Replayed>> replayed = new HashMap<>();
        for (ReplayLookup lookup : replays.orderedStream().toList()) {
            lookup.forSeqs(seqs).forEach((seq, list) -> replayed.computeIfAbsent(seq, s -> new ArrayList<>())
                    .addAll(list));
        }
        List<ArchiveHit> hits = new ArrayList<>(entries.size());
        for (ArchiveEntry e : entries) {
            hits.add(hit(e, sent.getOrDefault(e.seq(), List.of()), replayed.getOrDefault(e.seq(), List.of())));
        }
        return hits;
    }

    private ArchiveHit hit(ArchiveEntry e, List<ArchiveHit.Sent> sent, List<ArchiveHit.Replayed> replays) {
        JsonNode decision = readDecision(e.decision());
        List<ArchiveHit.Delivery> deliveries = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        JsonNode formats = decision.path("deliveryFormats");
        for (JsonNode d : decision.path("routing").path("deliveries")) {
            String deliveredTo = text(d, "deliveredTo");
            recipients.add(deliveredTo);
            deliveries.add(new ArchiveHit.Delivery(text(d, "recipient"), deliveredTo, text(d, "rule"),
                    d.path("fallback").asBoolean(false), deliveredTo == null ? null : text(formats, deliveredTo)));
        }
        Long duplicateOf = decision.path("duplicateOf").isNumber() ? decision.path("duplicateOf").asLong() : null;
        return new ArchiveHit(e.seq(), e.kind(), e.recordedAt().toString(), e.recordedAt().toString(), e.sender(),
                e.messageId(), e.type(), e.caseRef(), e.status(), e.errorCode(), e.rawSha256(), base64(e.raw()),
                e.formatId(), base64(e.canonical()), recipients, e.entryHash(),
                new ArchiveHit.Chain(e.seq(), e.prevHash(), e.entryHash()), decision,
                new ArchiveHit.History(deliveries, sent, duplicateOf, replays),
                e.purgedAt() == null ? null : e.purgedAt().toString());
    }

    private Map<Long, List<ArchiveHit.Sent>> sent(List<Long> seqs) {
        Map<Long, List<ArchiveHit.Sent>> sent = new HashMap<>();
        if (seqs.isEmpty()) {
            return sent;
        }
        jdbc.query("SELECT archive_seq, kind, destination, recipient, duplicate_id FROM outbox_message "
                        + "WHERE archive_seq IN (" + String.join(", ", Collections.nCopies(seqs.size(), "?"))
                        + ") ORDER BY archive_seq, position",
                rs -> {
                    sent.computeIfAbsent(rs.getLong(1), s -> new ArrayList<>()).add(new ArchiveHit.Sent(
                            rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }, seqs.toArray());
        return sent;
    }

    private JsonNode readDecision(String decision) {
        try {
            return decision == null ? json.createObjectNode() : json.readTree(decision);
        } catch (JacksonException e) {
            // A decision that is not JSON is shown as text: the chain verifier judges whether it was tampered with.
            return json.getNodeFactory().stringNode(decision);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
