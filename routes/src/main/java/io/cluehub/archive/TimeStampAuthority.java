package io.cluehub.archive;

/**
 * Where RFC 3161 time-stamp tokens come from: the hub's own key ({@link HubTimeStampAuthority}) or an external
 * authority over HTTP ({@link RemoteTimeStampAuthority}). Chosen by {@code cluehub.archive.tsa-url}.
 */
public interface TimeStampAuthority {

    /**
     * A time-stamp token (the DER of its CMS {@code SignedData} content info, what {@code openssl ts -token_in} reads)
     * over a SHA-256 message imprint, with the signing certificate included.
     */
    byte[] timestamp(byte[] sha256Imprint);

    /** For logs and errors: which authority this is. */
    String describe();
}
