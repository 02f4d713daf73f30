package io.cluehub.broker;

import io.cluehub.adapters.ClueHubHeaders;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.time.Duration;

/**
 * Reading an inbox in tests that share one hub: earlier tests may have left deliveries and receipts behind, so a test
 * waits for the message about its own messageId and skips the rest.
 */
final class Inboxes {

    static final Duration WAIT = Duration.ofSeconds(15);

    private Inboxes() {
    }

    /** A message consumer's view: what the next message within a timeout is, or null. */
    @FunctionalInterface
    interface Receiver {
        Message receive(long timeoutMillis) throws JMSException;
    }

    static Receiver of(MessageConsumer consumer) {
        return consumer::receive;
    }

    /** The delivery of {@code messageId}, or null if none came in time. */
    static Message delivery(Receiver inbox, String messageId) throws JMSException {
        return about(inbox, ClueHubHeaders.MESSAGE_ID, messageId);
    }

    /** The receipt answering {@code messageId}, or null if none came in time. */
    static Message receipt(Receiver inbox, String messageId) throws JMSException {
        return about(inbox, ClueHubHeaders.IN_REPLY_TO, messageId);
    }

    private static Message about(Receiver inbox, String property, String messageId) throws JMSException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (long left = WAIT.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            Message message = inbox.receive(left);
            if (message == null) {
                return null;
            }
            boolean receipt = "receipt".equals(message.getStringProperty(ClueHubHeaders.TYPE));
            if (messageId.equals(message.getStringProperty(property))
                    && receipt == ClueHubHeaders.IN_REPLY_TO.equals(property)) {
                return message;
            }
        }
        return null;
    }
}
