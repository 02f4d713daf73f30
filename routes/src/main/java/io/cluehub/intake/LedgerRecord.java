package io.cluehub.intake;

/**
 * The ledger's entry for one (sender, messageId): the archive entry of its decision and the transport id (JMS message
 * id) of the message decided.
 */
public record LedgerRecord(String sender, String messageId, long archiveSeq, String status, String transportId) {
}
