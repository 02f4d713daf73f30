package io.cluehub.security.signature;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.cluehub.security.io.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signing keys as JWK files: the demo offices' keys ({@code ./data/demo-keys/<officeId>.jwk}) and the hub's own
 * ({@code <dataDir>/hub-key.jwk}). Private JWKs are written once, atomically, mode {@code 0600} in a {@code 0700}
 * folder, and reused on later starts; they are never logged and never committed.
 *
 * <p>Careful: Nimbus prints a private {@link ECKey}'s {@code d} in its {@code toString()}. Never log an
 * {@code ECKey}; log its key id. The map {@link #ensureDemoKeys} returns prints key ids only.
 */
public final class KeyFiles {

    public static final String SUFFIX = ".jwk";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter KID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    // Office ids become file names: no separators, no dots (so no "..").
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private KeyFiles() {
    }

    /**
     * Loads the key of every office in {@code officeIds} from {@code <dir>/<officeId>.jwk}, generating and writing
     * the ones missing. Returns office id → private key, in office id order.
     */
    public static Map<String, ECKey> ensureDemoKeys(Path dir, Collection<String> officeIds) {
        Map<String, ECKey> keys = new TreeMap<>();
        for (String officeId : officeIds) {
            keys.put(officeId, loadOrCreate(keyFile(dir, officeId), officeId));
        }
        return new PrivateKeyMap(keys);
    }

    /** {@code <dir>/<officeId>.jwk}; rejects ids that are not plain file names. */
    public static Path keyFile(Path dir, String officeId) {
        if (officeId == null || !FILE_NAME.matcher(officeId).matches()) {
            throw new IllegalArgumentException("Not a usable office id for a key file name: " + officeId);
        }
        return dir.resolve(officeId + SUFFIX);
    }

    /**
     * The private key in {@code file}, created with a fresh P-256 key (key id {@code <kidPrefix>-<yyyyMMdd>-<hex>})
     * if the file does not exist. Safe when several processes start on the same data folder: all end up with the
     * key in the file.
     */
    public static ECKey loadOrCreate(Path file, String kidPrefix) {
        if (Files.exists(file)) {
            return load(file);
        }
        ECKey key = generate(kidPrefix, Clock.systemUTC());
        if (PrivateFiles.createIfAbsent(file, key.toJSONString().getBytes(StandardCharsets.UTF_8))) {
            return key;
        }
        return load(file);
    }

    /** Reads a private EC P-256 JWK; the exception names the file, never its content. */
    public static ECKey load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file, e);
        }
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException | RuntimeException e) {
            // No cause: a parser message may quote the input, and the input is a private key.
            throw new IllegalStateException("Key file " + file + " is not a JWK");
        }
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()
                || ec.getKeyID() == null) {
            throw new IllegalStateException("Key file " + file + " is not a private EC P-256 JWK with a key id");
        }
        return ec;
    }

    /** A fresh P-256 signing key, key id {@code <kidPrefix>-<yyyyMMdd>-<6 random hex digits>} (UTC date). */
    public static ECKey generate(String kidPrefix, Clock clock) {
        if (kidPrefix == null || !FILE_NAME.matcher(kidPrefix).matches()) {
            throw new IllegalArgumentException("Not a usable key id prefix: " + kidPrefix);
        }
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        String kid = kidPrefix + "-" + KID_DATE.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(clock.instant()))
                    .generate();
        } catch (JOSEException e) {
            throw new SigningException("Cannot generate an EC P-256 key", e);
        }
    }

    /** A JWK set ({@code {"keys":[…]}}) of the public parts of {@code keys}: what the hub publishes over REST. */
    public static String publicJwkSet(Collection<ECKey> keys) {
        return new JWKSet(keys.stream().map(ECKey::toPublicJWK).collect(Collectors.toList())).toString(true);
    }

    /** Office id → private key, whose {@code toString()} shows key ids and never key material. */
    private static final class PrivateKeyMap extends AbstractMap<String, ECKey> {

        private final Map<String, ECKey> keys;

        PrivateKeyMap(Map<String, ECKey> keys) {
            this.keys = Collections.unmodifiableMap(keys);
        }

        @Override
        public Set<Entry<String, ECKey>> entrySet() {
            return keys.entrySet();
        }

        @Override
        public ECKey get(Object key) {
            return keys.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return keys.containsKey(key);
        }

        @Override
        public String toString() {
            return keys.entrySet().stream()
                    .map(e -> e.getKey() + "=<private key " + e.getValue().getKeyID() + ">")
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
