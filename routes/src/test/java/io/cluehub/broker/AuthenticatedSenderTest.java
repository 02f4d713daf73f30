package io.cluehub.broker;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sender is the broker-authenticated office on AMQP 1.0 too, whatever properties the client sets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AuthenticatedSenderTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final int BROKER_PORT = HubTestSupport.freePort();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", () -> BROKER_PORT);
    }

    @Autowired
    CredentialFile credentials;

    private void sendOverAmqp(String office, String body, String forgedUser) throws Exception {
        JmsConnectionFactory factory = new JmsConnectionFactory("amqp://127.0.0.1:" + BROKER_PORT);
        try (Connection connection = factory.createConnection(office, credentials.secret(office).orElseThrow())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("hub.inbound"));
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("ClueHubSignature", io.cluehub.security.signature.DetachedJws.sign(
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8), io.cluehub.security.signature.KeyFiles
                            .load(DATA.resolve("demo-keys").resolve(office + ".jwk"))));
            message.setStringProperty("_AMQ_VALIDATED_USER", forgedUser);
            message.setStringProperty("ClueHubSender", forgedUser);
            producer.send(message);
        }
    }

    @Test
    void amqpSenderIsTheAuthenticatedOfficeNotAForgedProperty() throws Exception {
        String id = freshId();
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            sendOverAmqp("SAMR-330106", designClue(id), "CAC-330106");

            Message delivered = cac.receive(10_000);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getStringProperty("ClueHubSender")).isEqualTo("SAMR-330106");
            assertThat(samr.receive(10_000).getStringProperty("ClueHubReceiptStatus")).isEqualTo("accepted");
        }
    }

    @Test
    void amqpOfficeCannotSendInAnotherOfficesName() throws Exception {
        String id = freshId();
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            // Authenticated as CAC-330100, claims in the envelope and the properties to be SAMR-330106.
            sendOverAmqp("CAC-330100", designClue(id), "SAMR-330106");

            Message receipt = cac.receive(10_000);
            assertThat(receipt.getStringProperty("ClueHubReceiptStatus")).isEqualTo("rejected");
            assertThat(((TextMessage) receipt).getText()).contains("SENDER_MISMATCH");
            assertThat(samr.receive(300)).isNull();
        }
    }
}
