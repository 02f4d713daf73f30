package io.cluehub.intake;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step "archive decision": in one database transaction, appends the archive entry, stores what it sends and records the
 * ledger key. The broker transaction that consumed the message commits after the sends; only then is the key marked
 * committed. Between the two commits a crash leaves the key uncommitted, and {@link RepeatHandling} sends the stored
 * outbox again.
 */
@Component
public class DecisionRecorder {

    private final TransactionTemplate databaseTransaction;
    private final ArchiveStore archive;
    private final OutboxStore outbox;
    private final IntakeLedger ledger;
    private final LedgerCommitMarker commitMarker;

    public DecisionRecorder(TransactionTemplate databaseTransaction, ArchiveStore archive, OutboxStore outbox,
            IntakeLedger ledger, LedgerCommitMarker commitMarker) {
        this.databaseTransaction = databaseTransaction;
        this.archive = archive;
        this.outbox = outbox;
        this.ledger = ledger;
        this.commitMarker = commitMarker;
    }

    public List<OutboundMessage> record(Decision decision) {
        List<OutboundMessage> messages = databaseTransaction.execute(status -> {
            ArchiveEntry entry = archive.append(decision.entry());
            List<OutboundMessage> out = decision.outbound().apply(entry.seq());
            outbox.save(entry.seq(), out);
            if (decision.ledgerKey() != null) {
                ledger.record(decision.ledgerKey().sender(), decision.ledgerKey().messageId(), entry.seq(),
                        decision.ledgerKey().status(), decision.ledgerKey().transportId());
            }
            return out;
        });
        if (decision.ledgerKey() != null) {
            afterBrokerCommit(decision.ledgerKey().sender(), decision.ledgerKey().messageId());
        }
        return messages;
    }

    /** Marks the key committed (in the next batch) once the surrounding broker transaction commits. */
    void afterBrokerCommit(String sender, String messageId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    commitMarker.markLater(sender, messageId);
                }
            });
        } else {
            commitMarker.markLater(sender, messageId);
        }
    }
}
