package io.cluehub.api;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.directory.Connection;
import jakarta.jms.BytesMessage;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An office's inbox queue ({@code agency.<office>.inbox}) read over REST with the hub's broker account: a
 * {@link QueueBrowser} lists without consuming, and an acknowledgement consumes exactly one message, selected by its
 * JMS message id, in a transacted session. Each call opens its own connection on the hub's target factory (not the
 * caching one, which would keep a consumer per selector).
 */
@Component
public class Inboxes {

    /** JMS message ids of Artemis: {@code ID:} and a UUID; anything else is refused before it reaches a selector. */
    private static final Pattern DELIVERY_ID = Pattern.compile("ID:[0-9a-fA-F-]{1,64}");
    private static final long ACK_WAIT_MILLIS = 2_000;

    private final jakarta.jms.ConnectionFactory factory;
    private final JsonMapper json;

    public Inboxes(CachingConnectionFactory hubConnectionFactory, JsonMapper json) {
        this.factory = hubConnectionFactory.getTargetConnectionFactory();
        this.json = json;
    }

    /** Up to {@code limit} messages after broker position {@code after}, oldest first. */
    public InboxPage list(String office, long after, int limit) throws JMSException {
        List<InboxItem> items = new ArrayList<>();
        boolean more = false;
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(BrokerAddresses.inbox(office)))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    Message message = (Message) messages.nextElement();
                    long position = position(message);
                    if (position <= after) {
                        continue;
                    }
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    items.add(item(message, position));
                }
            } catch (InvalidDestinationException e) {
                // No inbox queue yet: nothing was ever sent to the office.
            }
        }
        return new InboxPage(office, items, more ? items.get(items.size() - 1).position() : null);
    }

    /** Consumes the one message {@code deliveryId} from the office's inbox; false if it is not there. */
    public boolean acknowledge(String office, String deliveryId) throws JMSException {
        if (!DELIVERY_ID.matcher(deliveryId).matches()) {
            return false;
        }
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = session.createConsumer(
                    session.createQueue(BrokerAddresses.inbox(office)), "JMSMessageID = '" + deliveryId + "'")) {
                Message message = consumer.receive(ACK_WAIT_MILLIS);
                if (message == null) {
                    session.rollback();
                    return false;
                }
                session.commit();
                return true;
            } catch (InvalidDestinationException e) {
                return false;
            }
        }
    }

    private static long position(Message message) {
        return message instanceof ActiveMQMessage artemis ? artemis.getCoreMessage().getMessageID() : -1;
    }

    private InboxItem item(Message message, long position) throws JMSException {
        String format = message.getStringProperty(ClueHubHeaders.FORMAT);
        Object body;
        String encoding = null;
        if (message instanceof TextMessage text) {
            String content = text.getText();
            body = content;
            if (format == null || Connection.CANONICAL_FORMAT.equals(format)) {
                try {
                    body = json.readTree(content);
                } catch (JacksonException e) {
                    body = content; // not JSON after all: the text as it is
                }
            }
        } else if (message instanceof BytesMessage bytes) {
            byte[] content = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(content);
            body = Base64.getEncoder().encodeToString(content);
            encoding = "base64";
        } else {
            body = null;
        }
        return new InboxItem(message.getJMSMessageID(), position,
                message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp()).toString() : null,
                message.getStringProperty(ClueHubHeaders.TYPE), message.getStringProperty(ClueHubHeaders.SENDER),
                message.getStringProperty(ClueHubHeaders.MESSAGE_ID), message.getStringProperty(ClueHubHeaders.CASE_REF),
                message.getStringProperty(ClueHubHeaders.IN_REPLY_TO),
                message.getStringProperty(ClueHubHeaders.RECEIPT_STATUS), format,
                message.getStringProperty(ClueHubHeaders.SIGNATURE),
                message.getStringProperty(ClueHubHeaders.HUB_SIGNATURE), body, encoding);
    }
}
