package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static io.cluehub.it.support.InboxMessage.deliveryOf;
import static io.cluehub.it.support.InboxMessage.receiptFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.HubProcess;
import io.cluehub.it.support.InboxMessage;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.OfficeClient;
import io.cluehub.it.support.Protocol;
import io.cluehub.it.support.Receipts;
import io.cluehub.it.support.Waits;

/**
 * An office connects with a client certificate, issued exactly as the README tells an operator to: the office makes
 * its key and a certificate request with {@code keytool}, the operator signs it with the demo CA the hub generated on
 * first start ({@code data/tls/ca.p12}), the office imports the answer. With that key store and a trust store of the
 * hub's CA it connects to the TLS acceptor without a password, over Core, AMQP 1.0 and OpenWire, and what it sends
 * reaches the recipient as sent by SAMR-330106. A certificate the office signed itself is refused in the handshake.
 */
class CertificateIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    private static final String OFFICE_PASS = "office-" + UUID.randomUUID();
    private static final String TRUST_PASS = "trust-" + UUID.randomUUID();
    private static Path keyStore;
    private static Path trustStore;
    private static Path selfSigned;

    @BeforeAll
    static void issueTheOfficeCertificateWithKeytool() throws Exception {
        HubProcess hub = HUB.hub();
        Files.createDirectories(hub.workDir().resolve("office"));
        Map<String, String> env = Map.of("OFFICE_PASS", OFFICE_PASS, "TRUST_PASS", TRUST_PASS,
                "CA_PASS", hub.password("tls.ca"));
        // The office: a key pair and a certificate request.
        keytool(env, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "office",
                "-dname", "CN=" + SAMR_XIHU, "-validity", "730",
                "-storetype", "PKCS12", "-keystore", "office/SAMR-330106.p12", "-storepass:env", "OFFICE_PASS");
        Files.copy(hub.workDir().resolve("office/SAMR-330106.p12"), hub.workDir().resolve("office/self-signed.p12"));
        keytool(env, "-certreq", "-alias", "office", "-keystore", "office/SAMR-330106.p12",
                "-storepass:env", "OFFICE_PASS", "-file", "office/SAMR-330106.csr");
        // The operator: signs the request with the hub's CA.
        keytool(env, "-gencert", "-alias", "cluehub-ca", "-keystore", "data/tls/ca.p12", "-storepass:env", "CA_PASS",
                "-infile", "office/SAMR-330106.csr", "-outfile", "office/SAMR-330106.crt", "-rfc", "-validity", "730",
                "-ext", "EKU=clientAuth", "-ext", "KU=digitalSignature");
        // The office: imports the CA and its certificate, and makes a trust store of the CA.
        keytool(env, "-importcert", "-alias", "cluehub-ca", "-file", "data/tls/ca.pem",
                "-keystore", "office/SAMR-330106.p12", "-storepass:env", "OFFICE_PASS", "-noprompt");
        keytool(env, "-importcert", "-alias", "office", "-file", "office/SAMR-330106.crt",
                "-keystore", "office/SAMR-330106.p12", "-storepass:env", "OFFICE_PASS");
        keytool(env, "-importcert", "-alias", "cluehub-ca", "-file", "data/tls/ca.pem", "-storetype", "PKCS12",
                "-keystore", "office/cluehub-trust.p12", "-storepass:env", "TRUST_PASS", "-noprompt");
        keyStore = hub.workDir().resolve("office/SAMR-330106.p12");
        trustStore = hub.workDir().resolve("office/cluehub-trust.p12");
        selfSigned = hub.workDir().resolve("office/self-signed.p12");
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Protocol.class)
    void anOfficeCertificateSendsAsThatOffice(Protocol protocol) throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);
        try (OfficeClient samr = OfficeClient.connectWithCertificate(HUB.hub(), protocol, SAMR_XIHU, keyStore,
                     OFFICE_PASS, trustStore, TRUST_PASS);
             OfficeClient cac = OfficeClient.connect(HUB.hub(), protocol, CAC_HANGZHOU)) {
            samr.send(clue);

            InboxMessage delivery = cac.receiveMatching("delivery of " + messageId, deliveryOf(messageId), Waits.MESSAGE);
            assertThat(delivery.text()).as("body as sent").isEqualTo(clue);
            assertThat(delivery.property("ClueHubSender")).as("authenticated sender").isEqualTo(SAMR_XIHU);
            InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);
            Receipts.assertAccepted(receipt, SAMR_XIHU, clue, false);
        }
    }

    @Test
    void aCertificateTheHubsCaDidNotIssueIsRefused() throws Exception {
        assertThatThrownBy(() -> OfficeClient.connectWithCertificate(HUB.hub(), Protocol.CORE, SAMR_XIHU, selfSigned,
                OFFICE_PASS, trustStore, TRUST_PASS).close()).isInstanceOf(JMSException.class);

        String messageId = UUID.randomUUID().toString();
        try (OfficeClient samr = OfficeClient.connect(HUB.hub(), Protocol.CORE, SAMR_XIHU)) {
            samr.send(Messages.section10(messageId));
            Receipts.assertAccepted(samr.receiveMatching("receipt for " + messageId, receiptFor(messageId),
                    Waits.MESSAGE), SAMR_XIHU, Messages.section10(messageId), false);
        }
    }

    /** Runs the JDK's keytool in the hub's working directory, passwords in the environment as the README does. */
    private static void keytool(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HUB.hub().workDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool %s finished", args[0]).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
