package io.cluehub.archive;

/**
 * The head of the chain as the {@code archive_head} row names it: the last entry's position and hash. Seq 0 with 64
 * zeros is the empty chain. Time-stamps and evidence bundles refer to the chain by its head.
 */
public record ArchiveHead(long seq, String hash) {

    /** The hash an empty chain starts from: the {@code prev_hash} of entry 1. */
    public static final String GENESIS_HASH = "0".repeat(64);
}
