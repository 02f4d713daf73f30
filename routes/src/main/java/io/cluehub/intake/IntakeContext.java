package io.cluehub.intake;

import io.cluehub.adapters.format.AgencyFormat;
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

    private final int row;

    private String sourceFile;
    private volatile boolean rejected;
    private boolean truncated;
    private String signedWith;
    private AgencyFormat agencyFormat;
    private byte[] canonical;
    private JsonNode message;
    private String messageId;
    private String type;
    private String caseRef;
    private ValidationOutcome outcome = ValidationOutcome.ok();
    private List<Delivery> deliveries = List.of();
    private LedgerRecord prior;
    private java.util.Map<String, String> deliveryProperties = java.util.Map.of();

    public IntakeContext(Instant receivedAt, String authenticatedOffice, String transportId, byte[] raw,
            String format, String signature) {
        this(receivedAt, authenticatedOffice, transportId, raw, ArchiveEntry.sha256Hex(raw), format, signature, 0);
    }

    private IntakeContext(Instant receivedAt, String authenticatedOffice, String transportId, byte[] raw,
            String rawSha256, String format, String signature, int row) {
        this.receivedAt = receivedAt;
        this.authenticatedOffice = authenticatedOffice;
        this.transportId = transportId;
        this.raw = raw;
        this.rawSha256 = rawSha256;
        this.format = format;
        this.signature = signature;
        this.row = row;
    }

    /**
     * The context of a body over the size limit: its SHA-256 over every byte, streamed, and only its first
     * {@code keep} bytes held (and archived); it is rejected unread.
     */
    static IntakeContext oversize(Instant receivedAt, String office, String transportId, jakarta.jms.BytesMessage body,
            int keep, String format, String signature) throws jakarta.jms.JMSException {
        java.security.MessageDigest digest = sha256();
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream(keep);
        byte[] buffer = new byte[64 * 1024];
        body.reset(); // from the first byte, whatever read it before
        for (int n = body.readBytes(buffer); n > 0; n = body.readBytes(buffer)) {
            digest.update(buffer, 0, n);
            if (head.size() < keep) {
                head.write(buffer, 0, Math.min(n, keep - head.size()));
            }
        }
        IntakeContext context = new IntakeContext(receivedAt, office, transportId, head.toByteArray(),
                java.util.HexFormat.of().formatHex(digest.digest()), format, signature, 0);
        context.truncated = true;
        return context;
    }

    /** Like {@link #oversize(Instant, String, String, jakarta.jms.BytesMessage, int, String, String)}, from memory. */
    static IntakeContext oversize(Instant receivedAt, String office, String transportId, byte[] body, int keep,
            String format, String signature) {
        IntakeContext context = new IntakeContext(receivedAt, office, transportId, java.util.Arrays.copyOf(body, keep),
                ArchiveEntry.sha256Hex(body), format, signature, 0);
        context.truncated = true;
        return context;
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The context of row {@code row} (from 1) of a batch this context received (a CSV file): same sender, time and
     * raw bytes, its own transport id ({@code <transport id>#row<n>}, stable across redeliveries of the batch) and its
     * own canonical message.
     */
    public IntakeContext forRow(int row, byte[] canonicalRow) {
        IntakeContext child = new IntakeContext(receivedAt, authenticatedOffice,
                transportId == null ? null : transportId + "#row" + row, raw, rawSha256, format, signature, row);
        child.mapped(agencyFormat, canonicalRow);
        child.sourceFile(sourceFile);
        child.signedWith(signedWith);
        return child;
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

    /** The key id of the sender's signature, once verified; {@code null} for an unsigned message. */
    public String signedWith() {
        return signedWith;
    }

    public void signedWith(String kid) {
        this.signedWith = kid;
    }

    /** Marks the message (or a whole body: a file or a batch) as rejected; set by the rejection decision. */
    public void rejected(boolean rejected) {
        this.rejected = rejected;
    }

    /** Whether this context's own message or body was rejected (a batch row's rejection marks only the row). */
    public boolean isRejected() {
        return rejected;
    }

    /** The name of the file the message came in, for messages dropped as files (SFTP); else {@code null}. */
    public String sourceFile() {
        return sourceFile;
    }

    public void sourceFile(String sourceFile) {
        this.sourceFile = sourceFile;
    }

    /** The row of a batch this context is about (from 1), or 0 for a message received on its own. */
    public int row() {
        return row;
    }

    /**
     * The bytes received, to archive with this message's decision: {@code null} for a row of a batch, whose file is
     * archived once in an entry of its own, and for a body over the size limit (its SHA-256 is archived).
     */
    public byte[] rawToArchive() {
        return row == 0 && !truncated ? raw : null;
    }

    /**
     * Whether {@link #raw()} holds only the first bytes of a body over the size limit ({@link #rawSha256()} is still
     * over all of it): such a body is not archived (its hash is), and only its first bytes are parked.
     */
    public boolean isTruncated() {
        return truncated;
    }

    /** Sets the outcome of mapping: the agency format it was received in ({@code null}: canonical) and the canonical bytes. */
    public void mapped(AgencyFormat agencyFormat, byte[] canonical) {
        this.agencyFormat = agencyFormat;
        this.canonical = canonical;
    }

    /** The agency format the message was received in, or {@code null} for canonical JSON. */
    public AgencyFormat agencyFormat() {
        return agencyFormat;
    }

    /** {@code id/version} of the agency format, or {@code null} for canonical JSON. */
    public String agencyFormatId() {
        return agencyFormat == null ? null : agencyFormat.id() + "/" + agencyFormat.version();
    }

    /** The canonical JSON bytes that are validated, routed and delivered: the raw bytes for canonical messages. */
    public byte[] canonical() {
        return canonical == null ? raw : canonical;
    }

    /** The canonical form to archive beside the raw bytes: {@code null} when it is the raw bytes themselves. */
    public byte[] canonicalToArchive() {
        return agencyFormat == null ? null : canonical;
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

    /**
     * Hub properties a case workflow adds to every delivery of this message (e.g. a shared list's new version), set in
     * {@code Workflow.record}, which runs before the decision's deliveries are built; allow-listed names only leave.
     */
    public java.util.Map<String, String> deliveryProperties() {
        return deliveryProperties;
    }

    public void deliveryProperty(String name, String value) {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>(deliveryProperties);
        properties.put(name, value);
        this.deliveryProperties = java.util.Map.copyOf(properties);
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
