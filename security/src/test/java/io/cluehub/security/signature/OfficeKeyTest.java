package io.cluehub.security.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyRevocation;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficeKeyTest {

    private static final Instant T = Instant.parse("2026-11-23T00:00:00Z");
    private static final ECKey KEY = KeyFiles.generate("SAMR-330106", Clock.systemUTC());

    @Test
    void keepsOnlyThePublicPartAndNeverPrintsThePrivateOne() {
        OfficeKey key = OfficeKey.of("SAMR-330106", KEY);

        assertThat(key.publicKey().isPrivate()).isFalse();
        assertThat(key.toString()).doesNotContain(KEY.getD().toString()).doesNotContain("\"d\"");
    }

    @Test
    void takesValidityAndRevocationFromTheJwk() {
        ECKey described = (ECKey) new ECKey.Builder(KEY.toPublicJWK())
                .notBeforeTime(Date.from(T)).expirationTime(Date.from(T.plusSeconds(3600))).build()
                .toRevokedJWK(new KeyRevocation(Date.from(T.plusSeconds(60)), KeyRevocation.Reason.SUPERSEDED));

        OfficeKey key = OfficeKey.fromJwk("SAMR-330106", described);

        assertThat(key.notBefore()).isEqualTo(T);
        assertThat(key.notAfter()).isEqualTo(T.plusSeconds(3600));
        assertThat(key.revokedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(OfficeKey.fromJwk("SAMR-330106", KEY.toPublicJWK()))
                .extracting(OfficeKey::notBefore, OfficeKey::notAfter, OfficeKey::revokedAt)
                .containsOnlyNulls();
    }

    @Test
    void refusesOtherCurvesMismatchedKidsAndEmptyPeriods() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("k").generate();

        assertThatThrownBy(() -> OfficeKey.of("SAMR-330106", p384)).hasMessageContaining("P-256");
        assertThatThrownBy(() -> new OfficeKey("another-kid", "SAMR-330106", KEY, null, null, null))
                .hasMessageContaining("different JWK kid");
        assertThatThrownBy(() -> new OfficeKey(KEY.getKeyID(), "SAMR-330106", KEY, T, T, null))
                .hasMessageContaining("empty validity period");
    }

    @Test
    void aResolverOfAFixedSetRefusesDuplicateKids() {
        OfficeKey key = OfficeKey.of("SAMR-330106", KEY);

        assertThat(KeyResolver.of(List.of(key)).find(KEY.getKeyID())).contains(key);
        assertThat(KeyResolver.of(List.of(key)).find("nope")).isEmpty();
        assertThatThrownBy(() -> KeyResolver.of(List.of(key, key))).hasMessageContaining("Duplicate key id");
    }
}
