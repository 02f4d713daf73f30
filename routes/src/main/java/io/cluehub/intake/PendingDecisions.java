package io.cluehub.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The decisions of an intake batch, held back until the batch is about to commit (the "late head lock").
 *
 * <p>Appending to the archive locks the chain head until the transaction commits, and every consumer and hub instance
 * appends to the same head. If each message of a batch were archived as soon as it is decided, the head would be
 * locked from the batch's first decision to its commit, and the other consumers' batches would wait all that time:
 * their signature checks, parsing, validation and mapping would not overlap. So while {@link IntakeConsumers} decides
 * a batch of several messages, {@link DecisionRecorder} only holds each decision here, and {@link #flush} records and
 * sends them all, in order, just before the commit; the head is then locked for the appends and the commit only.
 *
 * <p>Nothing may be decided without seeing what it depends on, so {@link #settle} (step {@code settle}, right after
 * parsing) records what is held before any message that may read it: anything but a {@code clue.transfer} without
 * {@code inReplyTo} (replies, statuses, consultations, list entries read workflow state and the archive), and a
 * transfer whose (sender, messageId) a held decision is about (the ledger), whose case a held message other than a
 * transfer is about (consents), or whose sender a held transfer of the same case delivered to (case holdings, which
 * decide onward sharing). Such a message is then decided exactly as it would be alone. Outside a batch nothing is
 * held.
 */
@Component
public class PendingDecisions {

    private static final String CLUE_TRANSFER = "clue.transfer";

    private final ThreadLocal<Batch> current = new ThreadLocal<>();
    private final ObjectProvider<ProducerTemplate> producers;
    private volatile ProducerTemplate producer;

    public PendingDecisions(ObjectProvider<ProducerTemplate> producers) {
        this.producers = producers;
    }

    /** Decisions of this thread are held from now until {@link #flush} or {@link #close}. */
    void open() {
        current.set(new Batch());
    }

    /** Ends holding on this thread; whatever is still held is dropped (the transactions roll back). */
    void close() {
        current.remove();
    }

    /**
     * Holds the decision about the message of {@code context} if this thread is deciding a batch: {@code record}
     * archives it and returns what it sends. Returns false, holding nothing, outside a batch.
     */
    boolean hold(IntakeContext context, Supplier<List<OutboundMessage>> record) {
        Batch batch = current.get();
        if (batch == null) {
            return false;
        }
        batch.held.add(record);
        if (context == null) {
            batch.unknown = true;
            return true;
        }
        if (context.messageId() != null) {
            batch.messages.add(key(context.authenticatedOffice(), context.messageId()));
        }
        String caseRef = context.caseRef();
        if (caseRef != null) {
            if (CLUE_TRANSFER.equals(context.type())) {
                // A clue transfer makes its recipients holders of the case (HandlingRules): what a transfer of the
                // same case by one of them reads.
                for (Delivery delivery : context.deliveries()) {
                    batch.holders.add(key(caseRef, delivery.deliveredTo()));
                }
            } else {
                batch.cases.add(caseRef);
            }
        }
        return true;
    }

    /** Step "settle": records what is held before a message that may depend on it (see the class comment). */
    public void settle(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        Batch batch = current.get();
        if (batch == null || batch.held.isEmpty()) {
            return;
        }
        String caseRef = context.caseRef();
        boolean independent = !batch.unknown && CLUE_TRANSFER.equals(context.type())
                && context.message() != null && context.message().path("inReplyTo").isMissingNode()
                && (context.messageId() == null
                        || !batch.messages.contains(key(context.authenticatedOffice(), context.messageId())))
                && (caseRef == null || !batch.cases.contains(caseRef)
                        && !batch.holders.contains(key(caseRef, context.authenticatedOffice())));
        if (!independent) {
            flush();
        }
    }

    /**
     * Records every held decision in order (archive entry with its ledger key, workflows, outbox) and sends what each
     * produces, inside the batch's transactions. A failure of any of them, a refusal included, is a failure of the
     * batch: it rolls back, and its messages are then decided one by one.
     */
    public void flush() {
        Batch batch = current.get();
        if (batch == null || batch.held.isEmpty()) {
            return;
        }
        // What is recorded now no longer holds anything back: the batch starts afresh.
        current.set(new Batch());
        for (Supplier<List<OutboundMessage>> record : batch.held) {
            List<OutboundMessage> out;
            try {
                out = record.get();
            } catch (RejectionException e) {
                throw new IllegalStateException("A held decision was refused while it was recorded: " + e.getMessage(),
                        e);
            }
            if (!out.isEmpty()) {
                producer().sendBody(IntakeRoute.SEND, out);
            }
        }
    }

    private ProducerTemplate producer() {
        ProducerTemplate template = producer;
        if (template == null) {
            template = producers.getObject();
            producer = template;
        }
        return template;
    }

    private static String key(String first, String second) {
        return first + '\n' + second;
    }

    /** What the held decisions are about, for {@link #settle}. */
    private static final class Batch {
        private final List<Supplier<List<OutboundMessage>>> held = new ArrayList<>();
        /** sender and messageId of each held decision: the ledger. */
        private final Set<String> messages = new HashSet<>();
        /** caseRefs of held decisions other than clue transfers: consents, statuses, consultations. */
        private final Set<String> cases = new HashSet<>();
        /** caseRef and office for each office a held clue transfer makes a holder of its case. */
        private final Set<String> holders = new HashSet<>();
        /** A held decision about no known message: everything after it waits for it. */
        private boolean unknown;
    }
}
