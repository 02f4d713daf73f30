package io.cluehub.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs and verifies Clue Hub messages: ES256 over the exact body bytes, as a detached JWS with unencoded payload
 * (RFC 7797). The result, {@code BASE64URL(header)..BASE64URL(signature)}, travels beside the body: in the JMS
 * property {@value #JMS_PROPERTY}, or for SFTP in a file named like the message plus {@value #FILE_SUFFIX}. The hub
 * countersigns what it delivers in {@value #HUB_JMS_PROPERTY}; verify that with the hub's published JWK set.
 *
 * <p>Sign the bytes you send, exactly: re-serialising the JSON after signing (pretty-printing, reordering, a
 * different charset) breaks the signature. Java 8 compatible; depends on Nimbus JOSE+JWT only.
 */
public final class ClueHubSigner {

    /** JMS property carrying the sending office's signature. */
    public static final String JMS_PROPERTY = "ClueHubSignature";
    /** JMS property carrying the hub's countersignature on delivered messages. */
    public static final String HUB_JMS_PROPERTY = "ClueHubHubSignature";
    /** SFTP: the signature of {@code <file>} is in {@code <file>.jws}. */
    public static final String FILE_SUFFIX = ".jws";

    // A detached JWS is two base64url parts around an empty payload; ES256 ones are ~200 characters.
    private static final Pattern DETACHED = Pattern.compile("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
    private static final int MAX_SIGNATURE_CHARS = 8192;
    // Key ids are echoed in messages: printable ASCII only, bounded.
    private static final Pattern KID = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final String B64 = "b64";

    private ClueHubSigner() {
    }

    /**
     * Signs {@code body} with an office's private key given as JWK JSON (the {@code <officeId>.jwk} file).
     *
     * @throws IllegalArgumentException if the JSON is not a private EC P-256 key with a key id; the message never
     *                                  repeats the key material
     */
    public static String sign(byte[] body, String privateJwkJson) {
        return sign(body, parsePrivateKey(privateJwkJson));
    }

    /** Signs {@code body} with a private EC P-256 key that has a key id. */
    public static String sign(byte[] body, ECKey privateKey) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("Signing needs the private key (JWK member \"d\"); got a public key "
                    + privateKey.getKeyID());
        }
        if (!Curve.P_256.equals(privateKey.getCurve())) {
            throw new IllegalArgumentException("Clue Hub signatures use curve P-256, not " + privateKey.getCurve());
        }
        if (privateKey.getKeyID() == null || !KID.matcher(privateKey.getKeyID()).matches()) {
            throw new IllegalArgumentException(
                    "The signing key needs a key id (JWK member \"kid\") of 1 to 256 printable ASCII characters");
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(privateKey.getKeyID())
                .base64URLEncodePayload(false)
                .criticalParams(Collections.singleton(B64))
                .build();
        JWSObject jws = new JWSObject(header, new Payload(body));
        try {
            jws.sign(new ECDSASigner(privateKey));
        } catch (JOSEException e) {
            // Nimbus messages name algorithms and curves, never key material.
            throw new IllegalStateException("ES256 signing failed: " + e.getMessage(), e);
        }
        return jws.serialize(true);
    }

    /**
     * True if {@code detached} is a valid Clue Hub signature of exactly {@code body} by a key in
     * {@code publicJwkOrJwkSetJson} (a single JWK, or a JWK set such as the hub's, chosen by the header's key id).
     */
    public static boolean verify(byte[] body, String detached, String publicJwkOrJwkSetJson) {
        return check(body, detached, publicJwkOrJwkSetJson).isValid();
    }

    /** Like {@link #verify(byte[], String, String)}, with the reason when it fails. Never throws for bad input. */
    public static Verification check(byte[] body, String detached, String publicJwkOrJwkSetJson) {
        return check(body, detached, publicJwkOrJwkSetJson, Instant.now());
    }

    /**
     * Verifies at instant {@code at}: a key whose JWK says it is revoked ({@code "revoked"}), expired ({@code "exp"})
     * or not yet valid ({@code "nbf"}) at that instant fails.
     */
    public static Verification check(byte[] body, String detached, String publicJwkOrJwkSetJson, Instant at) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
        if (detached == null || detached.trim().isEmpty()) {
            return Verification.invalid(null, "no signature");
        }
        String compact = detached.trim();
        if (compact.length() > MAX_SIGNATURE_CHARS || !DETACHED.matcher(compact).matches()) {
            return Verification.invalid(null, "not a detached JWS (expected BASE64URL(header)..BASE64URL(signature))");
        }
        Map<String, Object> header;
        try {
            String json = new Base64URL(compact.substring(0, compact.indexOf('.'))).decodeToString();
            if (!json.trim().startsWith("{")) {
                return Verification.invalid(null, "the JWS header is not a JSON object");
            }
            header = JSONObjectUtils.parse(json);
        } catch (ParseException | RuntimeException e) {
            return Verification.invalid(null, "the JWS header is not a JSON object");
        }
        String profile = profileViolation(header);
        if (profile != null) {
            return Verification.invalid(null, profile);
        }
        Object kidValue = header.get("kid");
        if (!(kidValue instanceof String) || !KID.matcher((String) kidValue).matches()) {
            return Verification.invalid(null, "the JWS header has no usable key id (kid)");
        }
        String kid = (String) kidValue;
        ECKey key;
        try {
            key = selectKey(publicJwkOrJwkSetJson, kid);
        } catch (IllegalArgumentException e) {
            return Verification.invalid(kid, e.getMessage());
        }
        String lifecycle = lifecycleProblem(key, at);
        if (lifecycle != null) {
            return Verification.invalid(kid, lifecycle);
        }
        try {
            JWSObject jws = JWSObject.parse(compact, new Payload(body));
            ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey(), Collections.singleton(B64));
            if (jws.verify(verifier)) {
                return Verification.valid(kid);
            }
            return Verification.invalid(kid, "the signature does not match these bytes and this key");
        } catch (ParseException e) {
            return Verification.invalid(kid, "the JWS does not parse: " + e.getMessage());
        } catch (JOSEException e) {
            return Verification.invalid(kid, "the signature cannot be checked: " + e.getMessage());
        }
    }

    /** A fresh EC P-256 signing key with the given key id (for {@code keygen}; register its public part). */
    public static ECKey generateKey(String kid) {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new IllegalArgumentException("A key id of 1 to 256 printable ASCII characters is required");
        }
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an EC P-256 key: " + e.getMessage(), e);
        }
    }

    /** Parses a private EC P-256 JWK; the exception never carries the JSON, which holds the private key. */
    public static ECKey parsePrivateKey(String privateJwkJson) {
        if (privateJwkJson == null) {
            throw new IllegalArgumentException("No private key given");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(privateJwkJson);
        } catch (ParseException | RuntimeException e) {
            // No cause attached: parser messages can quote the input, and the input is a private key.
            throw new IllegalArgumentException("The private key is not a valid JWK (JSON Web Key)");
        }
        if (!(jwk instanceof ECKey)) {
            throw new IllegalArgumentException("The private key must be an EC key (kty \"EC\"), not " + jwk.getKeyType());
        }
        return (ECKey) jwk;
    }

    /** The profile every Clue Hub signature follows, or null: ES256, b64 false, crit exactly ["b64"]. */
    private static String profileViolation(Map<String, Object> header) {
        if (!"ES256".equals(header.get("alg"))) {
            return "algorithm must be ES256";
        }
        if (!Boolean.FALSE.equals(header.get(B64))) {
            return "header must have \"b64\": false (RFC 7797 unencoded payload)";
        }
        Object crit = header.get("crit");
        if (!(crit instanceof List) || !Collections.singletonList(B64).equals(crit)) {
            return "header must have \"crit\": [\"b64\"]";
        }
        return null;
    }

    private static ECKey selectKey(String json, String kid) {
        if (json == null || json.trim().isEmpty()) {
            throw new IllegalArgumentException("no public key given");
        }
        JWK jwk;
        try {
            Map<String, Object> object = JSONObjectUtils.parse(json);
            if (object.containsKey("keys")) {
                jwk = JWKSet.parse(object).getKeyByKeyId(kid);
                if (jwk == null) {
                    throw new IllegalArgumentException("no key with id " + kid + " in the JWK set");
                }
            } else {
                jwk = JWK.parse(object);
                if (jwk.getKeyID() != null && !jwk.getKeyID().equals(kid)) {
                    throw new IllegalArgumentException("signed with key " + kid + ", but the key given is " + jwk.getKeyID());
                }
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException("the public key is not a valid JWK or JWK set");
        }
        if (!(jwk instanceof ECKey) || !Curve.P_256.equals(((ECKey) jwk).getCurve())) {
            throw new IllegalArgumentException("key " + kid + " is not an EC P-256 key");
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("key " + kid + " is not a signature key (use " + jwk.getKeyUse() + ")");
        }
        return ((ECKey) jwk).toPublicJWK();
    }

    private static String lifecycleProblem(JWK key, Instant at) {
        Date now = Date.from(at);
        if (key.getKeyRevocation() != null && !now.before(key.getKeyRevocation().getRevocationTime())) {
            return "key " + key.getKeyID() + " is revoked";
        }
        if (key.getExpirationTime() != null && !now.before(key.getExpirationTime())) {
            return "key " + key.getKeyID() + " expired";
        }
        if (key.getNotBeforeTime() != null && now.before(key.getNotBeforeTime())) {
            return "key " + key.getKeyID() + " is not valid yet";
        }
        return null;
    }

    /** The outcome of {@link #check}: valid or not, the key id from the header if any, and a readable reason. */
    public static final class Verification {

        private final boolean valid;
        private final String kid;
        private final String message;

        private Verification(boolean valid, String kid, String message) {
            this.valid = valid;
            this.kid = kid;
            this.message = message;
        }

        static Verification valid(String kid) {
            return new Verification(true, kid, "signature valid (key " + kid + ")");
        }

        static Verification invalid(String kid, String reason) {
            return new Verification(false, kid, "signature INVALID: " + reason);
        }

        public boolean isValid() {
            return valid;
        }

        /** The key id named by the signature's header, or null if the header could not be read. */
        public String kid() {
            return kid;
        }

        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return message;
        }
    }
}
