package io.cluehub.security.signature;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.cluehub.security.signature.VerificationResult.Status;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Clue Hub message signatures: ES256 over the exact body bytes as a detached JWS with unencoded payload (RFC 7797).
 * The header is exactly {@code {"alg":"ES256","kid":…,"b64":false,"crit":["b64"]}} and the serialisation is
 * {@code BASE64URL(header)..BASE64URL(signature)}: the signing input is the encoded header, a dot, and the raw body.
 *
 * <p>Verification accepts nothing else: another algorithm (HS256, none, RS256, ES384…), an encoded payload, extra
 * critical parameters or an attached payload are rejected before any key is looked up; keys come only from the
 * {@link KeyResolver}, never from the header ({@code jwk}, {@code jku}, {@code x5c} are ignored).
 */
public final class DetachedJws {

    /**
     * The ECDSA implementation: AWS-LC's where it loads, else BouncyCastle's; never the JDK's, whose P-256 arithmetic
     * was two thirds of the hub's CPU under load on Java 17 (bench profile of 2026-11-23). See {@link EcProvider}.
     */
    private static final java.security.Provider EC_PROVIDER = EcProvider.get();

    /**
     * The provider's own key objects, converted once per JWK. Handed the JDK's key objects, a provider converts the
     * curve on every operation (BouncyCastle then lost its fixed-point precomputation: 0.36–0.78 ms per signature
     * against 0.12–0.17 with its own keys, 2026-11-23). Bounded: the directory's keys and the hub's own; cleared if it
     * ever holds more.
     */
    private static final Map<ECKey, java.security.interfaces.ECPrivateKey> PRIVATE_KEYS = new ConcurrentHashMap<>();
    private static final Map<ECKey, java.security.interfaces.ECPublicKey> PUBLIC_KEYS = new ConcurrentHashMap<>();
    /**
     * Per signing key: its signer and its header, built and encoded once (the header is the same for every
     * signature of a key; building and encoding it took a fifth of a signature).
     */
    private static final Map<ECKey, Signing> SIGNING = new ConcurrentHashMap<>();
    private static final int KEY_CACHE_MAX = 100_000;

    private record Signing(JWSHeader header, ECDSASigner signer) {
    }

    public static final String ALGORITHM = "ES256";

    private static final String B64 = "b64";
    // BASE64URL(header) '.' (empty payload) '.' BASE64URL(signature); an ES256 one is about 200 characters.
    private static final Pattern DETACHED = Pattern.compile("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
    private static final Pattern COMPACT_ATTACHED = Pattern.compile("[A-Za-z0-9_-]+\\.[^.]+\\.[A-Za-z0-9_-]*");
    private static final int MAX_CHARS = 8192;
    // Key ids and algorithm names end up in logs and receipts: printable ASCII, bounded.
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]{1,256}");

    private DetachedJws() {
    }

