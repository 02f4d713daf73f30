package io.cluehub.security.signature;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * An office's public signing key as the directory holds it: valid from {@code notBefore} (inclusive; null = no lower
 * bound) until {@code notAfter} (exclusive; null = open-ended), unless revoked at {@code revokedAt} (null = not
 * revoked). Only the public part is kept, whatever key is passed in.
 */
public record OfficeKey(String kid, String officeId, ECKey publicKey, Instant notBefore, Instant notAfter,
        Instant revokedAt) {

    public OfficeKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(officeId, "officeId");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!Curve.P_256.equals(publicKey.getCurve())) {
            throw new IllegalArgumentException("Key " + kid + " is not an EC P-256 key");
        }
        if (publicKey.getKeyID() != null && !publicKey.getKeyID().equals(kid)) {
            throw new IllegalArgumentException("Key " + kid + " carries a different JWK kid");
        }
        if (notBefore != null && notAfter != null && !notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("Key " + kid + " has an empty validity period");
        }
        // Never hold (and never print) a private part the caller handed in by mistake.
        publicKey = publicKey.toPublicJWK();
    }

    /** A key with no validity bounds and no revocation. */
    public static OfficeKey of(String officeId, ECKey key) {
        return new OfficeKey(key.getKeyID(), officeId, key, null, null, null);
    }

    /** A key whose validity and revocation come from its JWK members {@code nbf}, {@code exp} and {@code revoked}. */
    public static OfficeKey fromJwk(String officeId, ECKey key) {
        return new OfficeKey(key.getKeyID(), officeId, key, instant(key.getNotBeforeTime()),
                instant(key.getExpirationTime()),
                key.getKeyRevocation() == null ? null : instant(key.getKeyRevocation().getRevocationTime()));
    }

    public boolean revokedAt(Instant at) {
        return revokedAt != null && !at.isBefore(revokedAt);
    }

    public boolean expiredAt(Instant at) {
        return notAfter != null && !at.isBefore(notAfter);
    }

    public boolean notYetValidAt(Instant at) {
        return notBefore != null && at.isBefore(notBefore);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
