package io.cluehub.intake;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step "archive decision": in one database transaction, appends the archive entry, stores what it sends and records the
 * ledger key with the transport id of the message. The broker transaction that consumed the message commits after the
 * sends; if it does not, the broker redelivers the message and {@link RepeatHandling} sends the stored outbox.
 */
@Component
public class DecisionRecorder {

    private final TransactionTemplate databaseTransaction;
    private final ArchiveStore archive;
    private final OutboxStore outbox;
    private final IntakeLedger ledger;

    private final MeterRegistry meters;

    public DecisionRecorder(TransactionTemplate databaseTransaction, ArchiveStore archive, OutboxStore outbox,
            IntakeLedger ledger, MeterRegistry meters) {
        this.meters = meters;
        this.databaseTransaction = databaseTransaction;
        this.archive = archive;
        this.outbox = outbox;
        this.ledger = ledger;
    }

    public List<OutboundMessage> record(Decision decision) {
        List<OutboundMessage> messages = databaseTransaction.execute(status -> {
            ArchiveEntry entry = archive.append(decision.entry());
            // What the decision records first: a workflow may stamp its deliveries (a shared list's new version).
            List<OutboundMessage> more = decision.recorded().apply(entry.seq());
            List<OutboundMessage> out = decision.outbound().apply(entry.seq());
            if (decision.ledgerKey() != null) {
                ledger.record(decision.ledgerKey().sender(), decision.ledgerKey().messageId(), entry.seq(),
                        decision.ledgerKey().status(), decision.ledgerKey().transportId());
            }
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
