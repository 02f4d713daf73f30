package io.cluehub.broker;

import io.cluehub.security.identity.CertificateAuthority;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.security.identity.DemoPki;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Office-side TLS for broker tests: issues client certificates (from the hub's demo CA, or from a stranger's), writes
 * them as PKCS12 key stores, and builds Core and AMQP connection factories for the TLS acceptor, as an agency would
 * with the files the operator gave it (its key store and the hub's trust store).
 */
final class TlsClients {

    static final String KEY_STORE_PASSWORD = "office-test-password";

    private final Path dir;
    private final DemoPki pki;
    private final CredentialFile credentials;
    private final int port;

    TlsClients(Path dataDir, CredentialFile credentials, int port) {
        this.dir = dataDir.resolve("office-keystores");
        // The hub has generated the PKI at start; this only opens it (and would create nothing).
        this.pki = DemoPki.ensure(dataDir.resolve(DemoPki.FOLDER), credentials, List.of("127.0.0.1"));
        this.credentials = credentials;
        this.port = port;
    }

    /** A key store with a certificate the hub's CA issued for {@code subject} (e.g. {@code CN=SAMR-330106}). */
    Path issuedByHub(String subject) {
        return write(subject, pki.authority().issueClient(subject, Duration.ofDays(1)));
    }

    /** A key store with a certificate for {@code subject} from a CA the hub does not trust (same CA name, even). */
    Path issuedByStranger(String subject) {
        CertificateAuthority stranger = CertificateAuthority.create(DemoPki.CA_SUBJECT, Duration.ofDays(1));
        return write("stranger " + subject, stranger.issueClient(subject, Duration.ofDays(1)));
    }

    /** Artemis Core JMS over TLS with {@code keyStore} as the client certificate ({@code null}: none). */
    ConnectionFactory core(Path keyStore) {
        StringBuilder url = new StringBuilder("tcp://127.0.0.1:").append(port)
                .append("?sslEnabled=true&reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000")
                .append("&trustStoreType=PKCS12&trustStorePath=").append(pki.trustStore())
                .append("&trustStorePassword=").append(credentials.secret(DemoPki.TRUST_PASSWORD).orElseThrow());
        if (keyStore != null) {
            url.append("&keyStoreType=PKCS12&keyStorePath=").append(keyStore)
                    .append("&keyStorePassword=").append(KEY_STORE_PASSWORD);
        }
        return new ActiveMQConnectionFactory(url.toString());
    }

    /** AMQP 1.0 (Qpid JMS) over TLS with {@code keyStore} as the client certificate: SASL EXTERNAL. */
    ConnectionFactory amqp(Path keyStore) {
        return new JmsConnectionFactory("amqps://127.0.0.1:" + port
                + "?transport.trustStoreType=PKCS12&transport.trustStoreLocation=" + pki.trustStore()
                + "&transport.trustStorePassword=" + credentials.secret(DemoPki.TRUST_PASSWORD).orElseThrow()
                + "&transport.keyStoreType=PKCS12&transport.keyStoreLocation=" + keyStore
                + "&transport.keyStorePassword=" + KEY_STORE_PASSWORD);
    }

    private Path write(String name, CertificateAuthority.Issued issued) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, name.replaceAll("[^A-Za-z0-9-]", "_"), ".p12");
            Files.write(file, issued.toKeyStore(KEY_STORE_PASSWORD.toCharArray(), "office"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
