package io.cluehub.archive;

/**
 * The answer of a chain verification, as {@code GET /api/v1/archive/verify} and the command line print it.
 *
 * @param valid whether every entry up to {@code head} and every time-stamp checked out
 * @param entries how many entries verified before the first problem (all of them when valid)
 * @param head the head as the {@code archive_head} row named it when verification began
 * @param timestamps how many time-stamps verified (checked only once the entries are good)
 * @param firstInvalid the first problem, or {@code null}
 * @param purged how many of the verified entries had their bodies purged under retention (they verify by their
 *        recorded hashes; their bodies cannot be checked any more)
 */
public record ChainReport(boolean valid, long entries, ArchiveHead head, long timestamps, ChainProblem firstInvalid,
        long purged) {

    /** A report of a chain without purged entries. */
    public ChainReport(boolean valid, long entries, ArchiveHead head, long timestamps, ChainProblem firstInvalid) {
        this(valid, entries, head, timestamps, firstInvalid, 0);
    }
}
