package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static io.cluehub.it.support.InboxMessage.deliveryOf;
import static io.cluehub.it.support.InboxMessage.receiptFor;
import static io.cluehub.it.support.InboxMessage.receiptForRawSha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.cluehub.client.ClueHubSigner;
import io.cluehub.it.support.HubContract;
import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.InboxMessage;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.OfficeClient;
import io.cluehub.it.support.Protocol;
import io.cluehub.it.support.Waits;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attack catalogue of the README, against the packaged hub: each attack is refused with a clear error, nothing
 * legitimately sent is lost, and after each one the hub still delivers a good clue. (Attacks covered elsewhere:
 * spoofed sender and forged identity headers in {@code RejectionIT}, client-set {@code ClueHub*} headers in
 * {@code ClientSetHeadersIT}, a replayed messageId in {@code DuplicateIT}, client certificates in
 * {@code CertificateIT}; every broker denial in the routes module's {@code LeastPrivilegeTest}; expired and revoked
 * keys in {@code SignatureIntakeTest}; SFTP path traversal in {@code SftpChannelTest}.)
 */
class AttackCatalogueIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    private static OfficeClient samr;
    private static OfficeClient cac;

    @BeforeAll
    static void connect() throws Exception {
        samr = OfficeClient.connect(HUB.hub(), Protocol.CORE, SAMR_XIHU);
        cac = OfficeClient.connect(HUB.hub(), Protocol.CORE, CAC_HANGZHOU);
    }

    @AfterAll
    static void disconnect() {
        samr.close();
        cac.close();
    }

    /** After every attack: a legitimate clue is still accepted and delivered. */
    @AfterEach
    void hubStillServes() throws Exception {
        String id = UUID.randomUUID().toString();
        samr.send(Messages.section10(id));
        assertThat(cac.receiveMatching("delivery of " + id, deliveryOf(id), Waits.MESSAGE)).isNotNull();
        assertThat(samr.receiveMatching("receipt for " + id, receiptFor(id), Waits.MESSAGE)
                .property(HubContract.RECEIPT_STATUS)).isEqualTo("accepted");
    }

    private InboxMessage receiptForBytes(byte[] raw) throws Exception {
        return samr.receiveMatching("receipt", receiptForRawSha256(Messages.sha256Hex(raw)), Waits.MESSAGE);
    }

    private static String firstCode(InboxMessage receipt) {
        return receipt.json().at("/payload/outcome/issues/0/code").asString();
    }

    @Test
    void aWrongPasswordIsRefused() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(HUB.hub().coreUrl());
        assertThatThrownBy(() -> {
            try (Connection c = factory.createConnection(SAMR_XIHU, "not-the-password")) {
                c.start();
            }
        }).isInstanceOf(JMSSecurityException.class);
        factory.close();
    }

    @Test
    void consumingAnotherOfficesInboxIsRefused() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(HUB.hub().coreUrl());
        try (Connection c = factory.createConnection(SAMR_XIHU, HUB.hub().password(SAMR_XIHU))) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(HubContract.inbox(CAC_HANGZHOU))))
                    .isInstanceOf(JMSSecurityException.class);
        }
        factory.close();
    }

    @Test
    void aSignatureWithAnUnknownKeyIsRejected() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("SAMR-330106-stranger").generate();
        String id = UUID.randomUUID().toString();
        String clue = Messages.section10(id);
        samr.send(clue, Map.of(ClueHubSigner.JMS_PROPERTY, ClueHubSigner.sign(Messages.utf8(clue), stranger)));
        InboxMessage receipt = samr.receiveMatching("receipt", receiptFor(id).or(receiptForRawSha256(
                Messages.sha256Hex(Messages.utf8(clue)))), Waits.MESSAGE);
        assertThat(receipt.property(HubContract.RECEIPT_STATUS)).isEqualTo("rejected");
        assertThat(firstCode(receipt)).isEqualTo("SIGNATURE_KEY_UNKNOWN");
    }

    @Test
    void aSignatureOverDifferentBytesIsRejected() throws Exception {
        String id = UUID.randomUUID().toString();
        String clue = Messages.section10(id);
        String signedOther = samr.sign(Messages.utf8(Messages.section10(UUID.randomUUID().toString())));
        samr.send(clue, Map.of(ClueHubSigner.JMS_PROPERTY, signedOther));
        InboxMessage receipt = receiptForBytes(Messages.utf8(clue));
        assertThat(firstCode(receipt)).isEqualTo("SIGNATURE_INVALID");
        assertThat(cac.receiveFor(Waits.QUIET)).noneMatch(deliveryOf(id));
    }

    @Test
    void aFiftyMebibyteBodyIsRejectedUnparsed() throws Exception {
        byte[] huge = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        samr.sendBytes(huge);
        InboxMessage receipt = samr.receiveMatching("receipt", receiptForRawSha256(Messages.sha256Hex(huge)),
                Duration.ofMinutes(2));
        assertThat(firstCode(receipt)).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void deeplyNestedJsonIsRejected() throws Exception {
        byte[] nested = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        samr.sendBytes(nested);
        InboxMessage receipt = receiptForBytes(nested);
        assertThat(receipt.property(HubContract.RECEIPT_STATUS)).isEqualTo("rejected");
        assertThat(firstCode(receipt)).startsWith("JSON_");
    }

    @Test
    void invalidUtf8IsRejected() throws Exception {
        byte[] bad = Messages.utf8(Messages.section10(UUID.randomUUID().toString()));
        bad[40] = (byte) 0xC3;
        bad[41] = (byte) 0x28;
        samr.sendBytes(bad);
        InboxMessage receipt = receiptForBytes(bad);
        assertThat(receipt.property(HubContract.RECEIPT_STATUS)).isEqualTo("rejected");
        assertThat(firstCode(receipt)).isEqualTo("ENCODING_INVALID");
    }

    @Test
    void externalEntitiesAndEntityExpansionInAgencyXmlAreRejected() throws Exception {
        try (OfficeClient mps = OfficeClient.connect(HUB.hub(), Protocol.CORE, "MPS-330000")) {
            String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE JingQingXianSuo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<JingQingXianSuo><XiaoXiBianHao>&x;</XiaoXiBianHao></JingQingXianSuo>";
            String lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;"
                    + "&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><JingQingXianSuo>&c;"
                    + "</JingQingXianSuo>";
            for (String attack : new String[] {xxe, lol}) {
                mps.send(attack);
                InboxMessage receipt = mps.receiveMatching("receipt",
                        receiptForRawSha256(Messages.sha256Hex(Messages.utf8(attack))), Waits.MESSAGE);
                assertThat(firstCode(receipt)).isEqualTo("MAPPING_FAILED");
                assertThat(receipt.text()).doesNotContain("root:");
            }
        }
    }

    @Test
    void restWithoutCredentialsOrWithTheWrongRoleIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                HUB.hub().httpUri("/api/v1/archive/messages?sender=SAMR-330106&messageId=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        String investigator = HubContract.INVESTIGATOR + ":" + HUB.hub().password(HubContract.INVESTIGATOR_CREDENTIAL);
        HttpResponse<String> wrongRole = http.send(HttpRequest.newBuilder(HUB.hub().httpUri("/api/v1/archive/verify"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        investigator.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongRole.statusCode()).isEqualTo(403);
    }

    @Test
    void theLogNeverShowsTheIdentityNumberOfTheSectionTenClue() throws Exception {
        // This class has sent the §10 clue (identity number 330106199503141237) accepted, rejected and mangled.
        String id = UUID.randomUUID().toString();
        samr.send(Messages.section10(id, envelope -> envelope.put("sender", "CAC-330106")));
        samr.receiveMatching("receipt for " + id, receiptFor(id), Waits.MESSAGE);
        String log = Files.readString(HUB.hub().workDir().resolve("hub.log"), StandardCharsets.UTF_8);
        assertThat(log).isNotEmpty().doesNotContain("330106199503141237");
    }
}
