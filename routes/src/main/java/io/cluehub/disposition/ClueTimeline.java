package io.cluehub.disposition;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/clues/{messageId}}: a clue's disposition at each recipient. Times are RFC 3339 strings in UTC.
 */
public record ClueTimeline(String messageId, String sender, String caseRef, List<Recipient> recipients) {

    /**
     * One recipient's disposition: where its copy went, its current state, its deadlines and whether any is missed
     * ({@code overdue}, with {@code overdueDeadlines} naming {@code acknowledge} and/or {@code decide}), and every state
     * it went through.
     */
    public record Recipient(String recipient, String deliveredTo, String referredFrom, String state,
            String deliveredAt, String acknowledgeDue, String decideDue, String acknowledgedAt, String decidedAt,
            boolean overdue, List<String> overdueDeadlines, List<Step> timeline) {
    }

    /**
     * One state entered: when, by which message ({@code messageId}, {@code archiveSeq}: the clue itself for
     * {@code delivered}, the status or the referring status otherwise); {@code reason}, {@code referredTo} and
     * {@code result} as the status carried them (read from the archive; absent once its body is purged).
     */
    public record Step(String state, String at, String messageId, long archiveSeq, String reason, String referredTo,
            JsonNode result) {
    }
}
