package io.cluehub.it.support;

/**
 * The names the hub publishes to agencies (DESIGN.md §5 and the foundation issue): queues, JMS properties,
 * demo users. The tests use these constants and never spell a name twice.
 */
public final class HubContract {

    /** Anycast queue every connected office sends to. */
    public static final String HUB_INBOUND = "hub.inbound";
    /** Anycast queue where rejected messages are parked for operators, body = the raw bytes received. */
    public static final String HUB_REJECTED = "hub.rejected";

    /** Original messageId of a delivered message. */
    public static final String MESSAGE_ID = "ClueHubMessageId";
    /** Message type: {@code clue.transfer}, {@code receipt}, … */
    public static final String TYPE = "ClueHubType";
    /** Broker-authenticated office that sent the message. */
    public static final String SENDER = "ClueHubSender";
    /** Case reference that threads a case. */
    public static final String CASE_REF = "ClueHubCaseRef";
    /** On a receipt: the messageId it answers, when the hub could read one. */
    public static final String IN_REPLY_TO = "ClueHubInReplyTo";
    /** On a receipt: {@code accepted} or {@code rejected}. */
    public static final String RECEIPT_STATUS = "ClueHubReceiptStatus";
    /** On {@code hub.rejected}: the stable error code of the rejection. */
    public static final String ERROR_CODE = "ClueHubErrorCode";
    /** On {@code hub.rejected}: the archive sequence number of the raw message. */
    public static final String ARCHIVE_SEQ = "ClueHubArchiveSeq";

    /** {@code ClueHubType} of a receipt. */
    public static final String RECEIPT = "receipt";
    /** Sender named in every receipt. */
    public static final String HUB_SENDER = "CLUEHUB";

    /** Market regulation office of Xihu District, Hangzhou: the §10 sender. */
    public static final String SAMR_XIHU = "SAMR-330106";
    /** Cyberspace office of Hangzhou: the §10 recipient. */
    public static final String CAC_HANGZHOU = "CAC-330100";
    /** Broker user allowed to consume and browse {@code hub.rejected} and {@code hub.dlq}. */
    public static final String OPERATOR = "hub-operator";
    /** HTTP Basic user of the archive REST API. */
    public static final String INVESTIGATOR = "investigator";
    /** Key of the investigator's password in {@code data/demo-credentials.properties}. */
    public static final String INVESTIGATOR_CREDENTIAL = "rest.investigator";

    private HubContract() {
    }

    /** The inbox an office consumes: {@code agency.<officeId>.inbox}. */
    public static String inbox(String officeId) {
        return "agency." + officeId + ".inbox";
    }
}
