package io.cluehub.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import io.cluehub.client.ClueHubSigner;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker user of the hub (an office, or the operator) connected over one protocol, as an agency system would be:
 * it sends to {@code hub.inbound} and consumes its own inbox {@code agency.<user>.inbox}.
 * <p>
 * Sends are persistent and synchronous (the client returns once the broker holds the message). Receives run in a
 * transacted session committed before a message is handed to the test, so a message counted by a test has been
 * acknowledged durably and cannot come back after a crash: any second copy is the hub's doing.
 * <p>
 * Not thread-safe, like the JMS sessions inside it. Open one client per user at a time: two inbox consumers on
 * the same queue would compete for its messages.
 */
public final class OfficeClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OfficeClient.class);
    private static final int SKIPPED_SHOWN = 10;

    private final String user;
    private final Protocol protocol;
    private final ConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final Session receiving;
    private final MessageProducer toHub;
    private MessageConsumer inbox;
    private final String signingKey;
    private boolean signing = true;

    private OfficeClient(String user, Protocol protocol, ConnectionFactory factory, Connection connection,
            String signingKey) throws JMSException {
        this.signingKey = signingKey;
        this.user = user;
        this.protocol = protocol;
        this.factory = factory;
        this.connection = connection;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.receiving = connection.createSession(true, Session.SESSION_TRANSACTED);
        this.toHub = session.createProducer(session.createQueue(HubContract.HUB_INBOUND));
        connection.start();
    }

    /** Connects as {@code user} with the password the hub wrote for it. */
    public static OfficeClient connect(HubProcess hub, Protocol protocol, String user) throws JMSException {
        ConnectionFactory factory = protocol.connectionFactory(hub);
        Connection connection = null;
        try {
            connection = factory.createConnection(user, hub.password(user));
            connection.setExceptionListener(e -> LOG.warn("{} over {}: connection failed: {}", user, protocol, e.toString()));
            return new OfficeClient(user, protocol, factory, connection, hub.demoKey(user));
        } catch (JMSException | RuntimeException e) {
            closeQuietly(connection, factory);
            throw e;
        }
    }

    /**
     * Connects to the hub's TLS acceptor with a client certificate and no password, as an office that was issued one:
     * {@code keyStore} holds its key and certificate, {@code trustStore} the hub's CA (both PKCS12). {@code officeId}
     * is only the name this client goes by; the certificate says who it is.
     */
    public static OfficeClient connectWithCertificate(HubProcess hub, Protocol protocol, String officeId,
            Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) throws JMSException {
        ConnectionFactory factory = tlsConnectionFactory(hub, protocol, keyStore, keyStorePassword, trustStore,
                trustStorePassword);
        Connection connection = null;
        try {
            connection = factory.createConnection();
            connection.setExceptionListener(e -> LOG.warn("{} over {} with TLS: connection failed: {}", officeId,
                    protocol, e.toString()));
            return new OfficeClient(officeId, protocol, factory, connection, hub.demoKey(officeId));
        } catch (JMSException | RuntimeException e) {
            closeQuietly(connection, factory);
            throw e;
        }
    }

    /** The client settings the README gives agencies for the TLS acceptor, per protocol. */
    private static ConnectionFactory tlsConnectionFactory(HubProcess hub, Protocol protocol, Path keyStore,
            String keyStorePassword, Path trustStore, String trustStorePassword) {
        String hostPort = "127.0.0.1:" + hub.tlsPort();
        switch (protocol) {
            case CORE:
                return new ActiveMQConnectionFactory("tcp://" + hostPort + "?sslEnabled=true"
                        + "&keyStoreType=PKCS12&keyStorePath=" + keyStore + "&keyStorePassword=" + keyStorePassword
                        + "&trustStoreType=PKCS12&trustStorePath=" + trustStore
                        + "&trustStorePassword=" + trustStorePassword);
            case AMQP:
                // SASL EXTERNAL: Qpid offers the certificate when the broker asks for a mechanism.
                return new JmsConnectionFactory("amqps://" + hostPort
                        + "?transport.keyStoreType=PKCS12&transport.keyStoreLocation=" + keyStore
                        + "&transport.keyStorePassword=" + keyStorePassword
                        + "&transport.trustStoreType=PKCS12&transport.trustStoreLocation=" + trustStore
                        + "&transport.trustStorePassword=" + trustStorePassword);
            case OPENWIRE:
                ActiveMQSslConnectionFactory openwire = new ActiveMQSslConnectionFactory("ssl://" + hostPort);
                try {
                    openwire.setKeyStoreType("PKCS12");
                    openwire.setKeyStore(keyStore.toString());
                    openwire.setKeyStorePassword(keyStorePassword);
                    openwire.setTrustStoreType("PKCS12");
                    openwire.setTrustStore(trustStore.toString());
                    openwire.setTrustStorePassword(trustStorePassword);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot configure the OpenWire TLS client", e);
                }
                openwire.setWatchTopicAdvisories(false);
                return openwire;
            default:
                throw new IllegalArgumentException("No TLS client for " + protocol);
        }
    }

    public String user() {
        return user;
    }

    /** Sends a JSON text to {@code hub.inbound} as a TextMessage. */
    public void send(String json) throws JMSException {
        send(json, Map.of());
    }

    /** Sends unsigned from now on (for tests of what the hub does with unsigned messages). */
    public OfficeClient unsigned() {
        this.signing = false;
        return this;
    }

    /** The detached JWS of {@code body} with this office's demo key, made with the agency client library. */
    public String sign(byte[] body) {
        if (signingKey == null) {
            throw new IllegalStateException(user + " has no demo key in the hub's data folder");
        }
        return ClueHubSigner.sign(body, signingKey);
    }

    /**
     * Sends a JSON text to {@code hub.inbound} as a TextMessage with the given string properties, signed with the
     * office's demo key unless the properties carry a signature or {@link #unsigned()} was called.
     */
    public void send(String json, Map<String, String> properties) throws JMSException {
        TextMessage message = session.createTextMessage(json);
        if (signing && !properties.containsKey(ClueHubSigner.JMS_PROPERTY)) {
            message.setStringProperty(ClueHubSigner.JMS_PROPERTY,
                    sign(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            message.setStringProperty(property.getKey(), property.getValue());
        }
        toHub.send(message);
    }

    /** Sends raw bytes to {@code hub.inbound} as a BytesMessage. */
    public void sendBytes(byte[] body) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        if (signing) {
            message.setStringProperty(ClueHubSigner.JMS_PROPERTY, sign(body));
        }
        toHub.send(message);
    }

    /** The next message on this user's inbox within {@code timeout}, acknowledged; {@code null} if none came. */
    public InboxMessage receive(Duration timeout) throws JMSException {
        // receive(0) would block forever: never ask for less than a millisecond.
        Message message = inbox().receive(Math.max(1L, timeout.toMillis()));
        if (message == null) {
            return null;
        }
        InboxMessage copy = InboxMessage.copyOf(message);
        receiving.commit();
        return copy;
    }

    /**
     * The first inbox message matching {@code wanted} within {@code timeout}. Messages that do not match are
     * consumed and logged (they belong to earlier tests of the same class). Fails if none matches in time.
     */
    public InboxMessage receiveMatching(String what, Predicate<InboxMessage> wanted, Duration timeout)
            throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InboxMessage> skipped = new ArrayList<>();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError(user + " (" + protocol + ") received no " + what + " on "
                        + HubContract.inbox(user) + " within " + timeout + "; skipped " + skipped.size()
                        + " other message(s), the last ones: "
                        + skipped.subList(Math.max(0, skipped.size() - SKIPPED_SHOWN), skipped.size()));
            }
            InboxMessage message = receive(Duration.ofNanos(remaining));
            if (message == null) {
                continue;
            }
            if (wanted.test(message)) {
                return message;
            }
            LOG.info("{} skips a message while waiting for {}: {}", user, what, message);
            skipped.add(message);
        }
    }

    /** Everything that arrives on the inbox during {@code window} (the full window, however many arrive). */
    public List<InboxMessage> receiveFor(Duration window) throws JMSException {
        long deadline = System.nanoTime() + window.toNanos();
        List<InboxMessage> received = new ArrayList<>();
        for (long remaining = window.toNanos(); remaining > 0; remaining = deadline - System.nanoTime()) {
            InboxMessage message = receive(Duration.ofNanos(remaining));
            if (message != null) {
                received.add(message);
            }
        }
        return received;
    }

    /** A snapshot of a queue's messages without consuming them (the operator's view of {@code hub.rejected}). */
    public List<InboxMessage> browse(String queue) throws JMSException {
        List<InboxMessage> messages = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            for (Object message : Collections.list(browser.getEnumeration())) {
                messages.add(InboxMessage.copyOf((Message) message));
            }
        }
        return messages;
    }

    @Override
    public void close() {
        closeQuietly(connection, factory);
    }

    @Override
    public String toString() {
        return "OfficeClient[" + user + " over " + protocol + "]";
    }

    private MessageConsumer inbox() throws JMSException {
        if (inbox == null) {
            inbox = receiving.createConsumer(receiving.createQueue(HubContract.inbox(user)));
        }
        return inbox;
    }

    private static void closeQuietly(Connection connection, ConnectionFactory factory) {
        // Close may fail when the hub has just been killed; the test's outcome does not depend on it.
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                LOG.warn("Closing connection failed: {}", e.toString());
            }
        }
        if (factory instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing connection factory failed: {}", e.toString());
            }
        }
    }
}
