package io.cluehub.intake;

/**
 * The ledger's entry for one (sender, messageId): the archive entry of its decision, the transport id of the message
 * decided, and whether the broker transaction that sent the decision is known to have committed.
 */
public record LedgerRecord(String sender, String messageId, long archiveSeq, String status, String transportId,
        boolean committed) {
}
