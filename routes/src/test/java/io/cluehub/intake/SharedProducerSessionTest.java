package io.cluehub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ServerProducer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends that join an intake consumer's session, made as Camel's JMS producer makes them (Spring's JmsTemplate on the
 * bound session), against a real embedded broker: every send goes through the session's one anonymous producer, each
 * keeps its own quality of service, and all commit with the session.
 */
class SharedProducerSessionTest {

    private static final String URL = "vm://71";

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setName("shared-producer")
                .setPersistenceEnabled(false).setSecurityEnabled(false).addAcceptorConfiguration("in-vm", URL));
        broker.start();
        factory = new ActiveMQConnectionFactory(URL);
        connection = factory.createConnection();
        connection.start();
    }

    @AfterEach
    void stop() throws Exception {
        TransactionSynchronizationManager.unbindResourceIfPossible(factory);
        connection.close();
        factory.close();
        broker.stop();
    }

    @Test
    void sendsOfTheSessionShareOneProducerEachWithItsOwnSettings() throws Exception {
        Session session = SharedProducerSession.wrap(connection.createSession(true, Session.SESSION_TRANSACTED));
        TransactionSynchronizationManager.bindResource(factory, new JmsResourceHolder(factory, connection, session));
        JmsTemplate template = new JmsTemplate(factory);
        JmsTemplate urgent = new JmsTemplate(factory);
        urgent.setExplicitQosEnabled(true);
        urgent.setPriority(7);
        urgent.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        urgent.setTimeToLive(60_000);

        template.convertAndSend("agency.A.inbox", "a1");
        urgent.convertAndSend("agency.B.inbox", "b1");
        template.convertAndSend("agency.A.inbox", "a2");
        urgent.convertAndSend("agency.A.inbox", "a3");
        template.convertAndSend("agency.B.inbox", "b2");

        // Nothing is delivered before the session commits.
        assertThat(drain("agency.A.inbox")).isEmpty();

        session.commit();

        // Read after the commit, a round trip: the broker has handled every packet the session sent before it.
        Collection<ServerProducer> producers = producersOfTheOnlySessionWithAny();
        assertThat(producers).hasSize(1);
        ServerProducer producer = producers.iterator().next();
        assertThat(producer.getAddress()).isEqualTo(ServerProducer.ANONYMOUS);
        assertThat(producer.getMessagesSent()).isEqualTo(5);

        List<Message> a = drain("agency.A.inbox");
        List<Message> b = drain("agency.B.inbox");
        // a3 jumps the queue with its priority 7.
        assertThat(texts(a)).containsExactly("a3", "a1", "a2");
        assertThat(texts(b)).containsExactly("b1", "b2");
        Message b1 = b.get(0);
        Message b2 = b.get(1);
        assertThat(b1.getJMSPriority()).isEqualTo(7);
        assertThat(b1.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(b1.getJMSExpiration()).isPositive();
        assertThat(b2.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(b2.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(b2.getJMSExpiration()).isZero();
        assertThat(a.get(1).getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(a.get(1).getJMSDestination().toString()).contains("agency.A.inbox");
        assertThat(b2.getJMSDestination().toString()).contains("agency.B.inbox");
    }

    @Test
    void aViewIsBoundToItsDestinationAndUnusableOnceClosed() throws Exception {
        Session session = SharedProducerSession.wrap(connection.createSession(true, Session.SESSION_TRANSACTED));
        MessageProducer producer = session.createProducer(session.createQueue("agency.A.inbox"));
        Message message = session.createTextMessage("x");

        assertThatThrownBy(() -> producer.send(session.createQueue("agency.B.inbox"), message))
                .isInstanceOf(UnsupportedOperationException.class);
        producer.close();
        assertThatThrownBy(() -> producer.send(message)).isInstanceOf(jakarta.jms.IllegalStateException.class);
        // Closing the view closed nothing: the next one sends.
        session.createProducer(session.createQueue("agency.A.inbox")).send(message);
        session.commit();
        assertThat(texts(drain("agency.A.inbox"))).containsExactly("x");
        // An anonymous producer asked for is the session's own, as without the wrapper.
        MessageProducer anonymous = session.createProducer(null);
        assertThat(anonymous.getDestination()).isNull();
        anonymous.close();
    }

    private Collection<ServerProducer> producersOfTheOnlySessionWithAny() {
        List<ServerSession> withProducers = broker.getActiveMQServer().getSessions().stream()
                .filter(s -> !s.getServerProducers().isEmpty()).toList();
        assertThat(withProducers).hasSize(1);
        return withProducers.get(0).getServerProducers();
    }

    private List<Message> drain(String queue) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (Session reader = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = reader.createConsumer(reader.createQueue(queue))) {
            for (Message m = consumer.receive(500); m != null; m = consumer.receive(200)) {
                messages.add(m);
            }
        }
        return messages;
    }

    private static List<String> texts(List<Message> messages) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Message m : messages) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }
}
