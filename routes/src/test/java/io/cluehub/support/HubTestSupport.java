package io.cluehub.support;

import io.cluehub.broker.EmbeddedBrokerConfiguration;
import io.cluehub.security.identity.CredentialFile;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Office-side helpers for route tests: connect in-VM to the embedded broker as an office and exchange messages. */
public final class HubTestSupport {

    private HubTestSupport() {
    }

    /** A port for a listener of the hub under test, outside the ephemeral range (see {@link LoopbackPorts}). */
    public static int freePort() {
        return LoopbackPorts.next();
    }

    public static Path tempDataDir() {
        try {
            return Files.createTempDirectory("cluehub-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The §10 clue transfer of DESIGN.md with a fresh messageId. */
    public static String designClue(String messageId) {
        try (InputStream in = HubTestSupport.class.getResourceAsStream("/messages/design-10-clue.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10", messageId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** STA-330000's reference batch of three clue transfers (sta-csv, agency/sta-csv/batch.csv) with these messageIds. */
    public static String staBatch(String... ids) {
        try (InputStream in = HubTestSupport.class.getResourceAsStream("/agency/sta-csv/batch.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b", ids[0])
                    .replace("6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d2c", ids[1])
                    .replace("7a6f5e4d-3c2b-4a1f-8e9d-8c7b6a5f4e3d", ids[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** GET on the running hub's REST API as a demo user (HTTP Basic), or anonymously with {@code user} null. */
    public static java.net.http.HttpResponse<String> restGet(int port, CredentialFile credentials, String path,
            String user) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).GET();
        if (user != null) {
            String secret = credentials.secret(io.cluehub.config.DemoCredentialsConfiguration.restKey(user))
                    .orElseThrow();
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The detached JWS of {@code body} with the demo key the hub generated for {@code office} under {@code dataDir}. */
    public static String sign(Path dataDir, String office, String body) {
        return io.cluehub.security.signature.DetachedJws.sign(body.getBytes(StandardCharsets.UTF_8),
                io.cluehub.security.signature.KeyFiles.load(dataDir.resolve("demo-keys").resolve(office + ".jwk")));
    }

    /** A text message of {@code body} signed with {@code office}'s demo key, as an agency system sends it. */
    public static jakarta.jms.TextMessage signedText(Session session, Path dataDir, String office, String body)
            throws JMSException {
        jakarta.jms.TextMessage message = session.createTextMessage(body);
        message.setStringProperty("ClueHubSignature", sign(dataDir, office, body));
        return message;
    }

    /** A JMS string property, for predicates over received messages. */
    public static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String freshId() {
        return UUID.randomUUID().toString();
    }

    /** A connected office's session on the embedded broker, in-VM. */
    public static final class Office implements AutoCloseable {

        private final Connection connection;
        private final Session session;
        private final MessageConsumer inbox;
        private final java.nio.file.Path keyFile;
        private boolean signing = true;

        public Office(String officeId, CredentialFile credentials) throws JMSException {
            // The demo key the hub generated for this office (beside the credentials file, in the data folder).
            this.keyFile = io.cluehub.security.signature.KeyFiles.keyFile(
                    credentials.path().toAbsolutePath().getParent().resolve("demo-keys"), officeId);
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBrokerConfiguration.IN_VM_URL);
            connection = factory.createConnection(officeId, credentials.secret(officeId).orElseThrow());
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            inbox = session.createConsumer(session.createQueue("agency." + officeId + ".inbox"));
        }

        public void send(String body) throws JMSException {
            send(body, java.util.Map.of());
        }

        /** Sends without signing from now on (for tests of what the hub does with unsigned messages). */
        public Office unsigned() {
            this.signing = false;
            return this;
        }

        /** The detached JWS of {@code body} with this office's demo key, as an agency system would compute it. */
        public String sign(byte[] body) {
            return io.cluehub.security.signature.DetachedJws.sign(body,
                    io.cluehub.security.signature.KeyFiles.load(keyFile));
        }

        /** Sends {@code body} as a text message with the given string properties, signed unless {@link #unsigned()}. */
        public void send(String body, java.util.Map<String, String> properties) throws JMSException {
            try (MessageProducer producer = session.createProducer(session.createQueue("hub.inbound"))) {
                Message message = session.createTextMessage(body);
                if (signing && !properties.containsKey("ClueHubSignature")) {
                    message.setStringProperty("ClueHubSignature", sign(body.getBytes(StandardCharsets.UTF_8)));
                }
                for (var property : properties.entrySet()) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
                producer.send(message);
            }
        }

        /** Sends {@code body} as a bytes message (how a CSV batch in a legacy charset travels). */
        public void sendBytes(byte[] body) throws JMSException {
            try (MessageProducer producer = session.createProducer(session.createQueue("hub.inbound"))) {
                jakarta.jms.BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                if (signing) {
                    message.setStringProperty("ClueHubSignature", sign(body));
                }
                producer.send(message);
            }
        }

        /** Receives and drains until a message matching {@code wanted} arrives, or returns null after the timeout. */
        public Message receive(long timeoutMillis, java.util.function.Predicate<Message> wanted) throws JMSException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            for (long left = timeoutMillis; left > 0; left = deadline - System.currentTimeMillis()) {
                Message message = inbox.receive(left);
                if (message != null && wanted.test(message)) {
                    return message;
                }
            }
            return null;
        }

        public Message receive(long timeoutMillis) throws JMSException {
            return inbox.receive(timeoutMillis);
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }
}
