package io.cluehub.intake;

/** The ledger's entry for one (sender, messageId): the archive entry of its decision, and whether it fully committed. */
public record LedgerRecord(String sender, String messageId, long archiveSeq, String status, boolean committed) {
}
