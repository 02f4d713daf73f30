package io.cluehub.archive;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The first thing wrong with the chain: at which position, what kind of damage, and a sentence for a person.
 *
 * @param seq the chain position the problem is at (for a deletion: the first missing position)
 */
public record ChainProblem(long seq, Kind problem, String detail) {

    /** Stable codes, as the JSON shows them. */
    public enum Kind {
        /** A row's fields (or its raw body, or its prev_hash) no longer give its stored hash. */
        MODIFIED("modified"),
        /** Positions are missing: a gap in seq, or the chain ends before the head or a time-stamped head. */
        DELETED("deleted"),
        /** The entry that belongs at this position is stored at another. */
        REORDERED("reordered"),
        /** The chain verifies, but a time-stamped head is no longer on it: rewritten with recomputed hashes. */
        REWRITTEN("rewritten"),
        /** The {@code archive_head} row does not name the last entry. */
        HEAD_MISMATCH("head-mismatch"),
        /** A stored time-stamp token is damaged, not signed by its certificate, or about another head. */
        TIMESTAMP_INVALID("timestamp-invalid"),
        /**
         * The chain verifies, but an entry's intake ledger mark ({@code ledger_key}, which the hash does not cover)
         * disagrees with its status, which it does: an accepted message without it, or another entry with it.
         */
        LEDGER_MISMATCH("ledger-mismatch");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }
}
