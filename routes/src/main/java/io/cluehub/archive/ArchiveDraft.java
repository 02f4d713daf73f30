package io.cluehub.archive;

import java.time.Instant;

/**
 * What the pipeline knows about one event before it is archived. {@code decision} is JSON (routing, outcome, …);
 * {@code raw} is the exact bytes received, or {@code null} for entries that are not about received bytes.
 */
public record ArchiveDraft(Instant recordedAt, String kind, String status, String sender, String messageId,
        String type, String caseRef, String errorCode, String transportId, String rawSha256, byte[] raw,
        String decision) {
}
