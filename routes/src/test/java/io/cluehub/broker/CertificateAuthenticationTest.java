package io.cluehub.broker;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Offices authenticated by client certificate on the TLS acceptor, against the real embedded broker and the demo PKI
 * the hub generated at start: a certificate the hub's CA issued for a connected office logs in as that office, and
 * what it sends carries the office as the validated user; a certificate from another CA, for an office that is not
 * connected, for the hub's own account, or no certificate at all, is refused, and the hub keeps serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CertificateAuthenticationTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final int TLS_PORT = HubTestSupport.freePort();
    private static final String SAMR = "SAMR-330106";
    private static final String CAC = "CAC-330100";
    /** A JMS property the test sets to find its own message in the broker. */
    private static final String PROBE = "TestProbe";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.broker.tls.port", () -> TLS_PORT);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    EmbeddedActiveMQ broker;

    /** What the broker stamped on each probe message sent to hub.inbound, after the hub's own plugin ran. */
    private static final Map<String, String> VALIDATED_USER_BY_PROBE = new ConcurrentHashMap<>();
    private static final AtomicBoolean PROBING = new AtomicBoolean();

    private TlsClients tls;

    @BeforeEach
    void setUp() {
        tls = new TlsClients(DATA, credentials, TLS_PORT);
        if (!PROBING.compareAndSet(false, true)) {
            return;
        }
        broker.getActiveMQServer().registerBrokerPlugin(new ActiveMQServerMessagePlugin() {
            @Override
            public void afterSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message message,
                    boolean direct, boolean noAutoCreateQueue, RoutingStatus result) {
                String probe = message.getStringProperty(PROBE);
                if (probe != null && BrokerAddresses.INBOUND.equals(message.getAddress())) {
                    VALIDATED_USER_BY_PROBE.put(probe, message.getStringProperty(ClueHubHeaders.VALIDATED_USER));
                }
            }
        });
    }

    @Test
    void anOfficeCertificateSendsAndReceivesAsThatOffice() throws Exception {
        String id = freshId();
        String probe = freshId();
        try (Office cac = new Office(CAC, credentials);
             Connection samr = tls.core(tls.issuedByHub("CN=" + SAMR)).createConnection()) {
            samr.start();
            Session session = samr.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage clue = HubTestSupport.signedText(session, DATA, SAMR, designClue(id));
            clue.setStringProperty(PROBE, probe);
            session.createProducer(session.createQueue(BrokerAddresses.INBOUND)).send(clue);

            Awaitility.await().until(() -> VALIDATED_USER_BY_PROBE.containsKey(probe));
            assertThat(VALIDATED_USER_BY_PROBE).containsEntry(probe, SAMR);
            Message delivered = Inboxes.delivery(cac::receive, id);
            assertThat(delivered).as("delivery to %s", CAC).isNotNull();
            assertThat(delivered.getStringProperty(ClueHubHeaders.SENDER)).isEqualTo(SAMR);
            Message receipt = Inboxes.receipt(Inboxes.of(
                    session.createConsumer(session.createQueue(BrokerAddresses.inbox(SAMR)))), id);
            assertThat(receipt).as("receipt on %s's own inbox, consumed over TLS", SAMR).isNotNull();
            assertThat(receipt.getStringProperty(ClueHubHeaders.RECEIPT_STATUS)).isEqualTo("accepted");
        }
    }

    @Test
    void aCertificateMayComeWithItsOwnOfficeAsUserName() throws Exception {
        String id = freshId();
        String probe = freshId();
        try (Office samr = new Office(SAMR, credentials);
             Connection connection = tls.core(tls.issuedByHub("CN=" + SAMR)).createConnection(SAMR, "not-checked")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage clue = HubTestSupport.signedText(session, DATA, SAMR, designClue(id));
            clue.setStringProperty(PROBE, probe);
            session.createProducer(session.createQueue(BrokerAddresses.INBOUND)).send(clue);

            Awaitility.await().until(() -> VALIDATED_USER_BY_PROBE.containsKey(probe));
            assertThat(VALIDATED_USER_BY_PROBE).containsEntry(probe, SAMR);
            assertThat(Inboxes.receipt(samr::receive, id).getStringProperty(ClueHubHeaders.RECEIPT_STATUS))
                    .isEqualTo("accepted");
        }
    }

    /**
     * Artemis caches authorizations by the user name a client sends, not by whom it authenticated: a certificate
     * login under another name would inherit that name's cached rights (here: CAC-330100's inbox, warmed up first).
     */
    @Test
    void aCertificateLoginUnderAnotherUserNameIsRefused() throws Exception {
        try (Office cac = new Office(CAC, credentials)) {
            assertThat(cac.receive(100)).isNull(); // CAC-330100 has consumed its inbox: the cache knows it may
        }
        ConnectionFactory factory = tls.core(tls.issuedByHub("CN=" + SAMR));
        for (String claimed : new String[] {CAC, EmbeddedBrokerConfiguration.HUB_USER, ""}) {
            assertThatThrownBy(() -> {
                try (Connection connection = factory.createConnection(claimed, credentials.secret(CAC).orElseThrow())) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    session.createConsumer(session.createQueue(BrokerAddresses.inbox(CAC)));
                }
            }).as("certificate of %s claiming '%s'", SAMR, claimed).isInstanceOf(JMSSecurityException.class);
        }
        assertHubKeepsServing();
    }

    @Test
    void anOfficeCertificateWorksOverAmqpToo() throws Exception {
        String id = freshId();
        try (Office cac = new Office(CAC, credentials);
             Connection samr = tls.amqp(tls.issuedByHub("CN=" + SAMR)).createConnection()) {
            Session session = samr.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage clue = HubTestSupport.signedText(session, DATA, SAMR, designClue(id));
            clue.setStringProperty(ClueHubHeaders.VALIDATED_USER, CAC);
            session.createProducer(session.createQueue(BrokerAddresses.INBOUND)).send(clue);

            Message delivered = Inboxes.delivery(cac::receive, id);
            assertThat(delivered).as("delivery to %s", CAC).isNotNull();
            assertThat(delivered.getStringProperty(ClueHubHeaders.SENDER)).isEqualTo(SAMR);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() {
        ConnectionFactory factory = tls.core(tls.issuedByStranger("CN=" + SAMR));

        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSException.class);
        assertHubKeepsServing();
    }

    @Test
    void noCertificateIsRefusedEvenWithAGoodPassword() {
        ConnectionFactory factory = tls.core(null);

        assertThatThrownBy(() -> factory.createConnection(SAMR, credentials.secret(SAMR).orElseThrow()).close())
                .isInstanceOf(JMSException.class);
        assertHubKeepsServing();
    }

    @Test
    void aCertificateForAnOfficeThatIsNotConnectedIsRefused() {
        // SAMR-330108 is a real office (Binjiang District) but not in the demo directory.
        ConnectionFactory factory = tls.core(tls.issuedByHub("CN=SAMR-330108"));

        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        assertHubKeepsServing();
    }

    @Test
    void theHubAndOperatorAccountsCannotLogInByCertificate() {
        for (String account : new String[] {EmbeddedBrokerConfiguration.HUB_USER, EmbeddedBrokerConfiguration.OPERATOR_USER}) {
            ConnectionFactory factory = tls.core(tls.issuedByHub("CN=" + account));

            assertThatThrownBy(() -> factory.createConnection().close()).as(account)
                    .isInstanceOf(JMSSecurityException.class);
        }
        assertHubKeepsServing();
    }

    @Test
    void aCertificateNamingTwoOfficesIsRefused() {
        ConnectionFactory factory = tls.core(tls.issuedByHub("CN=" + SAMR + ",CN=" + CAC));

        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        assertHubKeepsServing();
    }

    /** A legitimate clue from SAMR-330106 (password, in-VM) still reaches CAC-330100 with its receipt. */
    private void assertHubKeepsServing() {
        String id = freshId();
        try (Office samr = new Office(SAMR, credentials); Office cac = new Office(CAC, credentials)) {
            samr.send(designClue(id));
            Message delivered = Inboxes.delivery(cac::receive, id);
            assertThat(delivered).as("delivery after the refusal").isNotNull();
            assertThat(delivered.getStringProperty(ClueHubHeaders.SENDER)).isEqualTo(SAMR);
            assertThat(Inboxes.receipt(samr::receive, id).getStringProperty(ClueHubHeaders.RECEIPT_STATUS))
                    .isEqualTo("accepted");
        } catch (JMSException e) {
            throw new AssertionError("The hub stopped serving after a refused login", e);
        }
    }
}
