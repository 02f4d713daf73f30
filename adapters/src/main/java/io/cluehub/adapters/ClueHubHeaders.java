package io.cluehub.adapters;

import java.util.Set;

/**
 * Every JMS property the hub reads from or writes to agency systems. These names are part of the public contract
 * (DESIGN.md §5): agencies read them on deliveries and receipts, and may set only {@link #FORMAT} and
 * {@link #SIGNATURE} themselves. Any other {@code ClueHub*} property a client sets is ignored.
 */
public final class ClueHubHeaders {

    /** Prefix of every hub property; properties a client sets with it are not trusted. */
    public static final String PREFIX = "ClueHub";

    // Set by agencies (inbound)
    /** Names a non-canonical body format (agency format id); absent means canonical JSON. */
    public static final String FORMAT = "ClueHubFormat";
    /** Detached JWS over the exact body bytes (security issue). */
    public static final String SIGNATURE = "ClueHubSignature";

    // Set by the hub on deliveries and receipts (outbound)
    /** The envelope's messageId (for a receipt: the receipt's own id). */
    public static final String MESSAGE_ID = "ClueHubMessageId";
    /** The envelope's type, e.g. {@code clue.transfer} or {@code receipt}. */
    public static final String TYPE = "ClueHubType";
    /** The authenticated sending office ({@code CLUEHUB} for receipts). */
    public static final String SENDER = "ClueHubSender";
    /** The envelope's caseRef, when it has one. */
    public static final String CASE_REF = "ClueHubCaseRef";
    /** On a receipt: the messageId of the message it answers, when the hub could read one. */
    public static final String IN_REPLY_TO = "ClueHubInReplyTo";
    /** On a receipt: {@code accepted} or {@code rejected}. */
    public static final String RECEIPT_STATUS = "ClueHubReceiptStatus";
    /** On a parked message ({@code hub.rejected}): the stable error code of the rejection. */
    public static final String ERROR_CODE = "ClueHubErrorCode";
    /** On a parked message: the archive position of the rejection, for operators and investigators. */
    public static final String ARCHIVE_SEQ = "ClueHubArchiveSeq";
    /** The hub's countersignature over the delivered bytes (security issue). */
    public static final String HUB_SIGNATURE = "ClueHubHubSignature";
    /** On a delivery of an {@code info.share}: the shared list's version after this change (issue 8). */
    public static final String LIST_VERSION = "ClueHubListVersion";

    // Set by the hub on replayed messages (an investigator's replay from the archive), besides the delivery's own
    /** {@code true} on every replayed message: receivers tell replays from new mail by it. */
    public static final String REPLAY = "ClueHubReplay";
    /** The id of the replay ({@code GET /api/v1/replays/{id}}); with {@link #MESSAGE_ID}, what a receiver de-duplicates on. */
    public static final String REPLAY_ID = "ClueHubReplayId";

    // Broker-defined properties the hub relies on (Artemis)
    /** The broker-authenticated user of the sending connection (Artemis {@code populate-validated-user}). */
    public static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";
    /** Artemis duplicate-detection id: the broker drops a second message with the same id on an address. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** Hub properties an agency may set on what it sends; every other {@code ClueHub*} property is discarded. */
    public static final Set<String> CLIENT_SETTABLE = Set.of(FORMAT, SIGNATURE);

    /** The only properties that leave the hub on a delivery, receipt or parked message (replays add theirs). */
    public static final Set<String> OUTBOUND_ALLOWED = Set.of(
            MESSAGE_ID, TYPE, SENDER, CASE_REF, IN_REPLY_TO, RECEIPT_STATUS, ERROR_CODE, ARCHIVE_SEQ, HUB_SIGNATURE,
            FORMAT, SIGNATURE, DUPLICATE_ID, LIST_VERSION);

    private ClueHubHeaders() {
    }
}
