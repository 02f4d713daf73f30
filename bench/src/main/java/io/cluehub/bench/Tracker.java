package io.cluehub.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Correlates every delivery of one system with its send, by messageId, across all phases of the run: a message
 * registered here and never delivered is lost; one delivered twice is duplicated. The hub names the messageId in
 * {@code ClueHubMessageId}; the raw relay copies the bench's own {@code BenchId} property, so both are correlated the
 * same way.
 */
final class Tracker {

    /** One message handed to a producer. */
    static final class Sent {
        final Phase phase;
        /** When it was due to be sent (fixed-rate schedule slot), or when the window let it go (throughput phase). */
        final long intendedNanos;
        final boolean recorded;
        volatile long sendNanos;
        volatile boolean sendFailed;

        Sent(Phase phase, long intendedNanos, boolean recorded) {
            this.phase = phase;
            this.intendedNanos = intendedNanos;
            this.recorded = recorded;
        }
    }

    final String system;
    private final Map<String, Sent> pending = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    final LongAdder registered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    /** Deliveries of a messageId this run never sent. */
    final LongAdder unexpected = new LongAdder();
    /** Deliveries without a messageId property at all. */
    final LongAdder unidentified = new LongAdder();

    // Receipts (hub only): one accepted receipt per message is expected.
    private final Set<String> receipted = ConcurrentHashMap.newKeySet();
    final LongAdder receipts = new LongAdder();
    final LongAdder receiptsAccepted = new LongAdder();
    final LongAdder receiptsRejected = new LongAdder();
    final LongAdder receiptDuplicates = new LongAdder();
    final LongAdder receiptsUnexpected = new LongAdder();

    private final Set<String> sentIds = ConcurrentHashMap.newKeySet();

    Tracker(String system) {
        this.system = system;
    }

    /** Registers a message before it is sent, so that even the fastest delivery finds it. */
    Sent register(String messageId, Phase phase, long intendedNanos, boolean recorded) {
        Sent sent = new Sent(phase, intendedNanos, recorded);
        pending.put(messageId, sent);
        sentIds.add(messageId);
        registered.increment();
        phase.sent.increment();
        if (recorded) {
            phase.recordedSent.increment();
        }
        return sent;
    }

    void sendFailed(Sent sent) {
        sent.sendFailed = true;
        sent.phase.onSendFailure();
    }

    void delivered(String messageId, long nowNanos) {
        if (messageId == null) {
            unidentified.increment();
            return;
        }
        if (!delivered.add(messageId)) {
            duplicates.increment();
            return;
        }
        Sent sent = pending.remove(messageId);
        if (sent == null) {
            unexpected.increment();
            return;
        }
        if (sent.sendFailed) {
            // The send reported failure but the message arrived after all: count it in, not as a failure.
            sent.phase.sendFailures.decrement();
        }
        sent.phase.onDelivery(sent, nowNanos);
    }

    void receipt(String inReplyTo, String status) {
        receipts.increment();
        if (inReplyTo == null || !sentIds.contains(inReplyTo)) {
            receiptsUnexpected.increment();
            return;
        }
        if (!receipted.add(inReplyTo)) {
            receiptDuplicates.increment();
            return;
        }
        if ("accepted".equals(status)) {
            receiptsAccepted.increment();
        } else {
            receiptsRejected.increment();
        }
    }

    /** Sent (the broker accepted the send) and not delivered. */
    long lost() {
        return pending.values().stream().filter(s -> !s.sendFailed).count();
    }

    long sendFailures() {
        return pending.values().stream().filter(s -> s.sendFailed).count();
    }

    /** Messages that should have a receipt (the hub got them) and have none. */
    long receiptsMissing() {
        return sentIds.size() - sendFailures() - receipted.size();
    }
}
