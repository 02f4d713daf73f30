package io.cluehub.archive;

import java.time.Instant;

/**
 * One stored time-stamp of the chain head: the head it covers, the authority's time and name, and the token itself
 * (DER). The token's imprint is {@link HeadImprint#imprint} of {@link #head()}.
 */
public record ArchiveTimestamp(long id, long headSeq, String headHash, Instant stampedAt, String tsaName, byte[] token) {

    public ArchiveHead head() {
        return new ArchiveHead(headSeq, headHash);
    }
}
