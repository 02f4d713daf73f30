package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.signature.HubSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One delivery to an office's inbox, however it came about (a decision, a referral, a hub notice): the body in the
 * office's format, the hub's properties and the hub's countersignature over exactly the bytes delivered.
 */
@Component
public class DeliveryFactory {

    private final HubSigner signer;

    public DeliveryFactory(HubSigner signer) {
        this.signer = signer;
    }

    /**
     * {@code caseRef}, {@code inReplyTo} and {@code senderSignature} may be null; the sender's signature is passed
     * only when the body is the very bytes it signed. {@code extra}: a workflow's properties (a list version).
     */
    public OutboundMessage delivery(String officeId, String messageId, String type, String sender, String caseRef,
            String inReplyTo, String senderSignature, OutboundMapping.Mapped body, String duplicateId,
            Map<String, String> extra) {
        return delivery(officeId, messageId, type, sender, caseRef, inReplyTo, senderSignature, body, duplicateId,
                extra, countersign(body));
    }

    /** The hub's countersignature of a delivery's body: it covers the bytes only, so it may be made ahead. */
    public String countersign(OutboundMapping.Mapped body) {
        return signer.sign(body.body());
    }

    /** As above, with the body's countersignature made ahead by {@link #countersign}. */
    public OutboundMessage delivery(String officeId, String messageId, String type, String sender, String caseRef,
            String inReplyTo, String senderSignature, OutboundMapping.Mapped body, String duplicateId,
            Map<String, String> extra, String hubSignature) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ClueHubHeaders.MESSAGE_ID, messageId);
        properties.put(ClueHubHeaders.TYPE, type);
        properties.put(ClueHubHeaders.SENDER, sender);
        if (caseRef != null) {
            properties.put(ClueHubHeaders.CASE_REF, caseRef);
        }
        if (inReplyTo != null) {
            properties.put(ClueHubHeaders.IN_REPLY_TO, inReplyTo);
        }
        properties.put(ClueHubHeaders.FORMAT, body.formatId());
        properties.putAll(extra);
        if (senderSignature != null) {
            properties.put(ClueHubHeaders.SIGNATURE, senderSignature);
        }
        properties.put(ClueHubHeaders.HUB_SIGNATURE, hubSignature);
        return new OutboundMessage(OutboundMessage.Kind.DELIVERY, BrokerAddresses.inbox(officeId), officeId,
                duplicateId, properties, body.body(), body.text());
    }
}
