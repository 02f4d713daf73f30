package io.cluehub.security.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import io.cluehub.security.signature.VerificationResult.Status;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * The provider ES256 runs on ({@link EcProvider}): AWS-LC where its native library exists, and whichever it is, it
 * agrees with BouncyCastle and refuses what no provider may accept.
 */
class EcProviderTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final byte[] BODY = "{\"type\":\"clue.transfer\",\"summary\":\"假冒化妆品\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theNativeProviderIsChosenWhereItsLibraryExists() {
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        // Kept off on purpose (-Dcluehub.crypto.native=false): BouncyCastle, whatever the platform.
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty(EcProvider.NATIVE_PROPERTY));
        if (linuxX64 && wanted) {
            assertThat(EcProvider.get().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
            assertThat(EcProvider.description()).startsWith("AWS-LC");
        } else {
            assertThat(EcProvider.get().getName()).isEqualTo("BC");
        }
        // Used by instance only: the JVM's provider list is the JDK's.
        assertThat(java.security.Security.getProvider(EcProvider.get().getName())).isNull();
    }

    @Test
    void aSignatureMadeWithBouncyCastleVerifiesAndOneMadeHereVerifiesWithBouncyCastle() throws Exception {
        ECKey office = KeyFiles.generate("SAMR-330106", Clock.systemUTC());
        KeyResolver keys = KeyResolver.of(List.of(OfficeKey.of("SAMR-330106", office)));

        JWSObject byBouncyCastle = new JWSObject(header(office), new Payload(BODY));
        ECDSASigner signer = new ECDSASigner(office);
        signer.getJCAContext().setProvider(new BouncyCastleProvider());
        byBouncyCastle.sign(signer);
        assertThat(DetachedJws.verifyFor("SAMR-330106", BODY, byBouncyCastle.serialize(true), keys, NOW).status())
                .isEqualTo(Status.VALID);

        String here = DetachedJws.sign(BODY, office);
        JWSObject parsed = JWSObject.parse(here, new Payload(BODY));
        com.nimbusds.jose.crypto.ECDSAVerifier verifier = new com.nimbusds.jose.crypto.ECDSAVerifier(
                office.toECPublicKey(), Set.of("b64"));
        verifier.getJCAContext().setProvider(new BouncyCastleProvider());
        assertThat(parsed.verify(verifier)).isTrue();
    }

    @Test
    void aSignatureOfZeroesOrOfAnotherBodyOrWithOneBitChangedIsInvalid() {
        ECKey office = KeyFiles.generate("SAMR-330106", Clock.systemUTC());
        KeyResolver keys = KeyResolver.of(List.of(OfficeKey.of("SAMR-330106", office)));
        String jws = DetachedJws.sign(BODY, office);
        String header = jws.substring(0, jws.indexOf('.'));

        // r = s = 0 verified as valid on some JDKs (CVE-2022-21449); no provider here may accept it.
        String zeroes = header + ".." + Base64URL.encode(new byte[64]);
        assertThat(DetachedJws.verify(BODY, zeroes, keys, NOW).status()).isEqualTo(Status.INVALID);
        assertThat(DetachedJws.verify("{}".getBytes(StandardCharsets.UTF_8), jws, keys, NOW).status())
                .isEqualTo(Status.INVALID);
        byte[] signature = new Base64URL(jws.substring(jws.lastIndexOf('.') + 1)).decode();
        signature[40] ^= 1;
        String flipped = header + ".." + Base64URL.encode(signature);
        assertThat(DetachedJws.verify(BODY, flipped, keys, NOW).status()).isEqualTo(Status.INVALID);
        assertThat(DetachedJws.verify(BODY, jws, keys, NOW).status()).isEqualTo(Status.VALID);
    }

    @Test
    void theHeaderOfEverySignatureOfAKeyIsTheSameAndSignaturesDiffer() {
        ECKey hub = KeyFiles.generate("CLUEHUB", Clock.systemUTC());
        String one = DetachedJws.sign(BODY, hub);
        String two = DetachedJws.sign(BODY, hub);
        assertThat(one.substring(0, one.indexOf('.'))).isEqualTo(two.substring(0, two.indexOf('.')));
        assertThat(one).isNotEqualTo(two); // a fresh nonce per signature
        assertThat(DetachedJws.keyId(one)).contains(hub.getKeyID());
    }

    private static JWSHeader header(ECKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).base64URLEncodePayload(false)
                .criticalParams(Set.of("b64")).build();
    }
}
