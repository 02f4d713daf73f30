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
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Least privilege on the bus (DESIGN.md §5), one test per denial, against the real embedded broker over its agency
 * acceptor: an office authenticated as SAMR-330106 may send only to {@code hub.inbound} and consume only its own
 * inbox. Each test asserts the broker's refusal names the permission it lacks, and that the same office connection
 * still sends a clue the hub delivers and answers: a refusal neither cuts the office off nor stops the hub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class LeastPrivilegeTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final int BROKER_PORT = HubTestSupport.freePort();
    private static final String SAMR = "SAMR-330106";
    private static final String CAC = "CAC-330100";
    private static final String CAC_INBOX = BrokerAddresses.inbox(CAC);
    private static final String MANAGEMENT = "activemq.management";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", () -> BROKER_PORT);
    }

    @Autowired
    CredentialFile credentials;

    /** SAMR-330106 over the network, as an agency connects: Core JMS on the agency acceptor. */
    private Connection samr;
    private Session session;

    @BeforeEach
    void connect() throws JMSException {
        samr = factory().createConnection(SAMR, password(SAMR));
        samr.start();
        session = samr.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void disconnect() throws JMSException {
        samr.close();
    }

    @Test
    void anOfficeMayNotConsumeAnotherOfficesInbox() throws Exception {
        assertRefused(() -> session.createConsumer(session.createQueue(CAC_INBOX)), "permission='CONSUME'");
        assertHubKeepsServing();
    }

    /** Every office's clues pass through hub.inbound: only the hub reads it. */
    @Test
    void anOfficeMayNotConsumeHubInbound() throws Exception {
        assertRefused(() -> session.createConsumer(session.createQueue(BrokerAddresses.INBOUND)),
                "permission='CONSUME'");
        assertHubKeepsServing();
    }

    /**
     * A multicast subscription on a wildcard would be a queue of the office's own on everyone's inbox addresses; it
     * is refused at its first step, creating the wildcard address.
     */
    @Test
    void anOfficeMayNotSubscribeToOtherInboxesByWildcard() throws Exception {
        assertRefused(() -> session.createConsumer(session.createTopic("agency.#")),
                "permission='CREATE_ADDRESS' on address agency.#");
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotBrowseAnotherOfficesInbox() throws Exception {
        assertRefused(() -> {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(CAC_INBOX))) {
                browser.getEnumeration().hasMoreElements();
            }
        }, "permission='BROWSE'");
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotSendToAnotherOfficesInboxDirectly() throws Exception {
        String id = freshId();
        try (MessageProducer producer = session.createProducer(session.createQueue(CAC_INBOX))) {
            assertRefused(() -> producer.send(session.createTextMessage(designClue(id))), "permission='SEND'");
        }
        try (Office cac = new Office(CAC, credentials)) {
            assertThat(Inboxes.delivery(cac::receive, id)).as("a message that bypassed the hub").isNull();
        }
        assertHubKeepsServing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {BrokerAddresses.REJECTED, BrokerAddresses.DEAD_LETTER})
    void anOfficeMayNotSendToTheOperatorsQueues(String queue) throws Exception {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            assertRefused(() -> producer.send(session.createTextMessage(designClue(freshId()))), "permission='SEND'");
        }
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotCreateAnAddress() throws Exception {
        asCoreOffice(core -> assertCoreRefused(() -> core.createAddress(
                SimpleString.of("agency." + SAMR + ".outbox"), RoutingType.ANYCAST, false), "CREATE_ADDRESS"));
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotCreateAnAddressBySendingToIt() throws Exception {
        // Addresses are auto-created for the hub; an office's send must not create one.
        assertRefused(() -> session.createProducer(session.createQueue("agency." + SAMR + ".outbox"))
                .send(session.createTextMessage("{}")), "permission='CREATE_ADDRESS'");
        assertHubKeepsServing();
    }

    /** A second anycast queue on hub.inbound would take every other message away from the hub. */
    @Test
    void anOfficeMayNotCreateAQueueOnHubInbound() throws Exception {
        asCoreOffice(core -> assertCoreRefused(() -> core.createQueue(QueueConfiguration.of("samr-copy")
                .setAddress(BrokerAddresses.INBOUND).setRoutingType(RoutingType.ANYCAST).setDurable(true)),
                "CREATE_DURABLE_QUEUE"));
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotCreateATemporaryQueue() throws Exception {
        assertRefused(() -> session.createTemporaryQueue(), "permission='CREATE_NON_DURABLE_QUEUE'");
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotDeleteItsOwnInbox() throws Exception {
        asCoreOffice(core -> assertCoreRefused(() -> core.deleteQueue(BrokerAddresses.inbox(SAMR)),
                "DELETE_DURABLE_QUEUE"));
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotDeleteHubInbound() throws Exception {
        asCoreOffice(core -> assertCoreRefused(() -> core.deleteQueue(BrokerAddresses.INBOUND),
                "DELETE_DURABLE_QUEUE"));
        assertHubKeepsServing();
    }

    @Test
    void anOfficeMayNotUseManagement() throws Exception {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "listAddresses", ",");
        try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT))) {
            assertRefused(() -> producer.send(request), "permission='MANAGE'");
        }
        assertHubKeepsServing();
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertRefused(() -> factory().createConnection(SAMR, password(CAC)).close(), "Unable to validate user");
        assertHubKeepsServing();
    }

    @Test
    void anUnknownUserIsRefused() throws Exception {
        // A real office that is not connected, and a name that is no office at all.
        for (String user : new String[] {"SAMR-330108", "admin"}) {
            assertRefused(() -> factory().createConnection(user, password(SAMR)).close(), "Unable to validate user");
        }
        assertHubKeepsServing();
    }

    private ActiveMQConnectionFactory factory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT + "?reconnectAttempts=0");
    }

    /** Runs {@code call} on a session of SAMR-330106 over the Artemis Core API (no JMS in between). */
    private void asCoreOffice(CoreCall call) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + BROKER_PORT);
             ClientSessionFactory sessions = locator.createSessionFactory();
             ClientSession core = sessions.createSession(SAMR, password(SAMR), false, true, true, false, 0)) {
            call.accept(core);
        }
    }

    @FunctionalInterface
    private interface CoreCall {
        void accept(ClientSession core) throws Exception;
    }

    private String password(String user) {
        return credentials.secret(user).orElseThrow();
    }

    @FunctionalInterface
    private interface JmsCall {
        void run() throws Exception;
    }

    /** The call fails with a JMS security exception whose message names {@code reason} (a permission, say). */
    private static void assertRefused(JmsCall call, String reason) {
        assertThatThrownBy(call::run).isInstanceOf(JMSSecurityException.class).hasMessageContaining(reason);
    }

    /** The same over the Artemis Core API, whose refusals are {@link ActiveMQSecurityException}s. */
    private static void assertCoreRefused(JmsCall call, String permission) {
        assertThatThrownBy(call::run).isInstanceOf(ActiveMQSecurityException.class)
                .hasMessageContaining("permission='" + permission + "'");
    }

    /** The refused office's own connection still sends a clue that CAC-330100 receives, and SAMR gets its receipt. */
    private void assertHubKeepsServing() throws Exception {
        String id = freshId();
        try (Office cac = new Office(CAC, credentials);
             MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.INBOUND))) {
            producer.send(HubTestSupport.signedText(session, DATA, SAMR, designClue(id)));

            Message delivered = Inboxes.delivery(cac::receive, id);
            assertThat(delivered).as("delivery after the refusal").isNotNull();
            assertThat(delivered.getStringProperty(ClueHubHeaders.SENDER)).isEqualTo(SAMR);
        }
        Message receipt = Inboxes.receipt(Inboxes.of(
                session.createConsumer(session.createQueue(BrokerAddresses.inbox(SAMR)))), id);
        assertThat(receipt).as("receipt after the refusal").isNotNull();
        assertThat(receipt.getStringProperty(ClueHubHeaders.RECEIPT_STATUS)).isEqualTo("accepted");
    }
}
