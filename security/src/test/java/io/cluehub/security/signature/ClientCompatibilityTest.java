package io.cluehub.security.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.cluehub.client.ClueHubSigner;
import io.cluehub.security.signature.VerificationResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agency client ({@code client/}) and the hub agree: each verifies what the other signs. */
class ClientCompatibilityTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:15:00Z");
    private static final byte[] BODY = "{\"type\":\"clue.transfer\",\"summary\":\"假冒化妆品\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureMadeWithTheClientVerifiesAtTheHub() {
        ECKey office = KeyFiles.generate("SAMR-330106", Clock.systemUTC());
        String jws = ClueHubSigner.sign(BODY, office.toJSONString());

        VerificationResult result = DetachedJws.verifyFor("SAMR-330106", BODY, jws,
                KeyResolver.of(List.of(OfficeKey.of("SAMR-330106", office))), NOW);

        assertThat(result.status()).isEqualTo(Status.VALID);
    }

    @Test
    void theHubsCountersignatureVerifiesWithTheClientAndThePublishedJwkSet() {
        ECKey hub = KeyFiles.generate("hub", Clock.systemUTC());
        ECKey other = KeyFiles.generate("hub", Clock.systemUTC());
        String jwks = KeyFiles.publicJwkSet(List.of(other, hub));

        String countersignature = DetachedJws.sign(BODY, hub);

        assertThat(ClueHubSigner.verify(BODY, countersignature, jwks)).isTrue();
        assertThat(ClueHubSigner.verify("{}".getBytes(StandardCharsets.UTF_8), countersignature, jwks)).isFalse();
    }

    @Test
    void theFixedTestVectorOfTheClientVerifiesAtTheHub() throws IOException, ParseException {
        // client/src/test/resources/vector holds the same three files; ClueHubSignerTest checks them there.
        byte[] body = resource("vector/body.json");
        String jws = new String(resource("vector/body.json.jws"), StandardCharsets.US_ASCII);
        ECKey key = JWK.parse(new String(resource("vector/public.jwk"), StandardCharsets.UTF_8)).toECKey();
        KeyResolver directory = KeyResolver.of(List.of(OfficeKey.of("TEST-000000", key)));

        assertThat(DetachedJws.verify(body, jws, directory, NOW).status()).isEqualTo(Status.VALID);
        byte[] crlf = new String(body, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(DetachedJws.verify(crlf, jws, directory, NOW).status()).isEqualTo(Status.INVALID);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ClientCompatibilityTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
