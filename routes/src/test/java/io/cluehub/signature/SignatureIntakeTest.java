package io.cluehub.signature;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyRevocation;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.security.signature.DetachedJws;
import io.cluehub.security.signature.KeyFiles;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signature verification at intake, against an operator directory whose SAMR-330106 entry lists a valid, an expired
 * and a revoked key (CAC-330100 lists none and signs with its demo key; MCT-330100 need not sign). Each way a
 * signature can fail is a rejection with its own code; a good one is delivered with the sender's signature and the
 * hub's countersignature, both verifiable by the recipient.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SignatureIntakeTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final ECKey VALID = key("SAMR-330106-valid");
    private static final ECKey EXPIRED = key("SAMR-330106-expired");
    private static final ECKey REVOKED = key("SAMR-330106-revoked");
    private static final ECKey UNLISTED = key("SAMR-330106-unlisted");

    private static ECKey key(String kid) {
        ECKey generated = KeyFiles.generate("x", Clock.systemUTC());
        try {
            return new ECKey.Builder(generated).keyID(kid).build();
        } catch (RuntimeException e) {
            throw e;
        }
    }

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) throws IOException {
        Instant past = Instant.now().minus(1, ChronoUnit.DAYS);
        ECKey expired = new ECKey.Builder(EXPIRED.toPublicJWK()).expirationTime(Date.from(past)).build();
        ECKey revoked = new ECKey.Builder(REVOKED.toPublicJWK())
                .keyRevocation(new KeyRevocation(Date.from(past), KeyRevocation.Reason.COMPROMISED)).build();
        String directory = "offices:\n"
                + "  - id: SAMR-330106\n    keys:\n"
                + "      - " + VALID.toPublicJWK().toJSONString() + "\n"
                + "      - " + expired.toJSONString() + "\n"
                + "      - " + revoked.toJSONString() + "\n"
                + "  - id: CAC-330100\n"
                + "  - id: MCT-330100\n    signatures: optional\n";
        Files.createDirectories(DATA);
        Path file = DATA.resolve("directory.yml");
        Files.writeString(file, directory);
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.directory.file", file::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Autowired
    HubSigner hub;

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    int port;

    private JsonNode send(Office office, String body, String signature) throws JMSException {
        office.send(body, signature == null ? Map.of() : Map.of("ClueHubSignature", signature));
        Message receipt = office.receive(15_000, m -> "receipt".equals(property(m, "ClueHubType")));
        assertThat(receipt).isNotNull();
        return json.readTree(((TextMessage) receipt).getText());
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String code(JsonNode receipt) {
        return receipt.at("/payload/outcome/issues/0/code").asString();
    }

    @Test
    void everyWayASignatureFailsHasItsOwnCode() throws Exception {
        try (Office samr = new Office("SAMR-330106", credentials).unsigned();
                Office cac = new Office("CAC-330100", credentials)) {
            String body = designClue(freshId());
            assertThat(code(send(samr, body, null))).isEqualTo("SIGNATURE_MISSING");
            assertThat(code(send(samr, designClue(freshId()), DetachedJws.sign(bytes(body), VALID))))
                    .as("over different bytes").isEqualTo("SIGNATURE_INVALID");
            assertThat(code(send(samr, body, "not-a-jws"))).isEqualTo("SIGNATURE_INVALID");
            assertThat(code(send(samr, body, DetachedJws.sign(bytes(body), UNLISTED))))
                    .isEqualTo("SIGNATURE_KEY_UNKNOWN");
            assertThat(code(send(samr, body, DetachedJws.sign(bytes(body), EXPIRED))))
                    .isEqualTo("SIGNATURE_KEY_EXPIRED");
            assertThat(code(send(samr, body, DetachedJws.sign(bytes(body), REVOKED))))
                    .isEqualTo("SIGNATURE_KEY_REVOKED");
            assertThat(code(send(samr, body, cac.sign(bytes(body)))))
                    .as("another office's key").isEqualTo("SIGNATURE_KEY_UNKNOWN");
            assertThat(cac.receive(300, m -> "clue.transfer".equals(property(m, "ClueHubType")))).isNull();
        }
    }

    @Test
    void aGoodSignatureIsDeliveredWithTheHubsCountersignature() throws Exception {
        try (Office samr = new Office("SAMR-330106", credentials).unsigned();
                Office cac = new Office("CAC-330100", credentials)) {
            String id = freshId();
            String body = designClue(id);
            String signature = DetachedJws.sign(bytes(body), VALID);
            assertThat(send(samr, body, signature).at("/payload/status").asString()).isEqualTo("accepted");

            Message delivered = cac.receive(15_000, m -> id.equals(property(m, "ClueHubMessageId")));
            assertThat(delivered.getStringProperty("ClueHubSignature")).isEqualTo(signature);
            byte[] deliveredBytes = bytes(((TextMessage) delivered).getText());
            String jwks = RestClient.create().get().uri("http://127.0.0.1:" + port + "/api/v1/keys/hub")
                    .retrieve().body(String.class);
            ECKey hubKey = (ECKey) com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys().get(0);
            assertThat(hubKey.isPrivate()).isFalse();
            assertThat(DetachedJws.verify(deliveredBytes, delivered.getStringProperty("ClueHubHubSignature"),
                    io.cluehub.security.signature.KeyResolver.of(List.of(
                            io.cluehub.security.signature.OfficeKey.of("CLUEHUB", hubKey))), Instant.now()).valid())
                    .isTrue();
        }
    }

    @Test
    void anOfficeThatNeedNotSignMaySendUnsignedButNotBadlySigned() throws Exception {
        try (Office mct = new Office("MCT-330100", credentials).unsigned()) {
            String body = designClue(freshId()).replace("\"SAMR-330106\"", "\"MCT-330100\"")
                    .replace("SAMR-330106-2026-00042", "MCT-330100-2026-00042");
            assertThat(send(mct, body, null).at("/payload/status").asString()).isEqualTo("accepted");
            String other = designClue(freshId()).replace("\"SAMR-330106\"", "\"MCT-330100\"")
                    .replace("SAMR-330106-2026-00042", "MCT-330100-2026-00043");
            assertThat(code(send(mct, other, DetachedJws.sign(bytes(other), UNLISTED))))
                    .isEqualTo("SIGNATURE_KEY_UNKNOWN");
        }
    }
}
