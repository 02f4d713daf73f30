package io.cluehub.security.signature;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA provider ES256 runs on: AWS-LC's P-256 through ACCP (Amazon Corretto Crypto Provider) where its native
 * library loads and passes its self-tests, BouncyCastle everywhere else. Same algorithm, same bytes: a signature made
 * by either verifies with the other and with the JDK's.
 *
 * <p>Why: the hub makes three P-256 operations per message (the sender's signature verified, the delivery
 * countersigned, the receipt signed). With BouncyCastle they were a third of the intake threads' CPU on the bench
 * (2026-12-04); AWS-LC signs about 3.5 and verifies about 1.4 times faster (20 and 55 µs against 75 and 79 µs a 1.3 KB
 * message on the bench machine). The JDK's own P-256 takes 470 and 900 µs on Java 17.
 *
 * <p>Either provider is used only by instance, for these signatures: neither is installed in the JVM's provider list,
 * so TLS and everything else keep the JDK's. {@code -Dcluehub.crypto.native=false} keeps BouncyCastle.
 */
public final class EcProvider {

    /** System property: {@code false} to use BouncyCastle even where AWS-LC loads. */
    public static final String NATIVE_PROPERTY = "cluehub.crypto.native";

    private record Choice(Provider provider, String description) {
    }

    private static final Choice CHOSEN = choose();

    private EcProvider() {
    }

    /** The provider every ES256 signature and verification of {@link DetachedJws} uses. */
    public static Provider get() {
        return CHOSEN.provider();
    }

    /** Which provider that is and why, for the hub's start-up log. */
    public static String description() {
        return CHOSEN.description();
    }

    private static Choice choose() {
        Provider bouncyCastle = new BouncyCastleProvider();
        if ("false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY))) {
            return new Choice(bouncyCastle, "BouncyCastle " + bouncyCastle.getVersionStr() + " (" + NATIVE_PROPERTY
                    + "=false)");
        }
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                throw accp.getLoadingError();
            }
            accp.assertHealthy();
            agree(accp, bouncyCastle);
            return new Choice(accp, "AWS-LC through " + accp.getName() + " " + accp.getVersionStr());
        } catch (Throwable e) {
            // Another platform (no native library for it), or the self-tests failed: the portable provider.
            return new Choice(bouncyCastle, "BouncyCastle " + bouncyCastle.getVersionStr()
                    + " (the native provider is not available here: " + e + ")");
        }
    }

    /** One signature each way between the two providers, before the faster one is trusted with the hub's. */
    private static void agree(Provider candidate, Provider reference) throws Exception {
        byte[] data = "Clue Hub ES256 self-check".getBytes(StandardCharsets.UTF_8);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", reference);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] byCandidate = sign(candidate, pair, data);
        byte[] byReference = sign(reference, pair, data);
        if (!verify(reference, pair, data, byCandidate) || !verify(candidate, pair, data, byReference)
                || verify(candidate, pair, "something else".getBytes(StandardCharsets.UTF_8), byReference)) {
            throw new IllegalStateException(candidate.getName() + " and " + reference.getName()
                    + " disagree on ES256");
        }
    }

    private static byte[] sign(Provider provider, KeyPair pair, byte[] data) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA", provider);
        signature.initSign(java.security.KeyFactory.getInstance("EC", provider).generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
        signature.update(data);
        return signature.sign();
    }

    private static boolean verify(Provider provider, KeyPair pair, byte[] data, byte[] der) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA", provider);
        signature.initVerify(java.security.KeyFactory.getInstance("EC", provider).generatePublic(
                new java.security.spec.X509EncodedKeySpec(pair.getPublic().getEncoded())));
        signature.update(data);
        return signature.verify(der);
    }
}
