package io.cluehub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyRevocation;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClueHubSignerTest {

    private static final byte[] BODY = "{\"messageId\":\"6f1c2a9e\",\"summary\":\"假冒化妆品\"}".getBytes(StandardCharsets.UTF_8);
    private static final ECKey KEY = ClueHubSigner.generateKey("SAMR-330106-20261123-a1b2c3");
    private static final String PUBLIC_JWK = KEY.toPublicJWK().toJSONString();

    @Test
    void signatureVerifiesOverTheSameBytes() {
        String jws = ClueHubSigner.sign(BODY, KEY.toJSONString());

        assertThat(ClueHubSigner.verify(BODY, jws, PUBLIC_JWK)).isTrue();
        assertThat(ClueHubSigner.check(BODY, jws, PUBLIC_JWK).kid()).isEqualTo(KEY.getKeyID());
    }

    @Test
    void headerIsExactlyTheRfc7797ProfileAndThePayloadPartIsEmpty() throws Exception {
        String jws = ClueHubSigner.sign(BODY, KEY);
        String[] parts = jws.split("\\.", -1);

        assertThat(parts).hasSize(3);
        assertThat(parts[1]).isEmpty();
        Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        assertThat(header).containsOnlyKeys("alg", "kid", "b64", "crit")
                .containsEntry("alg", "ES256")
                .containsEntry("kid", KEY.getKeyID())
                .containsEntry("b64", false)
                .containsEntry("crit", List.of("b64"));
    }

    @Test
    void signingInputIsTheEncodedHeaderADotAndTheRawBody() throws Exception {
        // Checked with the JDK alone, not Nimbus: RFC 7797 §3, ASCII(BASE64URL(header)) || '.' || payload bytes.
        String jws = ClueHubSigner.sign(BODY, KEY);
        String[] parts = jws.split("\\.", -1);
        byte[] headerAndDot = (parts[0] + ".").getBytes(StandardCharsets.US_ASCII);

        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(KEY.toECPublicKey());
        ecdsa.update(headerAndDot);
        ecdsa.update(BODY);

        assertThat(ecdsa.verify(new Base64URL(parts[2]).decode())).isTrue();
    }

    @Test
    void differentBytesFail() {
        String jws = ClueHubSigner.sign(BODY, KEY);
        byte[] other = BODY.clone();
        other[other.length - 2] ^= 1;

        ClueHubSigner.Verification result = ClueHubSigner.check(other, jws, PUBLIC_JWK);

        assertThat(result.isValid()).isFalse();
        assertThat(result.message()).contains("does not match");
        assertThat(ClueHubSigner.verify(new byte[0], jws, PUBLIC_JWK)).isFalse();
    }

    @Test
    void theFixedTestVectorVerifies() throws IOException {
        // The same vector is checked by the hub's DetachedJwsTest: the client and the hub agree on the bytes.
        byte[] body = resource("vector/body.json");
        String jws = new String(resource("vector/body.json.jws"), StandardCharsets.US_ASCII);
        String publicJwk = new String(resource("vector/public.jwk"), StandardCharsets.UTF_8);

        assertThat(ClueHubSigner.check(body, jws, publicJwk).isValid()).isTrue();
        assertThat(ClueHubSigner.verify(body, jws, PUBLIC_JWK)).isFalse();
    }

    @Test
    void aJwkSetIsSearchedByTheHeadersKeyId() throws Exception {
        ECKey other = ClueHubSigner.generateKey("hub-20261123-000001");
        String jwks = new JWKSet(List.of(other.toPublicJWK(), KEY.toPublicJWK())).toString(true);
        String jws = ClueHubSigner.sign(BODY, KEY);

        assertThat(ClueHubSigner.verify(BODY, jws, jwks)).isTrue();
        String onlyOther = new JWKSet(other.toPublicJWK()).toString(true);
        assertThat(ClueHubSigner.check(BODY, jws, onlyOther).message()).contains("no key with id " + KEY.getKeyID());
    }

    @Test
    void aSingleJwkWithAnotherKeyIdFails() {
        ECKey sameMaterialOtherId = new ECKey.Builder(KEY.toPublicJWK()).keyID("someone-else").build();
        String jws = ClueHubSigner.sign(BODY, KEY);

        assertThat(ClueHubSigner.check(BODY, jws, sameMaterialOtherId.toJSONString()).message())
                .contains("the key given is someone-else");
    }

    @Test
    void aSignatureByAnotherKeyWithTheSameKeyIdFails() {
        ECKey impostor = ClueHubSigner.generateKey(KEY.getKeyID());

        assertThat(ClueHubSigner.verify(BODY, ClueHubSigner.sign(BODY, impostor), PUBLIC_JWK)).isFalse();
    }

    @Test
    void anotherAlgorithmIsRejectedEvenIfItsSignatureIsRight() throws Exception {
        byte[] secret = new byte[32];
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID())
                .base64URLEncodePayload(false).criticalParams(Set.of("b64")).build();
        JWSObject hs = new JWSObject(header, new Payload(BODY));
        hs.sign(new MACSigner(secret));

        assertThat(ClueHubSigner.check(BODY, hs.serialize(true), PUBLIC_JWK).message())
                .contains("algorithm must be ES256");
    }

    @Test
    void anEncodedPayloadIsRejected() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID()).build();
        JWSObject b64 = new JWSObject(header, new Payload(BODY));
        b64.sign(new ECDSASigner(KEY));

        assertThat(ClueHubSigner.check(BODY, b64.serialize(true), PUBLIC_JWK).message()).contains("b64");
    }

    @Test
    void extraCriticalParametersAreRejected() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID())
                .type(JOSEObjectType.JOSE).base64URLEncodePayload(false)
                .criticalParams(Set.of("b64", "exp")).customParam("exp", 1).build();
        JWSObject jws = new JWSObject(header, new Payload(BODY));
        jws.sign(new ECDSASigner(KEY));

        assertThat(ClueHubSigner.verify(BODY, jws.serialize(true), PUBLIC_JWK)).isFalse();
    }

    @Test
    void anAttachedJwsIsRejected() throws Exception {
        String attached = ClueHubSigner.sign(BODY, KEY).replace("..", ".e30.");

        assertThat(ClueHubSigner.check(BODY, attached, PUBLIC_JWK).message()).contains("not a detached JWS");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "garbage", "a.b.c", "..", "e30..", "..c2ln", "bm90IGpzb24..c2ln", "W10..c2ln", "e30..c2ln",
            "eyJhbGciOiJub25lIn0..", "eyJhbGciOiJub25lIn0..c2ln"})
    void malformedSignaturesAreInvalidWithoutThrowing(String signature) {
        ClueHubSigner.Verification result = ClueHubSigner.check(BODY, signature, PUBLIC_JWK);

        assertThat(result.isValid()).isFalse();
        assertThat(result.message()).startsWith("signature INVALID: ");
    }

    @Test
    void trailingWhitespaceFromAJwsFileIsIgnored() {
        assertThat(ClueHubSigner.verify(BODY, ClueHubSigner.sign(BODY, KEY) + "\n", PUBLIC_JWK)).isTrue();
    }

    @Test
    void keysMarkedRevokedExpiredOrNotYetValidFail() throws Exception {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        String jws = ClueHubSigner.sign(BODY, KEY);
        ECKey revoked = (ECKey) KEY.toPublicJWK().toRevokedJWK(
                new KeyRevocation(Date.from(now.minusSeconds(60)), KeyRevocation.Reason.COMPROMISED));
        ECKey expired = new ECKey.Builder(KEY.toPublicJWK()).expirationTime(Date.from(now)).build();
        ECKey future = new ECKey.Builder(KEY.toPublicJWK()).notBeforeTime(Date.from(now.plusSeconds(1))).build();
        ECKey current = new ECKey.Builder(KEY.toPublicJWK()).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(1))).build();

        assertThat(ClueHubSigner.check(BODY, jws, revoked.toJSONString(), now).message()).contains("revoked");
        assertThat(ClueHubSigner.check(BODY, jws, expired.toJSONString(), now).message()).contains("expired");
        assertThat(ClueHubSigner.check(BODY, jws, future.toJSONString(), now).message()).contains("not valid yet");
        assertThat(ClueHubSigner.check(BODY, jws, current.toJSONString(), now).isValid()).isTrue();
    }

    @Test
    void aKeyOnAnotherCurveOrOfAnotherTypeFails() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID(KEY.getKeyID()).generate();
        String jws = ClueHubSigner.sign(BODY, KEY);

        assertThat(ClueHubSigner.check(BODY, jws, p384.toPublicJWK().toJSONString()).message())
                .contains("not an EC P-256 key");
        assertThat(ClueHubSigner.check(BODY, jws, "{\"kty\":\"oct\",\"kid\":\"" + KEY.getKeyID() + "\",\"k\":\"AAAA\"}")
                .isValid()).isFalse();
        assertThat(ClueHubSigner.check(BODY, jws, "not json").message()).contains("not a valid JWK");
        assertThat(ClueHubSigner.check(BODY, jws, null).message()).contains("no public key");
    }

    @Test
    void signingRefusesPublicKeysOtherCurvesAndMissingKeyIds() throws Exception {
        ECKey noKid = new ECKeyGenerator(Curve.P_256).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("x").generate();

        assertThatThrownBy(() -> ClueHubSigner.sign(BODY, KEY.toPublicJWK())).hasMessageContaining("private key");
        assertThatThrownBy(() -> ClueHubSigner.sign(BODY, noKid)).hasMessageContaining("key id");
        assertThatThrownBy(() -> ClueHubSigner.sign(BODY, p384)).hasMessageContaining("P-256");
    }

    @Test
    void aBrokenPrivateKeyIsReportedWithoutQuotingIt() {
        String d = KEY.getD().toString();
        String broken = KEY.toJSONString().replace("\"kty\"", "\"kty\"\"");

        assertThatThrownBy(() -> ClueHubSigner.sign(BODY, broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .hasMessageNotContaining(d);
    }

    @Test
    void theVerificationNeverRepeatsTheBody() {
        byte[] secretBody = "330106199503141237".getBytes(StandardCharsets.UTF_8);
        String jws = ClueHubSigner.sign(BODY, KEY);

        assertThat(ClueHubSigner.check(secretBody, jws, PUBLIC_JWK).message()).doesNotContain("330106199503141237");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ClueHubSignerTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
