package io.cluehub.archive;

import java.time.Instant;

/**
 * What the pipeline knows about one event before it is archived. {@code decision} is JSON (routing, outcome, …);
 * {@code raw} is the exact bytes received, or {@code null} for entries that are not about received bytes (or that
 * refer to a file entry holding them). {@code formatId} ({@code id/version}) and {@code canonical} are set only for a
 * message received in an agency format: the format in force and the canonical JSON it was mapped to.
 */
public record ArchiveDraft(Instant recordedAt, String kind, String status, String sender, String messageId,
        String type, String caseRef, String errorCode, String transportId, String rawSha256, byte[] raw,
        String decision, String formatId, byte[] canonical) {

    /** A draft about a canonical message (or no message): no agency format, no separate canonical form. */
    public ArchiveDraft(Instant recordedAt, String kind, String status, String sender, String messageId, String type,
            String caseRef, String errorCode, String transportId, String rawSha256, byte[] raw, String decision) {
        this(recordedAt, kind, status, sender, messageId, type, caseRef, errorCode, transportId, rawSha256, raw,
                decision, null, null);
    }
}
