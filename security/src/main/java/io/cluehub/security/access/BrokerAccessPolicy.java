package io.cluehub.security.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * Least privilege on the bus (DESIGN.md §5): an office may send only to {@code hub.inbound} and consume only its own
 * inbox; it may not create or delete anything, browse, or manage. The hub's own service account may do everything;
 * operators may consume and browse the parking and dead-letter queues. The broker wiring turns these grants into
 * Artemis security settings; nothing here knows Artemis.
 */
public final class BrokerAccessPolicy {

    /** Role of the hub's own service account. */
    public static final String ROLE_HUB = "cluehub-hub";
    /** Role every connected office holds. */
    public static final String ROLE_OFFICE = "office";
    /** Role of operators who watch rejected and dead-lettered messages. */
    public static final String ROLE_OPERATOR = "operator";

    private final String inboundAddress;
    private final String rejectedAddress;
    private final String deadLetterAddress;

    public BrokerAccessPolicy(String inboundAddress, String rejectedAddress, String deadLetterAddress) {
        this.inboundAddress = inboundAddress;
        this.rejectedAddress = rejectedAddress;
        this.deadLetterAddress = deadLetterAddress;
    }

    /** The role that only the given office holds; it alone may consume that office's inbox. */
    public static String officeRole(String officeId) {
        return "office." + officeId;
    }

    /** Every grant for the given connected offices and their inbox addresses. */
    public List<Grant> grants(Collection<OfficeInbox> offices) {
        List<Grant> grants = new ArrayList<>();
        grants.add(new Grant("#", ROLE_HUB, EnumSet.allOf(Permission.class)));
        grants.add(new Grant(inboundAddress, ROLE_HUB, EnumSet.allOf(Permission.class)));
        grants.add(new Grant(inboundAddress, ROLE_OFFICE, EnumSet.of(Permission.SEND)));
        for (String parked : List.of(rejectedAddress, deadLetterAddress)) {
            grants.add(new Grant(parked, ROLE_HUB, EnumSet.allOf(Permission.class)));
            grants.add(new Grant(parked, ROLE_OPERATOR, EnumSet.of(Permission.CONSUME, Permission.BROWSE)));
        }
        for (OfficeInbox office : offices) {
            grants.add(new Grant(office.inboxAddress(), ROLE_HUB, EnumSet.allOf(Permission.class)));
            grants.add(new Grant(office.inboxAddress(), officeRole(office.officeId()), EnumSet.of(Permission.CONSUME)));
        }
        return grants;
    }

    /** A connected office and the address of its inbox. */
    public record OfficeInbox(String officeId, String inboxAddress) {
    }
}
