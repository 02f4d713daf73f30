package io.cluehub.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a time-stamp of the chain head covers, defined so that an investigator can recompute it with nothing of ours:
 * the <em>head data</em> is the ASCII text {@code <seq>:<entry_hash>} (decimal seq, colon, the head entry's 64
 * lower-case hex characters, no newline), and the RFC 3161 message imprint is SHA-256 of those bytes:
 *
 * <pre>
 * printf '%s:%s' 1042 9f2c…3e &gt; head.txt
 * sha256sum head.txt                          # = the token's message imprint
 * openssl ts -verify -data head.txt -in head.tst -token_in -CAfile tsa.pem
 * </pre>
 *
 * The seq is part of the text so the data file says which entry it is about; the entry hash already commits to the
 * whole chain before it.
 */
public final class HeadImprint {

    private HeadImprint() {
    }

    /** The head data: ASCII {@code <seq>:<hash>}. */
    public static byte[] data(long seq, String entryHash) {
        if (entryHash == null || !entryHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("An entry hash is 64 lower-case hex characters");
        }
        return (seq + ":" + entryHash).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] data(ArchiveHead head) {
        return data(head.seq(), head.hash());
    }

    /** SHA-256 of the head data: the message imprint of its time-stamp. */
    public static byte[] imprint(ArchiveHead head) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data(head));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
