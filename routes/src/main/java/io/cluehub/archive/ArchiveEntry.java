package io.cluehub.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One archived entry with its chain position and hashes. {@code raw} and {@code canonical} are plaintext (the store
 * encrypts them at rest); {@code canonicalSha256} is the SHA-256 of the canonical form as recorded when it was
 * archived (null for entries without one, and for entries archived before it was recorded: then it is computed from
 * {@code canonical}). {@code purgedAt} is set once retention removed the bodies: such an entry keeps every hashed
 * field and still recomputes, but has no bodies to show.
 */
public record ArchiveEntry(long seq, Instant recordedAt, String kind, String status, String sender, String messageId,
        String type, String caseRef, String errorCode, String transportId, String rawSha256, byte[] raw,
        String decision, String formatId, byte[] canonical, String prevHash, String entryHash, String canonicalSha256,
        Instant purgedAt) {

    /** A message received on its own, or one row of a batch: status accepted, rejected or duplicate. */
    public static final String KIND_INTAKE = "intake";
    /** The status of an intake entry the hub accepted: the one entry that holds its (sender, messageId). */
    public static final String STATUS_ACCEPTED = "accepted";
    /** A body holding several messages (a CSV file), archived once as received. */
    public static final String KIND_BATCH = "batch";
    /** Someone read or used the archive (a query, a replay, a bundle, a legal hold, a purge, a key rotation). */
    public static final String KIND_AUDIT = "audit";

    /**
     * The bytes the chain hash covers: every field but the raw body itself (covered through its SHA-256), each as
     * {@code name=value} on its own line, in a fixed order, absent values empty. Simple enough to recompute by hand.
     * Entries about agency-format messages add two lines, {@code format} and {@code canonicalSha256} (the SHA-256 of
     * the canonical form); entries without a format have neither, so their bytes are as they always were.
     */
    public static byte[] canonicalBytes(long seq, ArchiveDraft d) {
        return canonicalBytes(seq, d, d.canonical() == null ? null : sha256Hex(d.canonical()));
    }

    /**
     * As {@link #canonicalBytes(long, ArchiveDraft)}, with the canonical form given by its SHA-256 (which is all the
     * bytes hold of it): how an entry whose canonical body was purged still recomputes.
     */
    public static byte[] canonicalBytes(long seq, ArchiveDraft d, String canonicalSha256) {
        StringBuilder b = new StringBuilder(256 + d.decision().length());
        line(b, "seq", Long.toString(seq));
        line(b, "recordedAt", d.recordedAt().toString());
        line(b, "kind", d.kind());
        line(b, "status", d.status());
        line(b, "sender", d.sender());
        line(b, "messageId", d.messageId());
        line(b, "type", d.type());
        line(b, "caseRef", d.caseRef());
        line(b, "errorCode", d.errorCode());
        line(b, "transportId", d.transportId());
        line(b, "rawSha256", d.rawSha256());
        line(b, "decision", d.decision());
        if (d.formatId() != null || canonicalSha256 != null) {
            line(b, "format", d.formatId());
            line(b, "canonicalSha256", canonicalSha256);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(name).append('=').append(value == null ? "" : value.replace("\n", "\\n")).append('\n');
    }

    /** SHA-256 over the previous entry's hash (as its 64 hex characters) followed by the canonical bytes. */
    public static String chainHash(String prevHash, byte[] canonical) {
        MessageDigest digest = sha256();
        digest.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        digest.update(canonical);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The bytes this entry's hash covers, as stored: {@code entryHash = chainHash(prevHash, canonicalBytes())}. */
    public byte[] canonicalBytes() {
        return canonicalBytesAt(seq);
    }

    /** The bytes this entry's fields would give at another position (to recognise an entry moved there). */
    public byte[] canonicalBytesAt(long position) {
        return canonicalBytes(position, draft(), effectiveCanonicalSha256());
    }

    /** The recorded SHA-256 of the canonical form, else the SHA-256 of the canonical body, else null. */
    public String effectiveCanonicalSha256() {
        if (canonicalSha256 != null) {
            return canonicalSha256;
        }
        return canonical == null ? null : sha256Hex(canonical);
    }

    /** Whether retention removed this entry's bodies. */
    public boolean purged() {
        return purgedAt != null;
    }

    /** The canonical JSON of a message entry: the canonical form of an agency-format message, else the raw bytes. */
    public byte[] canonicalMessage() {
        return canonical != null ? canonical : raw;
    }

    /** The draft this entry was appended from, for recomputing its hash. */
    public ArchiveDraft draft() {
        return new ArchiveDraft(recordedAt, kind, status, sender, messageId, type, caseRef, errorCode, transportId,
                rawSha256, raw, decision, formatId, canonical);
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
