package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.schemas.validation.IssueCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import jakarta.jms.BytesMessage;
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
    private final int maxBytes;

    public IntakeReception(Clock clock, io.cluehub.config.ClueHubProperties properties) {
        this.clock = clock;
        this.maxBytes = properties.intake().maxMessageBytes();
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

    public void receive(Exchange exchange) throws JMSException {
        Message in = exchange.getMessage();
        String user = validatedUser(in);
        String transportId = in.getHeader(JmsConstants.JMS_HEADER_MESSAGE_ID, String.class);
        String format = in.getHeader(ClueHubHeaders.FORMAT, String.class);
        String signature = in.getHeader(ClueHubHeaders.SIGNATURE, String.class);
        // A bytes body over the limit is never held whole: hashed as it streams, only its first bytes kept.
        if (in instanceof JmsMessage jms && jms.getJmsMessage() instanceof BytesMessage bytes
                && bytes.getBodyLength() > maxBytes) {
            long size = bytes.getBodyLength();
            IntakeContext context = IntakeContext.oversize(clock.instant(), user, transportId, bytes, maxBytes,
                    format, signature);
            exchange.setProperty(IntakeContext.PROPERTY, context);
            throw tooLarge(size);
        }
        Object body = in.getBody();
        byte[] raw;
        if (body instanceof byte[] b) {
            raw = b;
        } else if (body instanceof String text) {
            raw = text.getBytes(StandardCharsets.UTF_8);
        } else {
            raw = body == null ? new byte[0] : in.getBody(byte[].class);
        }
        if (raw.length > maxBytes) {
            exchange.setProperty(IntakeContext.PROPERTY,
                    IntakeContext.oversize(clock.instant(), user, transportId, raw, maxBytes, format, signature));
            throw tooLarge(raw.length);
        }
        IntakeContext context = new IntakeContext(clock.instant(), user, transportId, raw, format, signature);
        exchange.setProperty(IntakeContext.PROPERTY, context);
        if (user == null || user.isBlank()) {
            throw RejectionException.of(IssueCode.SENDER_UNKNOWN, "",
                    "The broker did not name an authenticated user for this message.");
        }
    }

    private RejectionException tooLarge(long size) {
        return RejectionException.of(IssueCode.BODY_TOO_LARGE, "", "The body is " + size + " bytes; the hub reads at"
                + " most " + maxBytes + ". It was not parsed: its SHA-256 (payload.rawSha256) and its first " + maxBytes
                + " bytes are archived. Split the content into smaller messages.");
    }
}
