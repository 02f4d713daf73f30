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

    /** Puts the signature file's content (if there was one) on the file's exchange; the file itself is untouched. */
    static org.apache.camel.Exchange attach(org.apache.camel.Exchange file, org.apache.camel.Exchange signature) {
        if (signature != null && signature.getMessage().getBody() != null) {
            byte[] jws = signature.getMessage().getBody(byte[].class);
            if (jws != null && jws.length <= 8192) {
                file.getMessage().setHeader(HEADER, new String(jws, java.nio.charset.StandardCharsets.US_ASCII).strip());
            }
        }
        return file;
    }
}
