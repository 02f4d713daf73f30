package io.cluehub.sftp;

/**
 * Detached signatures on the SFTP channel: an office puts {@code <file>.jws} beside a dropped file; the hub writes
 * {@code <file>.jws} beside what it delivers. The pickup route reads the office's into {@link #HEADER}.
 */
public final class SftpSignatures {

    /** Exchange header carrying the detached JWS read from beside a dropped file. */
    public static final String HEADER = "ClueHubSftpSignature";

    private SftpSignatures() {
    }
}
