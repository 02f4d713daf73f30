package io.cluehub.intake;

import java.util.Map;

/**
 * One message a decision sends: to an office's inbox (delivery or receipt) or to {@code hub.rejected} (parked copy).
 * {@code duplicateId} is derived from what the message is about, never from a counter, so that sending it again after
 * a crash is recognised by the broker's duplicate detection.
 */
public record OutboundMessage(Kind kind, String destination, String recipient, String duplicateId,
        Map<String, String> properties, byte[] body, boolean text) {

    public OutboundMessage {
        properties = Map.copyOf(properties);
    }

    public enum Kind {
        DELIVERY,
        RECEIPT,
        PARKED
    }
}
