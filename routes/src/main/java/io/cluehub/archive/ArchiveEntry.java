package io.cluehub.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** One archived entry with its chain position and hashes. */
public record ArchiveEntry(long seq, Instant recordedAt, String kind, String status, String sender, String messageId,
        String type, String caseRef, String errorCode, String transportId, String rawSha256, byte[] raw,
        String decision, String formatId, byte[] canonical, String prevHash, String entryHash) {

    /**
     * The bytes the chain hash covers: every field but the raw body itself (covered through its SHA-256), each as
     * {@code name=value} on its own line, in a fixed order, absent values empty. Simple enough to recompute by hand.
     * Entries about agency-format messages add two lines, {@code format} and {@code canonicalSha256} (the SHA-256 of
     * the canonical form); entries without a format have neither, so their bytes are as they always were.
     */
    public static byte[] canonicalBytes(long seq, ArchiveDraft d) {
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
        if (d.formatId() != null || d.canonical() != null) {
            line(b, "format", d.formatId());
            line(b, "canonicalSha256", d.canonical() == null ? null : sha256Hex(d.canonical()));
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
