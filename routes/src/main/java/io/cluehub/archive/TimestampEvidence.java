package io.cluehub.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One time-stamp as three files anyone can check with {@code openssl} and nothing of ours: the head data
 * ({@code <seq>:<hash>}, see {@link HeadImprint}), the token, and the certificate that signed it. The REST downloads
 * and, later, evidence bundles hand out exactly these.
 *
 * <pre>
 * openssl ts -verify -data archive-head-1042.txt -in archive-head-1042.tst -token_in -CAfile archive-head-1042-tsa.pem
 * </pre>
 */
public record TimestampEvidence(ArchiveTimestamp stamp, byte[] data, byte[] token, String certificatePem) {

    public static TimestampEvidence of(ArchiveTimestamp stamp) {
        return new TimestampEvidence(stamp, HeadImprint.data(stamp.head()), stamp.token(),
                TimestampTokens.pem(TimestampTokens.read(stamp.token()).signer()));
    }

    /** {@code archive-head-<seq>}: the common stem of the three file names. */
    public String stem() {
        return "archive-head-" + stamp.headSeq();
    }

    public String dataFileName() {
        return stem() + ".txt";
    }

    public String tokenFileName() {
        return stem() + ".tst";
    }

    public String certificateFileName() {
        return stem() + "-tsa.pem";
    }

    /** Writes the three files into {@code dir}; returns the {@code openssl} command that checks them there. */
    public String writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(dataFileName()), data);
            Files.write(dir.resolve(tokenFileName()), token);
            Files.writeString(dir.resolve(certificateFileName()), certificatePem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write time-stamp evidence to " + dir, e);
        }
        return "openssl ts -verify -data " + dataFileName() + " -in " + tokenFileName() + " -token_in -CAfile "
                + certificateFileName();
    }
}
