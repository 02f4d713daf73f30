package io.cluehub.security.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.security.signature.VerificationResult.Status;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DetachedJwsTest {

    static final Instant NOW = Instant.parse("2026-11-23T08:15:00Z");
    // The body holds an identity number: no detail may ever repeat it.
    static final String SENTINEL = "330106199503141237";
    static final byte[] BODY = ("{\"messageId\":\"6f1c2a9e\",\"idNumber\":\"" + SENTINEL + "\",\"name\":\"李示例\"}")
            .getBytes(StandardCharsets.UTF_8);

    static final ECKey SAMR = KeyFiles.generate("SAMR-330106", Clock.fixed(NOW, ZoneOffset.UTC));
    static final ECKey CAC = KeyFiles.generate("CAC-330100", Clock.fixed(NOW, ZoneOffset.UTC));
    static final KeyResolver DIRECTORY = KeyResolver.of(List.of(
            OfficeKey.of("SAMR-330106", SAMR.toPublicJWK()),
            OfficeKey.of("CAC-330100", CAC.toPublicJWK())));

    @Test
    void aGoodSignatureIsValidAndNamesKeyAndOffice() {
        VerificationResult result = DetachedJws.verify(BODY, DetachedJws.sign(BODY, SAMR), DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.VALID);
        assertThat(result.valid()).isTrue();
        assertThat(result.kid()).isEqualTo(SAMR.getKeyID());
        assertThat(result.officeId()).isEqualTo("SAMR-330106");
    }

    @Test
    void theHeaderIsExactlyTheProfileAndThePayloadPartIsEmpty() throws Exception {
        String[] parts = DetachedJws.sign(BODY, SAMR).split("\\.", -1);

        assertThat(parts).hasSize(3);
        assertThat(parts[1]).isEmpty();
        Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        assertThat(header).containsOnlyKeys("alg", "kid", "b64", "crit")
                .containsEntry("alg", "ES256")
                .containsEntry("kid", SAMR.getKeyID())
                .containsEntry("b64", false)
                .containsEntry("crit", List.of("b64"));
    }

    @Test
    void theSigningInputIsTheEncodedHeaderADotAndTheRawBody() throws Exception {
        // Checked with the JDK alone, not Nimbus (RFC 7797 §3).
        String[] parts = DetachedJws.sign(BODY, SAMR).split("\\.", -1);
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(SAMR.toECPublicKey());
        ecdsa.update((parts[0] + ".").getBytes(StandardCharsets.US_ASCII));
        ecdsa.update(BODY);

        assertThat(ecdsa.verify(new Base64URL(parts[2]).decode())).isTrue();
    }

    @Test
    void otherBytesAreInvalid() {
        String jws = DetachedJws.sign(BODY, SAMR);
        byte[] changed = BODY.clone();
        changed[5] ^= 1;

        assertThat(DetachedJws.verify(changed, jws, DIRECTORY, NOW).status()).isEqualTo(Status.INVALID);
        assertThat(DetachedJws.verify(new byte[0], jws, DIRECTORY, NOW).status()).isEqualTo(Status.INVALID);
        assertThat(DetachedJws.verify(append(BODY, (byte) '\n'), jws, DIRECTORY, NOW).status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void aSignatureByAnImpostorKeyClaimingAKnownKidIsInvalid() {
        ECKey impostor = withKid(freshKey(), SAMR.getKeyID());

        VerificationResult result = DetachedJws.verify(BODY, DetachedJws.sign(BODY, impostor), DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.INVALID);
        assertThat(result.officeId()).isEqualTo("SAMR-330106");
    }

    @Test
    void anUnknownKeyIdIsKeyUnknown() {
        ECKey stranger = KeyFiles.generate("MPS-000000", Clock.systemUTC());

        VerificationResult result = DetachedJws.verify(BODY, DetachedJws.sign(BODY, stranger), DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.KEY_UNKNOWN);
        assertThat(result.kid()).isEqualTo(stranger.getKeyID());
        assertThat(result.officeId()).isNull();
    }

    @Test
    void aResolverAnsweringWithAnotherKidIsNotTrusted() {
        KeyResolver sloppy = kid -> Optional.of(OfficeKey.of("SAMR-330106", SAMR.toPublicJWK()));
        ECKey other = KeyFiles.generate("SAMR-330106", Clock.systemUTC());

        assertThat(DetachedJws.verify(BODY, DetachedJws.sign(BODY, other), sloppy, NOW).status())
                .isEqualTo(Status.KEY_UNKNOWN);
    }

    @Test
    void theKeysValidityPeriodIsNotBeforeInclusiveNotAfterExclusive() {
        String jws = DetachedJws.sign(BODY, SAMR);
        KeyResolver period = resolver(new OfficeKey(SAMR.getKeyID(), "SAMR-330106", SAMR, NOW, NOW.plusSeconds(60),
                null));

        assertThat(DetachedJws.verify(BODY, jws, period, NOW.minusMillis(1)).status())
                .isEqualTo(Status.KEY_NOT_YET_VALID);
        assertThat(DetachedJws.verify(BODY, jws, period, NOW).status()).isEqualTo(Status.VALID);
        assertThat(DetachedJws.verify(BODY, jws, period, NOW.plusSeconds(59)).status()).isEqualTo(Status.VALID);
        assertThat(DetachedJws.verify(BODY, jws, period, NOW.plusSeconds(60)).status()).isEqualTo(Status.KEY_EXPIRED);
    }

    @Test
    void aRevokedKeyIsRevokedFromItsRevocationInstant() {
        String jws = DetachedJws.sign(BODY, SAMR);
        KeyResolver revoked = resolver(new OfficeKey(SAMR.getKeyID(), "SAMR-330106", SAMR, null, null, NOW));

        assertThat(DetachedJws.verify(BODY, jws, revoked, NOW.minusSeconds(1)).status()).isEqualTo(Status.VALID);
        VerificationResult result = DetachedJws.verify(BODY, jws, revoked, NOW);
        assertThat(result.status()).isEqualTo(Status.KEY_REVOKED);
        assertThat(result.detail()).contains("revoked at 2026-11-23T08:15:00Z");
    }

    @Test
    void revocationWinsOverExpiryAndABadSignatureStaysInvalidWhateverTheKeysState() {
        String jws = DetachedJws.sign(BODY, SAMR);
        KeyResolver both = resolver(new OfficeKey(SAMR.getKeyID(), "SAMR-330106", SAMR, null, NOW, NOW));

        assertThat(DetachedJws.verify(BODY, jws, both, NOW).status()).isEqualTo(Status.KEY_REVOKED);
        assertThat(DetachedJws.verify("other".getBytes(StandardCharsets.UTF_8), jws, both, NOW).status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void verifyForAcceptsTheSendersOwnKeyOnly() {
        String bySamr = DetachedJws.sign(BODY, SAMR);

        assertThat(DetachedJws.verifyFor("SAMR-330106", BODY, bySamr, DIRECTORY, NOW).status())
                .isEqualTo(Status.VALID);
        VerificationResult spoof = DetachedJws.verifyFor("CAC-330100", BODY, bySamr, DIRECTORY, NOW);
        assertThat(spoof.status()).isEqualTo(Status.KEY_OF_OTHER_OFFICE);
        assertThat(spoof.officeId()).isEqualTo("SAMR-330106");
        assertThat(spoof.detail()).contains("not a key of the sending office CAC-330100");
    }

    @Test
    void hs256IsTheWrongAlgorithmEvenWhenItsMacIsRight() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(SAMR.getKeyID())
                .base64URLEncodePayload(false).criticalParams(Set.of("b64")).build();
        JWSObject hs = new JWSObject(header, new Payload(BODY));
        // The classic confusion: an HMAC keyed with the public key's bytes.
        hs.sign(new MACSigner(SAMR.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));

        VerificationResult result = DetachedJws.verify(BODY, hs.serialize(true), DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.WRONG_ALGORITHM);
        assertThat(result.detail()).isEqualTo("algorithm HS256 is not ES256");
    }

    @Test
    void es384AndNoneAreTheWrongAlgorithm() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID(SAMR.getKeyID()).generate();
        JWSObject es384 = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(p384.getKeyID())
                .base64URLEncodePayload(false).criticalParams(Set.of("b64")).build(), new Payload(BODY));
        es384.sign(new ECDSASigner(p384));
        String none = encodeHeader("{\"alg\":\"none\",\"kid\":\"" + SAMR.getKeyID()
                + "\",\"b64\":false,\"crit\":[\"b64\"]}") + "..c2ln";

        assertThat(DetachedJws.verify(BODY, es384.serialize(true), DIRECTORY, NOW).status())
                .isEqualTo(Status.WRONG_ALGORITHM);
        assertThat(DetachedJws.verify(BODY, none, DIRECTORY, NOW).status()).isEqualTo(Status.WRONG_ALGORITHM);
    }

    @Test
    void anEncodedPayloadIsRejectedEvenWithAGoodSignature() throws Exception {
        JWSObject b64 = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(SAMR.getKeyID()).build(),
                new Payload(BODY));
        b64.sign(new ECDSASigner(SAMR));

        VerificationResult result = DetachedJws.verify(BODY, b64.serialize(true), DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.WRONG_ALGORITHM);
        assertThat(result.detail()).contains("\"b64\": false");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"alg\":\"ES256\",\"kid\":\"K\",\"b64\":true,\"crit\":[\"b64\"]}",
            "{\"alg\":\"ES256\",\"kid\":\"K\",\"b64\":false}",
            "{\"alg\":\"ES256\",\"kid\":\"K\",\"b64\":\"false\",\"crit\":[\"b64\"]}",
            "{\"alg\":\"ES256\",\"kid\":\"K\",\"b64\":false,\"crit\":[\"b64\",\"exp\"],\"exp\":1}",
            "{\"alg\":\"ES256\",\"kid\":\"K\",\"b64\":false,\"crit\":\"b64\"}",
    })
    void headersOutsideTheRfc7797ProfileAreTheWrongAlgorithm(String header) throws Exception {
        String jws = signRaw(header.replace("\"K\"", "\"" + SAMR.getKeyID() + "\""));

        assertThat(DetachedJws.verify(BODY, jws, DIRECTORY, NOW).status()).isEqualTo(Status.WRONG_ALGORITHM);
    }

    @Test
    void anAttachedJwsIsMalformed() {
        String attached = DetachedJws.sign(BODY, SAMR).replace("..", "." + Base64URL.encode(BODY) + ".");

        VerificationResult result = DetachedJws.verify(BODY, attached, DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.MALFORMED);
        assertThat(result.detail()).contains("carries its payload");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t"})
    void noSignatureIsMissing(String signature) {
        assertThat(DetachedJws.verify(BODY, signature, DIRECTORY, NOW).status()).isEqualTo(Status.MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b", "a..b..c", "..", "e30..", "..c2ln", "e30.. c2ln", "e30..c2ln=",
            "bm90IGpzb24..c2ln", "W10..c2ln", "!!!..c2ln", "e30..c2ln.", "eyJhbGciOiJFUzI1NiJ9.e30"})
    void malformedStringsAreMalformed(String signature) {
        VerificationResult result = DetachedJws.verify(BODY, signature, DIRECTORY, NOW);

        assertThat(result.status()).isIn(Status.MALFORMED, Status.WRONG_ALGORITHM);
        assertThat(result.valid()).isFalse();
    }

    @Test
    void anEmptyHeaderObjectHasTheWrongAlgorithm() {
        assertThat(DetachedJws.verify(BODY, "e30..c2ln", DIRECTORY, NOW).status()).isEqualTo(Status.WRONG_ALGORITHM);
    }

    @Test
    void aHeaderThatIsNotAJsonObjectIsMalformed() {
        assertThat(DetachedJws.verify(BODY, "bm90IGpzb24..c2ln", DIRECTORY, NOW).status())
                .isEqualTo(Status.MALFORMED);
        assertThat(DetachedJws.verify(BODY, "W10..c2ln", DIRECTORY, NOW).status()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void aHugeSignatureIsMalformedWithoutParsing() {
        String huge = "e30." + "." + "A".repeat(10_000);

        VerificationResult result = DetachedJws.verify(BODY, huge, DIRECTORY, NOW);

        assertThat(result.status()).isEqualTo(Status.MALFORMED);
        assertThat(result.detail()).contains("longer than");
    }

    @Test
    void aMissingOrUnprintableKeyIdIsMalformed() throws Exception {
        String noKid = signRaw("{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"]}");
        String controlKid = signRaw("{\"alg\":\"ES256\",\"kid\":\"x\\nFAKE LOG LINE\",\"b64\":false,\"crit\":[\"b64\"]}");
        String numberKid = signRaw("{\"alg\":\"ES256\",\"kid\":7,\"b64\":false,\"crit\":[\"b64\"]}");

        for (String jws : List.of(noKid, controlKid, numberKid)) {
            VerificationResult result = DetachedJws.verify(BODY, jws, DIRECTORY, NOW);
            assertThat(result.status()).isEqualTo(Status.MALFORMED);
            assertThat(result.kid()).isNull();
            assertThat(result.detail()).doesNotContain("FAKE LOG LINE");
        }
    }

    @Test
    void aHeaderWithDuplicateMembersIsMalformed() throws Exception {
        String duplicate = signRaw("{\"alg\":\"HS256\",\"alg\":\"ES256\",\"kid\":\"" + SAMR.getKeyID()
                + "\",\"b64\":false,\"crit\":[\"b64\"]}");

        assertThat(DetachedJws.verify(BODY, duplicate, DIRECTORY, NOW).status()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void surroundingWhitespaceOfAJwsFileIsIgnored() {
        String jws = DetachedJws.sign(BODY, SAMR);

        assertThat(DetachedJws.verify(BODY, "  " + jws + "\r\n", DIRECTORY, NOW).status()).isEqualTo(Status.VALID);
    }

    @Test
    void theResolverIsAskedForTheHeadersKidAndItsFailurePropagates() {
        AtomicReference<String> asked = new AtomicReference<>();
        KeyResolver down = kid -> {
            asked.set(kid);
            throw new IllegalStateException("directory database unavailable");
        };

        assertThatThrownBy(() -> DetachedJws.verify(BODY, DetachedJws.sign(BODY, SAMR), down, NOW))
                .hasMessage("directory database unavailable");
        assertThat(asked.get()).isEqualTo(SAMR.getKeyID());
    }

    @Test
    void noDetailEverRepeatsTheBody() throws Exception {
        ECKey stranger = freshKey();
        KeyResolver revoked = resolver(new OfficeKey(SAMR.getKeyID(), "SAMR-330106", SAMR, null, null, NOW));
        List<VerificationResult> results = List.of(
                DetachedJws.verify(BODY, DetachedJws.sign(BODY, SAMR), DIRECTORY, NOW),
                DetachedJws.verify(BODY, DetachedJws.sign("x".getBytes(StandardCharsets.UTF_8), SAMR), DIRECTORY, NOW),
                DetachedJws.verify(BODY, DetachedJws.sign(BODY, stranger), DIRECTORY, NOW),
                DetachedJws.verify(BODY, DetachedJws.sign(BODY, SAMR), revoked, NOW),
                DetachedJws.verify(BODY, "garbage", DIRECTORY, NOW),
                DetachedJws.verify(BODY, null, DIRECTORY, NOW),
                DetachedJws.verifyFor("CAC-330100", BODY, DetachedJws.sign(BODY, SAMR), DIRECTORY, NOW),
                DetachedJws.verify(BODY, DetachedJws.sign(BODY, SAMR).replace("..", "." + Base64URL.encode(BODY) + "."),
                        DIRECTORY, NOW));

        assertThat(results).extracting(VerificationResult::status).contains(Status.VALID, Status.INVALID,
                Status.KEY_UNKNOWN, Status.KEY_REVOKED, Status.MALFORMED, Status.MISSING, Status.KEY_OF_OTHER_OFFICE);
        assertThat(results).allSatisfy(r -> assertThat(r.detail()).doesNotContain(SENTINEL).doesNotContain("李示例"));
    }

    @Test
    void everyRejectionMapsToAStableIssueCode() {
        assertThat(Status.VALID.issueCode()).isEmpty();
        assertThat(Status.MISSING.issueCode()).contains(IssueCode.SIGNATURE_MISSING);
        assertThat(Status.INVALID.issueCode()).contains(IssueCode.SIGNATURE_INVALID);
        assertThat(Status.MALFORMED.issueCode()).contains(IssueCode.SIGNATURE_INVALID);
        assertThat(Status.WRONG_ALGORITHM.issueCode()).contains(IssueCode.SIGNATURE_INVALID);
        assertThat(Status.KEY_UNKNOWN.issueCode()).contains(IssueCode.SIGNATURE_KEY_UNKNOWN);
        assertThat(Status.KEY_OF_OTHER_OFFICE.issueCode()).contains(IssueCode.SIGNATURE_KEY_UNKNOWN);
        assertThat(Status.KEY_EXPIRED.issueCode()).contains(IssueCode.SIGNATURE_KEY_EXPIRED);
        assertThat(Status.KEY_NOT_YET_VALID.issueCode()).contains(IssueCode.SIGNATURE_KEY_EXPIRED);
        assertThat(Status.KEY_REVOKED.issueCode()).contains(IssueCode.SIGNATURE_KEY_REVOKED);
    }

    @Test
    void signingRefusesPublicKeysOtherCurvesAndMissingKids() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("x").generate();
        ECKey noKid = new ECKeyGenerator(Curve.P_256).generate();

        assertThatThrownBy(() -> DetachedJws.sign(BODY, SAMR.toPublicJWK())).isInstanceOf(SigningException.class)
                .hasMessageContaining("is public");
        assertThatThrownBy(() -> DetachedJws.sign(BODY, p384)).isInstanceOf(SigningException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> DetachedJws.sign(BODY, noKid)).isInstanceOf(SigningException.class)
                .hasMessageContaining("key id");
    }

    @Test
    void keyIdReadsTheHeaderWithoutVerifying() {
        assertThat(DetachedJws.keyId(DetachedJws.sign(BODY, SAMR))).contains(SAMR.getKeyID());
        assertThat(DetachedJws.keyId("garbage")).isEmpty();
        assertThat(DetachedJws.keyId(null)).isEmpty();
    }

    static ECKey freshKey() {
        return KeyFiles.generate("TEST", Clock.systemUTC());
    }

    static ECKey withKid(ECKey key, String kid) {
        return new ECKey.Builder(key).keyID(kid).build();
    }

    static KeyResolver resolver(OfficeKey key) {
        return KeyResolver.of(List.of(key));
    }

    /** A detached JWS over BODY with exactly this header JSON, signed by SAMR with the RFC 7797 signing input. */
    static String signRaw(String headerJson) throws Exception {
        String header = encodeHeader(headerJson);
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initSign(SAMR.toECPrivateKey());
        ecdsa.update((header + ".").getBytes(StandardCharsets.US_ASCII));
        ecdsa.update(BODY);
        return header + ".." + Base64URL.encode(ecdsa.sign());
    }

    static String encodeHeader(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static byte[] append(byte[] bytes, byte extra) {
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = extra;
        return longer;
    }
}