    /**
     * Signs {@code body} with a private EC P-256 key that has a key id.
     *
     * @throws SigningException if the key is public, not P-256 or has no key id
     */
    public static String sign(byte[] body, ECKey privateKey) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.isPrivate()) {
            throw new SigningException("Key " + privateKey.getKeyID() + " is public; signing needs the private key");
        }
        if (!Curve.P_256.equals(privateKey.getCurve())) {
            throw new SigningException("Key " + privateKey.getKeyID() + " is not on curve P-256");
        }
        String kid = privateKey.getKeyID();
        if (kid == null || !PRINTABLE.matcher(kid).matches()) {
            throw new SigningException("The signing key needs a key id of 1 to 256 printable ASCII characters");
        }
        JWSObject jws;
        try {
            Signing signing = signing(privateKey);
            jws = new JWSObject(signing.header(), new Payload(body));
            jws.sign(signing.signer());
        } catch (JOSEException | ParseException e) {
            throw new SigningException("ES256 signing with key " + kid + " failed", e);
        }
        return jws.serialize(true);
    }

    private static Signing signing(ECKey privateKey) throws JOSEException, ParseException {
        Signing cached = SIGNING.get(privateKey);
        if (cached == null) {
            JWSHeader built = new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .keyID(privateKey.getKeyID())
                    .base64URLEncodePayload(false)
                    .criticalParams(Set.of(B64))
                    .build();
            // Parsed back from its encoding, a header keeps that encoding instead of re-encoding for every signature.
            JWSHeader header = JWSHeader.parse(built.toBase64URL());
            ECDSASigner signer = new ECDSASigner(providerPrivateKey(privateKey));
            signer.getJCAContext().setProvider(EC_PROVIDER);
            cached = new Signing(header, signer);
            if (SIGNING.size() >= KEY_CACHE_MAX) {
                SIGNING.clear();
            }
            SIGNING.put(privateKey, cached);
        }
        return cached;
    }

    private static java.security.interfaces.ECPrivateKey providerPrivateKey(ECKey key) throws JOSEException {
        return providerKey(PRIVATE_KEYS, key, factory -> (java.security.interfaces.ECPrivateKey) factory
                .generatePrivate(new PKCS8EncodedKeySpec(key.toECPrivateKey().getEncoded())));
    }

    private static java.security.interfaces.ECPublicKey providerPublicKey(ECKey key) throws JOSEException {
        return providerKey(PUBLIC_KEYS, key, factory -> (java.security.interfaces.ECPublicKey) factory
                .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded())));
    }

    /** How a JWK becomes a key object of the provider's own, given its EC key factory. */
    private interface Conversion<T> {
        T convert(KeyFactory factory) throws GeneralSecurityException, JOSEException;
    }

    /** {@code key} as the provider's key object, converted once and cached (cleared whole past its bound). */
    private static <T> T providerKey(Map<ECKey, T> cache, ECKey key, Conversion<T> conversion) throws JOSEException {
        T cached = cache.get(key);
        if (cached == null) {
            try {
                cached = conversion.convert(KeyFactory.getInstance("EC", EC_PROVIDER));
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Key " + key.getKeyID() + " cannot be used for ES256", e);
            }
            if (cache.size() >= KEY_CACHE_MAX) {
                cache.clear();
            }
            cache.put(key, cached);
        }
        return cached;
    }

    /** Verifies {@code detached} over exactly {@code body}, with the key it names, valid at instant {@code at}. */
    public static VerificationResult verify(byte[] body, String detached, KeyResolver keys, Instant at) {
        return verify(null, body, detached, keys, at);
    }

    /**
     * Like {@link #verify(byte[], String, KeyResolver, Instant)}, and the key must belong to {@code officeId}, the
     * authenticated sender: a key of another office gives {@link Status#KEY_OF_OTHER_OFFICE}.
     */
    public static VerificationResult verifyFor(String officeId, byte[] body, String detached, KeyResolver keys,
            Instant at) {
        return verify(Objects.requireNonNull(officeId, "officeId"), body, detached, keys, at);
    }

    /** The key id a signature's header names, if it is readable; nothing is verified. */
    public static Optional<String> keyId(String detached) {
        if (detached == null || detached.isBlank()) {
            return Optional.empty();
        }
        String compact = detached.strip();
        if (compact.length() > MAX_CHARS || !DETACHED.matcher(compact).matches()) {
            return Optional.empty();
        }
        return header(compact).map(h -> h.get("kid")).filter(String.class::isInstance).map(String.class::cast)
                .filter(kid -> PRINTABLE.matcher(kid).matches());
    }

    private static VerificationResult verify(String expectedOffice, byte[] body, String detached, KeyResolver keys,
            Instant at) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(at, "at");
        if (detached == null || detached.isBlank()) {
            return result(Status.MISSING, null, null, "no signature");
        }
        String compact = detached.strip();
        if (compact.length() > MAX_CHARS) {
            return result(Status.MALFORMED, null, null, "signature longer than " + MAX_CHARS + " characters");
        }
        if (!DETACHED.matcher(compact).matches()) {
            return result(Status.MALFORMED, null, null, COMPACT_ATTACHED.matcher(compact).matches()
                    ? "the JWS carries its payload; a detached JWS has an empty middle part (header..signature)"
                    : "not a detached compact JWS (BASE64URL(header)..BASE64URL(signature))");
        }
        Optional<Map<String, Object>> parsed = header(compact);
        if (parsed.isEmpty()) {
            return result(Status.MALFORMED, null, null, "the JWS header is not base64url-encoded JSON");
        }
        Map<String, Object> header = parsed.get();
        Object alg = header.get("alg");
        if (!ALGORITHM.equals(alg)) {
            return result(Status.WRONG_ALGORITHM, null, null, "algorithm " + printable(alg) + " is not ES256");
        }
        if (!Boolean.FALSE.equals(header.get(B64)) || !List.of(B64).equals(header.get("crit"))) {
            return result(Status.WRONG_ALGORITHM, null, null,
                    "the header must have \"b64\": false and \"crit\": [\"b64\"] (RFC 7797 unencoded payload)");
        }
        Object kidValue = header.get("kid");
        if (!(kidValue instanceof String kid) || !PRINTABLE.matcher(kid).matches()) {
            return result(Status.MALFORMED, null, null, "the header has no usable key id (kid)");
        }

        Optional<OfficeKey> found = keys.find(kid).filter(k -> k.kid().equals(kid));
        if (found.isEmpty()) {
            return result(Status.KEY_UNKNOWN, kid, null, "no key " + kid + " in the directory");
        }
        OfficeKey key = found.get();
        if (expectedOffice != null && !expectedOffice.equals(key.officeId())) {
            return result(Status.KEY_OF_OTHER_OFFICE, kid, key.officeId(),
                    "key " + kid + " is not a key of the sending office " + expectedOffice);
        }

        // The signature first, then the key's life: KEY_REVOKED then means "genuinely signed with a revoked key".
        try {
            JWSObject jws = JWSObject.parse(compact, new Payload(body));
            ECDSAVerifier verifier = new ECDSAVerifier(providerPublicKey(key.publicKey()), Set.of(B64));
            verifier.getJCAContext().setProvider(EC_PROVIDER);
            if (!jws.verify(verifier)) {
                return result(Status.INVALID, kid, key.officeId(), "the signature does not match the body");
            }
        } catch (ParseException e) {
            return result(Status.MALFORMED, kid, key.officeId(), "the JWS does not parse");
        } catch (JOSEException e) {
            return result(Status.INVALID, kid, key.officeId(), "the signature cannot be checked with key " + kid);
        }
        if (key.revokedAt(at)) {
            return result(Status.KEY_REVOKED, kid, key.officeId(), "key " + kid + " revoked at " + key.revokedAt());
        }
        if (key.expiredAt(at)) {
            return result(Status.KEY_EXPIRED, kid, key.officeId(), "key " + kid + " expired at " + key.notAfter());
        }
        if (key.notYetValidAt(at)) {
            return result(Status.KEY_NOT_YET_VALID, kid, key.officeId(),
                    "key " + kid + " is valid from " + key.notBefore());
        }
        return result(Status.VALID, kid, key.officeId(), "signed with key " + kid);
    }

    private static Optional<Map<String, Object>> header(String compact) {
        try {
            String json = new Base64URL(compact.substring(0, compact.indexOf('.'))).decodeToString();
            // Gson reads "[]" as an empty object; a JOSE header is a JSON object and nothing else.
            if (!json.strip().startsWith("{")) {
                return Optional.empty();
            }
            return Optional.of(JSONObjectUtils.parse(json));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String printable(Object value) {
        if (value == null) {
            return "(none)";
        }
        return value instanceof String s && s.length() <= 32 && PRINTABLE.matcher(s).matches() ? s : "(unreadable)";
    }

    private static VerificationResult result(Status status, String kid, String officeId, String detail) {
        return new VerificationResult(status, kid, officeId, detail);
    }
}
