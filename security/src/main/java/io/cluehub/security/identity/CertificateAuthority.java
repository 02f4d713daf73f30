package io.cluehub.security.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A small X.509 certificate authority: an EC P-256 key and its self-signed certificate, issuing broker (server) and
 * office (client) certificates. It exists because an office authenticates to the broker's TLS acceptor with a
 * certificate the hub's CA issued, and a fresh demo install must have such a CA without an operator running
 * {@code keytool} first. BouncyCastle builds the certificates (the JDK has no public API for it); keys and signatures
 * come from the JDK's own providers.
 */
public final class CertificateAuthority {

    private static final String KEY_ALGORITHM = "EC";
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String KEYSTORE_TYPE = "PKCS12";
    /** Clocks of offices and hub may differ a little: certificates are valid from an hour ago. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;

    private CertificateAuthority(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** A new CA with a fresh key and a self-signed certificate for {@code subject}, valid {@code validity} from now. */
    public static CertificateAuthority create(String subject, Duration validity) {
        KeyPair pair = newKeyPair();
        X500Principal name = new X500Principal(subject);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, pair.getPublic(), validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(pair.getPrivate(), sign(builder, pair.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot create the certificate authority " + subject, e);
        }
    }

    /** The CA stored under {@code alias} in a PKCS12 keystore (as {@link #toKeyStore} writes it). */
    public static CertificateAuthority fromKeyStore(byte[] pkcs12, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(new ByteArrayInputStream(pkcs12), password);
            if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)
                    || !(store.getCertificate(alias) instanceof X509Certificate cert)) {
                throw new IllegalStateException("The keystore holds no CA key under alias " + alias);
            }
            return new CertificateAuthority(privateKey, cert);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot open the CA keystore (alias " + alias + ")", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A server certificate for a broker: {@code subject}, with every name in {@code hostNames} (IP literals as IP
     * addresses, anything else as a DNS name; nothing is resolved) in its subject alternative names, for TLS server authentication.
     */
    public Issued issueServer(String subject, Collection<String> hostNames, Duration validity) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hostNames) {
            names.add(IPAddress.isValid(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return issue(subject, validity, KeyPurposeId.id_kp_serverAuth,
                names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new)));
    }

    /** A client certificate for TLS client authentication, e.g. {@code CN=SAMR-330106} for that office. */
    public Issued issueClient(String subject, Duration validity) {
        return issue(subject, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** Whether this CA's key signed {@code cert}. */
    public boolean issued(X509Certificate cert) {
        try {
            cert.verify(certificate.getPublicKey());
            return cert.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** This CA as a PKCS12 keystore: its key and certificate under {@code alias}. */
    public byte[] toKeyStore(char[] password, String alias) {
        return pkcs12(password, store -> store.setKeyEntry(alias, key, password, new Certificate[] {certificate}));
    }

    /** A PKCS12 trust store holding only this CA's certificate, under {@code alias}. */
    public byte[] toTrustStore(char[] password, String alias) {
        return pkcs12(password, store -> store.setCertificateEntry(alias, certificate));
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    private Issued issue(String subject, Duration validity, KeyPurposeId purpose, GeneralNames alternativeNames) {
        KeyPair pair = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(certificate.getSubjectX500Principal(),
                    new X500Principal(subject), pair.getPublic(), validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            return new Issued(pair.getPrivate(), sign(builder, key), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + subject, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, PublicKey publicKey,
            Duration validity) {
        Instant now = Instant.now();
        // 16 random bytes, positive: unique serials without a counter to persist (RFC 5280 allows up to 20 octets).
        BigInteger serial = new BigInteger(1, randomBytes(16));
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)), subject, publicKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("No " + SIGNATURE_ALGORITHM + " signer", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
            generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK 17 has EC P-256", e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] pkcs12(char[] password, StoreFiller filler) {
        try {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(null, null);
            filler.fill(store);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write a PKCS12 keystore", e);
        }
    }

    @FunctionalInterface
    private interface StoreFiller {
        void fill(KeyStore store) throws GeneralSecurityException;
    }

    /** An issued certificate with its private key and the CA certificate that completes its chain. */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

        /** A PKCS12 keystore with the key and the chain (certificate, CA) under {@code alias}. */
        public byte[] toKeyStore(char[] password, String alias) {
            return pkcs12(password, store -> store.setKeyEntry(alias, key, password,
                    new Certificate[] {certificate, issuer}));
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }
}
