package io.cluehub.archive.bundle;

import io.cluehub.archive.ArchiveTimestamp;
import java.time.Instant;
import java.util.List;

/**
 * What one evidence bundle holds, decided before it is written: the case's message entries (first and last seq, how
 * many), the stretch of the chain it exports ({@code fromSeq} to {@code toSeq}) and the time-stamps within it, the
 * newest of which ({@code anchor}) covers {@code toSeq} when the case is covered by a time-stamp at all.
 *
 * @param anchor the time-stamp at {@code toSeq}; null if no time-stamp covers the case's last entry
 * @param stampNote why there is no anchor, or null
 */
public record BundlePlan(String caseRef, Instant createdAt, String createdBy, long firstSeq, long lastSeq,
        long messages, long fromSeq, long toSeq, List<ArchiveTimestamp> stamps, ArchiveTimestamp anchor,
        String stampNote) {

    /** The bundle's file name: {@code evidence-<caseRef>.zip}, with anything unsafe in a file name replaced. */
    public String fileName() {
        return "evidence-" + caseRef.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
    }
}
