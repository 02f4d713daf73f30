package io.cluehub.archive.replay;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One replay and its progress, as {@code GET /api/v1/replays/{id}} shows it.
 *
 * @param status {@code running}, {@code completed} or {@code failed}
 * @param total how many archived messages it sends (fixed when it was created)
 * @param sent how many were sent (their broker transaction committed)
 * @param skipped how many could not be sent: their bodies were purged under retention
 * @param upToSeq the chain head when it was created: no later entry joins it
 * @param filter the filter as audited (subject terms as HMACs)
 * @param auditSeq the archive entry that records it
 */
public record Replay(String id, Instant createdAt, String createdBy, String target, String reason, String legalBasis,
        JsonNode filter, long upToSeq, long total, long sent, long skipped, String status, String error,
        Long auditSeq, Instant finishedAt) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
