package io.cluehub.intake;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step "archive decision": in one database transaction, appends the archive entry (for an accepted message, keyed
 * with its (sender, messageId): the ledger key, {@link IntakeLedger}, with the transport id of the message) and stores
 * what it sends. The broker transaction that consumed the message commits after the
 * sends; if it does not, the broker redelivers the message and {@link RepeatHandling} sends the stored outbox.
 *
 * <p>Inside an intake batch the decision is only prepared (bodies encrypted, index rows computed) and held by
 * {@link PendingDecisions}, which records it and sends what it produces just before the batch commits; the step then
 * sends nothing itself.
 */
@Component
public class DecisionRecorder {

    private final TransactionTemplate databaseTransaction;
    private final ArchiveStore archive;
    private final OutboxStore outbox;
    private final PendingDecisions pending;
    private final MeterRegistry meters;

    public DecisionRecorder(TransactionTemplate databaseTransaction, ArchiveStore archive, OutboxStore outbox,
            PendingDecisions pending, MeterRegistry meters) {
        this.meters = meters;
        this.databaseTransaction = databaseTransaction;
        this.archive = archive;
        this.outbox = outbox;
        this.pending = pending;
    }

    /**
     * Records the decision about the message of {@code context} and returns what it sends now; inside a batch, holds
     * it and returns nothing to send yet.
     */
    public List<OutboundMessage> record(Decision decision,
            @ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        ArchiveStore.Prepared entry = archive.prepare(decision.entry(), decision.ledgerKey() != null);
        if (pending.hold(context, () -> record(decision, entry))) {
            return List.of();
        }
        return record(decision, entry);
    }

    private List<OutboundMessage> record(Decision decision, ArchiveStore.Prepared prepared) {
        List<OutboundMessage> messages = databaseTransaction.execute(status -> {
            ArchiveEntry entry = archive.append(prepared);
            // What the decision records first: a workflow may stamp its deliveries (a shared list's new version).
            List<OutboundMessage> more = decision.recorded().apply(entry.seq());
            List<OutboundMessage> out = decision.outbound().apply(entry.seq());
            if (!more.isEmpty()) {
                out = new java.util.ArrayList<>(out);
                out.addAll(more);
            }
            outbox.save(entry.seq(), out);
            return out;
        });
        // Per instance, after the commit: cluehub_decisions_total{type, status} (accepted, rejected, duplicate).
        meters.counter("cluehub.decisions", "type", String.valueOf(decision.entry().type()),
                "status", decision.entry().status()).increment();
        return messages;
    }
}
