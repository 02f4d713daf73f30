package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.schemas.validation.IssueCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import jakarta.jms.JMSException;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.stereotype.Component;

/**
 * Step "receive" and "identify sender": takes the exact bytes off the transport and the broker-validated user, never a
 * header or body field the client set. Only the client-settable hub properties ({@code ClueHubFormat},
 * {@code ClueHubSignature}) are read; nothing the client set travels further.
 */
@Component
public class IntakeReception {

    private final Clock clock;

    public IntakeReception(Clock clock) {
        this.clock = clock;
    }

    /**
     * The user the broker authenticated and stamped on the message ({@code populate-validated-user}, which overwrites
     * anything a client set). Read from the JMS message itself: Camel's header mapping does not carry the broker's
     * internal properties.
     */
    static String validatedUser(Message in) {
        if (in instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            try {
                return jms.getJmsMessage().getStringProperty(ClueHubHeaders.VALIDATED_USER);
            } catch (JMSException e) {
                throw new IllegalStateException("Cannot read the validated user of a received message", e);
            }
        }
        return in.getHeader(ClueHubHeaders.VALIDATED_USER, String.class);
    }

    public void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        byte[] raw;
        if (body instanceof byte[] bytes) {
            raw = bytes;
        } else if (body instanceof String text) {
            raw = text.getBytes(StandardCharsets.UTF_8);
        } else {
            raw = body == null ? new byte[0] : in.getBody(byte[].class);
        }
        String user = validatedUser(in);
        String transportId = in.getHeader(JmsConstants.JMS_HEADER_MESSAGE_ID, String.class);
        IntakeContext context = new IntakeContext(clock.instant(), user, transportId, raw,
                in.getHeader(ClueHubHeaders.FORMAT, String.class), in.getHeader(ClueHubHeaders.SIGNATURE, String.class));
        exchange.setProperty(IntakeContext.PROPERTY, context);
        if (user == null || user.isBlank()) {
            throw RejectionException.of(IssueCode.SENDER_UNKNOWN, "",
                    "The broker did not name an authenticated user for this message.");
        }
    }
}
