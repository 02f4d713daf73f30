package io.cluehub.api;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.IntakeRoute;
import io.cluehub.intake.OutboundMessage;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Submission over REST: the body, the caller's office (never the body's sender field) and the request's signature and
 * format headers go through the same intake pipeline as a JMS message ({@link IntakeRoute#PROCESS}): verification,
 * mapping, validation, authorisation, routing, archive, deliveries and the receipt to the office's inbox.
 *
 * <p>The transport id is {@code rest:<office>:<SHA-256 of the body>}: a client that sends the same request again
 * (its connection broke before the answer) completes the recorded decision and gets its receipt again, instead of a
 * second decision; the broker drops the deliveries sent again by their duplicate-detection ids. A different body with
 * a known messageId is a resend, answered as a duplicate. Without a listener session each send commits on its own
 * after the database commit, as for SFTP pickups.
 */
@Component
public class RestIntake {

    private static final Logger LOG = LoggerFactory.getLogger(RestIntake.class);

    private final ProducerTemplate producer;
    private final Clock clock;
    private final ReceiptStore receipts;
    private final tools.jackson.databind.json.JsonMapper json;

    public RestIntake(ProducerTemplate producer, Clock clock, ReceiptStore receipts,
            tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.producer = producer;
        this.clock = clock;
        this.receipts = receipts;
    }

    /** What the pipeline answered: one receipt for a message, one per row for a batch. */
    public record Submission(boolean batch, List<ReceiptStore.StoredReceipt> receipts) {
    }

    public Submission submit(String office, byte[] body, String format, String signature) {
        String sha256 = ArchiveEntry.sha256Hex(body);
        String transportId = transportId(office, sha256);
        List<ReceiptStore.Decided> decided = receipts.decided(office, transportId, sha256);
        if (!decided.isEmpty()) {
            return complete(office, transportId, sha256, decided);
        }
        Exchange done = process(office, transportId, body, format, signature);
        if (done.getException() != null) {
            // Two identical requests at once: the second to record loses on the ledger key and rolls back. Once more,
            // it finds the first one's decision and completes it; a fault of the hub's own fails again.
            LOG.info("REST submission from {} failed ({}); trying once more", office,
                    done.getException().toString());
            done = process(office, transportId, body, format, signature);
            if (done.getException() != null) {
                throw new IllegalStateException("Intake of a REST submission failed", done.getException());
            }
        }
        if (done.getMessage().getBody() instanceof List<?> out) {
            List<ReceiptStore.StoredReceipt> answered = out.stream()
                    .filter(OutboundMessage.class::isInstance).map(OutboundMessage.class::cast)
                    .filter(m -> m.kind() == OutboundMessage.Kind.RECEIPT && office.equals(m.recipient()))
                    .map(m -> ReceiptStore.of(archiveSeq(m), m))
                    .toList();
            if (!answered.isEmpty()) {
                return new Submission(false, answered);
            }
        }
        return new Submission(true, receipts.forBatch(office, transportId, sha256));
    }

    /**
     * The same request again: its decisions are recorded, so they are not taken again. What they sent is sent again,
     * one message at a time, and a message the broker already holds is dropped by its duplicate-detection id (an
     * error on a transacted send, which here only means "already delivered").
     */
    private Submission complete(String office, String transportId, String sha256,
            List<ReceiptStore.Decided> decided) {
        List<ReceiptStore.StoredReceipt> answered = new java.util.ArrayList<>();
        for (ReceiptStore.Decided decision : decided) {
            long seq = decision.seq();
            for (OutboundMessage message : receipts.outbox(seq)) {
                Exchange sent = producer.send(IntakeRoute.SEND, exchange -> exchange.getMessage().setBody(
                        List.of(message)));
                if (sent.getException() != null && !alreadyDelivered(sent.getException())) {
                    throw new IllegalStateException("Sending a recorded decision again failed", sent.getException());
                }
            }
            receipts.at(seq, office).ifPresent(answered::add);
        }
        if (decided.get(0).row() || answered.isEmpty()) {
            return new Submission(true, receipts.forBatch(office, transportId, sha256));
        }
        LOG.info("REST request from {} repeated: answered with the receipt of archive entry {}", office,
                decided.get(0).seq());
        return new Submission(false, answered);
    }

    private static boolean alreadyDelivered(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    /** The transport id of a REST body from {@code office} whose SHA-256 is {@code sha256}: the same for a repeat. */
    static String transportId(String office, String sha256) {
        return "rest:" + office + ":" + sha256;
    }

    private Exchange process(String office, String transportId, byte[] body, String format, String signature) {
        IntakeContext context = new IntakeContext(clock.instant(), office, transportId, body, format, signature);
        return producer.send(IntakeRoute.PROCESS, exchange -> exchange.setProperty(IntakeContext.PROPERTY, context));
    }

    /** The archive entry a receipt answers for (for a duplicate: the original decision's). */
    private long archiveSeq(OutboundMessage receipt) {
        return json.readTree(receipt.body()).path("payload").path("archiveSeq").asLong(-1);
    }
}
