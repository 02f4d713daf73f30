package io.cluehub.adapters.jms;

/**
 * The broker addresses of DESIGN.md §5. All are anycast; each has one queue of the same name. The hub never creates a
 * consumer per office: every office sends to {@link #INBOUND} and the hub alone consumes it.
 */
public final class BrokerAddresses {

    public static final String INBOUND = "hub.inbound";
    public static final String REJECTED = "hub.rejected";
    public static final String DEAD_LETTER = "hub.dlq";

    private static final String INBOX_PREFIX = "agency.";
    private static final String INBOX_SUFFIX = ".inbox";

    private BrokerAddresses() {
    }

    /** {@code agency.<officeId>.inbox}: the only queue an office may consume. */
    public static String inbox(String officeId) {
        return INBOX_PREFIX + officeId + INBOX_SUFFIX;
    }
}
