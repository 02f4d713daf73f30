package io.cluehub.archive;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.security.io.PrivateFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The hub's own time-stamping key: an EC P-256 key and a self-signed certificate whose only extended key usage is
 * {@code id-kp-timeStamping}, marked critical as RFC 3161 §2.3 requires (so {@code openssl ts -verify} accepts it with
 * the certificate itself as {@code -CAfile}). Generated at first start into {@code <dataDir>/keys/archive-tsa.p12}
 * (PKCS12, mode {@code 0600}); its password is the {@value #PASSWORD_NAME} line of the demo credentials file. The key
 * never leaves the keystore and is never logged.
 */
public record HubTsaKeys(PrivateKey key, X509Certificate certificate) {

    /** The credentials-file name of the keystore password. */
    public static final String PASSWORD_NAME = "keystore.archive-tsa";
    public static final String ALIAS = "archive-tsa";
    /** Written most significant first, so it reads {@code CN=…,O=Clue Hub} in RFC 2253 order. */
    public static final String SUBJECT = "O=Clue Hub,CN=Clue Hub archive time-stamping authority";
    /** How long the generated certificate is valid; tokens made with it verify for as long. */
    public static final Duration VALIDITY = Duration.ofDays(3653);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code <dataDir>/keys/archive-tsa.p12}. */
    public static Path keystorePath(Path dataDir) {
        return dataDir.resolve("keys").resolve("archive-tsa.p12");
    }

    /** Opens the keystore, generating key, certificate and password first if this data folder has none. */
    public static HubTsaKeys openOrCreate(Path dataDir, CredentialFile credentials) {
        credentials.ensure(List.of(PASSWORD_NAME));
        char[] password = credentials.secret(PASSWORD_NAME).orElseThrow().toCharArray();
        Path keystore = keystorePath(dataDir);
        if (!Files.exists(keystore)) {
            // Of several instances starting on a fresh data folder, one creates the file and all read it.
            PrivateFiles.createIfAbsent(keystore, store(generate(), password));
        }
        return load(keystore, password);
    }

    /** A fresh key and self-signed time-stamping certificate, in memory (tests, and the first start). */
    public static HubTsaKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name(SUBJECT);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, RANDOM),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.extendedKeyUsage, true,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new HubTsaKeys(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new TimestampException("Cannot generate the hub's time-stamping key", e);
        }
    }

    private static byte[] store(HubTsaKeys keys, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry(ALIAS, keys.key(), password, new Certificate[] {keys.certificate()});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new TimestampException("Cannot write the hub's time-stamping keystore", e);
        }
    }

    private static HubTsaKeys load(Path keystore, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Files.readAllBytes(keystore)), password);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, password);
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            if (key == null || certificate == null) {
                throw new TimestampException("Time-stamping keystore " + keystore.toAbsolutePath() + " has no "
                        + ALIAS + " key");
            }
            return new HubTsaKeys(key, certificate);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new TimestampException("Cannot open time-stamping keystore " + keystore.toAbsolutePath()
                        + " (wrong password)", e);
            }
            throw new UncheckedIOException("Cannot read time-stamping keystore " + keystore.toAbsolutePath(), e);
        } catch (GeneralSecurityException e) {
            throw new TimestampException("Cannot open time-stamping keystore " + keystore.toAbsolutePath()
                    + " (wrong password or damaged file)", e);
        }
    }

    @Override
    public String toString() {
        // Never the key.
        return "HubTsaKeys[" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + "]";
    }
}
