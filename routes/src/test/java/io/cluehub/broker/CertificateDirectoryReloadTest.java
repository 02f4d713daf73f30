package io.cluehub.broker;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.directory.DirectoryReloader;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Certificate logins follow the directory without a restart: an office connected by a reload logs in with its
 * certificate at once; once disconnected, its certificate no longer logs in, and a connection it still holds can no
 * longer send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CertificateDirectoryReloadTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final Path FILE = DATA.resolve("directory.yml");
    private static final int TLS_PORT = HubTestSupport.freePort();
    /** Binjiang District market regulation: a real office, not in the demo directory. */
    private static final String BINJIANG = "SAMR-330108";
    private static final String ENTRY = "  - id: " + BINJIANG + "\n    channel: jms\n";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) throws Exception {
        try (InputStream in = CertificateDirectoryReloadTest.class.getResourceAsStream("/directory/demo-directory.yml")) {
            Files.copy(in, FILE, StandardCopyOption.REPLACE_EXISTING);
        }
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.broker.tls.port", () -> TLS_PORT);
        registry.add("cluehub.directory.file", FILE::toString);
        registry.add("cluehub.directory.reload-interval", () -> "1h");
    }

    @Autowired
    DirectoryReloader reloader;
    @Autowired
    CredentialFile credentials;

    private static void edit(String yaml) throws Exception {
        Files.writeString(FILE, yaml, StandardCharsets.UTF_8);
        // An explicit, later timestamp: file systems with coarse clocks must still see a change.
        Files.setLastModifiedTime(FILE, FileTime.from(Instant.now().plusSeconds(Files.size(FILE) % 1000 + 1)));
    }

    @Test
    void certificateLoginsFollowDirectoryReloads() throws Exception {
        TlsClients tls = new TlsClients(DATA, credentials, TLS_PORT);
        ConnectionFactory binjiang = tls.core(tls.issuedByHub("CN=" + BINJIANG));
        assertThatThrownBy(() -> binjiang.createConnection().close()).as("before it is connected")
                .isInstanceOf(JMSSecurityException.class);

        edit(Files.readString(FILE) + ENTRY);
        assertThat(reloader.reloadIfChanged()).isNull();

        try (Connection connection = binjiang.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer toHub = session.createProducer(session.createQueue(BrokerAddresses.INBOUND));
            String id = freshId();
            toHub.send(HubTestSupport.signedText(session, DATA, BINJIANG, designClue(id)));
            // The §10 clue names SAMR-330106 as sender: the hub answers Binjiang with a rejection, which shows the
            // broker named Binjiang as the authenticated sender and Binjiang may read its new inbox.
            Message receipt = Inboxes.receipt(Inboxes.of(
                    session.createConsumer(session.createQueue(BrokerAddresses.inbox(BINJIANG)))), id);
            assertThat(receipt).as("receipt on the new office's inbox").isNotNull();
            assertThat(receipt.getStringProperty(ClueHubHeaders.RECEIPT_STATUS)).isEqualTo("rejected");

            edit(Files.readString(FILE).replace(ENTRY, ""));
            assertThat(reloader.reloadIfChanged()).isNull();

            assertThatThrownBy(() -> toHub.send(session.createTextMessage(designClue(freshId()))))
                    .as("a send on the connection it still held").isInstanceOf(JMSSecurityException.class);
        }
        assertThatThrownBy(() -> binjiang.createConnection().close()).as("after it is disconnected")
                .isInstanceOf(JMSSecurityException.class);
    }
}
