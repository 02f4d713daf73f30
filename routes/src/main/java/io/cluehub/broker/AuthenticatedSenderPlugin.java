package io.cluehub.broker;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;

/**
 * Stamps the broker-authenticated user of the sending session on every message sent to {@code hub.inbound}, whatever
 * the protocol. Artemis's own {@code populate-validated-user} leaves AMQP messages untouched (their encoding is
 * immutable, ARTEMIS-1092), so for AMQP the user goes into the message's broker-side extra properties, which the
 * broker applies after the client's application properties when it hands the message to a Core consumer: a value a
 * client set under the same name never survives. A session without a validated user gets an empty value, which the
 * hub rejects.
 */
public class AuthenticatedSenderPlugin implements ActiveMQServerMessagePlugin {

    private static final SimpleString PROPERTY = SimpleString.of(ClueHubHeaders.VALIDATED_USER);

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) {
        if (!BrokerAddresses.INBOUND.equals(message.getAddress())) {
            return;
        }
        String user = session.getValidatedUser();
        SimpleString value = SimpleString.of(user == null ? "" : user);
        if (message instanceof AMQPMessage amqp) {
            amqp.createExtraProperties().putSimpleStringProperty(PROPERTY, value);
        } else {
            message.putStringProperty(PROPERTY, value);
        }
    }
}
