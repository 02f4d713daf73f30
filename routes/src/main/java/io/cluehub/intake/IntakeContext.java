package io.cluehub.intake;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Everything the intake pipeline learns about one received message, carried in one exchange property from step to
 * step. Fields are filled in pipeline order; a step reads only what earlier steps set.
 */
public final class IntakeContext {

    /** Exchange property that holds the context. */
    public static final String PROPERTY = "ClueHubIntake";

    private final Instant receivedAt;
    private final String authenticatedOffice;
    private final String transportId;
    private final byte[] raw;
    private final String rawSha256;
    private final String format;
    private final String signature;

    private JsonNode message;
    private String messageId;
    private String type;
    private String caseRef;
    private ValidationOutcome outcome = ValidationOutcome.ok();
    private List<Delivery> deliveries = List.of();
    private LedgerRecord prior;

    public IntakeContext(Instant receivedAt, String authenticatedOffice, String transportId, byte[] raw,
            String format, String signature) {
        this.receivedAt = receivedAt;
        this.authenticatedOffice = authenticatedOffice;
        this.transportId = transportId;
        this.raw = raw;
        this.rawSha256 = ArchiveEntry.sha256Hex(raw);
        this.format = format;
        this.signature = signature;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The broker-authenticated office, or {@code null} when the broker named no user. */
    public String authenticatedOffice() {
        return authenticatedOffice;
    }

    /** The transport's own id of the received message (JMS message id); stable across redeliveries. */
    public String transportId() {
        return transportId;
    }

    public byte[] raw() {
        return raw;
    }

    public String rawSha256() {
        return rawSha256;
    }

    public String format() {
        return format;
    }

    public String signature() {
        return signature;
    }

    public JsonNode message() {
        return message;
    }

    /** Sets the parsed message and reads the envelope fields the archive indexes, where they are strings. */
    public void message(JsonNode message) {
        this.message = message;
        this.messageId = text(message, "messageId");
        this.type = text(message, "type");
        this.caseRef = text(message, "caseRef");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && value.asString().length() <= 128 ? value.asString() : null;
    }

    public String messageId() {
        return messageId;
    }

    public String type() {
        return type;
    }

    public String caseRef() {
        return caseRef;
    }

    public ValidationOutcome outcome() {
        return outcome;
    }

    public void outcome(ValidationOutcome outcome) {
        this.outcome = outcome;
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public void deliveries(List<Delivery> deliveries) {
        this.deliveries = List.copyOf(deliveries);
    }

    /** The ledger's earlier decision on the same (sender, messageId), when this message repeats one. */
    public LedgerRecord prior() {
        return prior;
    }

    public void prior(LedgerRecord prior) {
        this.prior = prior;
    }

    public boolean isRepeat() {
        return prior != null;
    }
}
