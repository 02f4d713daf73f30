package io.cluehub.intake;

import io.cluehub.archive.ArchiveDraft;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * What the hub decided about one received message: the archive entry to append, the messages to send once the entry's
 * position is known (receipts quote it), the ledger key to record, if any, and what else the decision records in the
 * same database transaction (case holdings and consents, case workflow state), with the further messages that sends.
 */
public record Decision(ArchiveDraft entry, LongFunction<List<OutboundMessage>> outbound, LedgerKey ledgerKey,
        LongFunction<List<OutboundMessage>> recorded) {

    /** The key is recorded as the entry itself ({@link IntakeLedger}): it must say what the entry says. */
    public Decision {
        if (ledgerKey != null && !(Objects.equals(ledgerKey.sender(), entry.sender())
                && Objects.equals(ledgerKey.messageId(), entry.messageId())
                && Objects.equals(ledgerKey.status(), entry.status())
                && Objects.equals(ledgerKey.transportId(), entry.transportId()))) {
            throw new IllegalArgumentException("ledger key " + ledgerKey + " is not the key of its archive entry");
        }
    }

    public Decision(ArchiveDraft entry, LongFunction<List<OutboundMessage>> outbound, LedgerKey ledgerKey) {
        this(entry, outbound, ledgerKey, seq -> List.of());
    }

    /** (sender, messageId) of an accepted message, recorded so that a resend is recognised. */
    public record LedgerKey(String sender, String messageId, String status, String transportId) {
    }
}
