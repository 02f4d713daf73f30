package io.cluehub.security.identity;

import io.cluehub.security.io.PrivateFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.IPAddress;

/**
 * The demo profile's TLS material, so the broker's client-certificate acceptor works on a fresh machine: under
 * {@code <dataDir>/tls/}, a demo CA ({@code ca.p12}, its certificate also as {@code ca.pem}), the broker's server
 * keystore ({@code broker.p12}, issued by that CA) and a trust store holding only the CA ({@code truststore.p12}).
 * All PKCS12; their passwords are generated into the demo credentials file ({@code tls.ca}, {@code tls.broker},
 * {@code tls.truststore}). Created at first start, reused later; the broker certificate is issued again when it
 * nears its end, names a host it does not cover, or was not issued by the CA on disk. Files are {@code 0600} in a
 * {@code 0700} folder and created atomically, so instances racing on a fresh folder agree on one CA.
 *
 * <p>An operator issues office certificates with this CA ({@code keytool -gencert -keystore ca.p12 -alias
 * cluehub-ca}, see the README); {@link #authority()} does the same in Java.
 */
public final class DemoPki {

    public static final String FOLDER = "tls";
    public static final String CA_FILE = "ca.p12";
    public static final String CA_PEM_FILE = "ca.pem";
    public static final String BROKER_FILE = "broker.p12";
    public static final String TRUST_FILE = "truststore.p12";
    public static final String CA_ALIAS = "cluehub-ca";
    public static final String BROKER_ALIAS = "broker";
    /** Names of the keystore passwords in the credentials file. */
    public static final String CA_PASSWORD = "tls.ca";
    public static final String BROKER_PASSWORD = "tls.broker";
    public static final String TRUST_PASSWORD = "tls.truststore";

    public static final String CA_SUBJECT = "CN=Clue Hub demo CA,O=Clue Hub";
    public static final String BROKER_SUBJECT = "CN=cluehub-broker,O=Clue Hub";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration BROKER_VALIDITY = Duration.ofDays(730);
    /** A broker certificate this close to its end is issued again at start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;
    private final CredentialFile credentials;
    private final CertificateAuthority authority;

    private DemoPki(Path dir, CredentialFile credentials, CertificateAuthority authority) {
        this.dir = dir;
        this.credentials = credentials;
        this.authority = authority;
    }

    /**
     * Loads the demo PKI in {@code dir}, creating what is missing. {@code brokerHosts} are the names and addresses
     * the broker certificate must cover besides {@code localhost}, {@code 127.0.0.1} and {@code ::1} (wildcard
     * addresses such as {@code 0.0.0.0} are skipped).
     */
    public static DemoPki ensure(Path dir, CredentialFile credentials, Collection<String> brokerHosts) {
        credentials.ensure(List.of(CA_PASSWORD, BROKER_PASSWORD, TRUST_PASSWORD));
        PrivateFiles.createPrivateDirectories(dir);
        Path caFile = dir.resolve(CA_FILE);
        char[] caPassword = password(credentials, CA_PASSWORD);
        if (!Files.exists(caFile)) {
            PrivateFiles.createIfAbsent(caFile,
                    CertificateAuthority.create(CA_SUBJECT, CA_VALIDITY).toKeyStore(caPassword, CA_ALIAS));
        }
        CertificateAuthority authority;
        try {
            authority = CertificateAuthority.fromKeyStore(Files.readAllBytes(caFile), caPassword, CA_ALIAS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + caFile, e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Cannot open the demo CA " + caFile + " with the password '" + CA_PASSWORD
                    + "' of " + credentials.path() + "; remove " + dir + " to generate a new demo PKI", e);
        }
        DemoPki pki = new DemoPki(dir, credentials, authority);
        pki.ensureBrokerKeyStore(hostNames(brokerHosts));
        pki.ensureTrustStore();
        pki.ensureCaPem();
        return pki;
    }

    /** The demo CA, to issue office certificates. */
    public CertificateAuthority authority() {
        return authority;
    }

    public Path caKeyStore() {
        return dir.resolve(CA_FILE);
    }

    public Path caCertificate() {
        return dir.resolve(CA_PEM_FILE);
    }

    public Path keyStore() {
        return dir.resolve(BROKER_FILE);
    }

    public Path trustStore() {
        return dir.resolve(TRUST_FILE);
    }

    public String keyStorePassword() {
        return credentials.secret(BROKER_PASSWORD).orElseThrow();
    }

    public String trustStorePassword() {
        return credentials.secret(TRUST_PASSWORD).orElseThrow();
    }

    @Override
    public String toString() {
        return "DemoPki[" + dir + "]";
    }

    private void ensureBrokerKeyStore(Set<String> hosts) {
        Path file = keyStore();
        char[] password = password(credentials, BROKER_PASSWORD);
        if (Files.exists(file) && usableBrokerCertificate(read(file), password, hosts)) {
            return;
        }
        byte[] store = authority.issueServer(BROKER_SUBJECT, hosts, BROKER_VALIDITY).toKeyStore(password, BROKER_ALIAS);
        if (Files.exists(file)) {
            PrivateFiles.replace(file, store);
        } else {
            PrivateFiles.createIfAbsent(file, store);
        }
    }

    private boolean usableBrokerCertificate(byte[] pkcs12, char[] password, Set<String> hosts) {
        X509Certificate cert = certificate(pkcs12, password, BROKER_ALIAS);
        if (cert == null || !authority.issued(cert)
                || cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        return alternativeNames(cert).containsAll(hosts.stream().map(DemoPki::normalise).toList());
    }

    private void ensureTrustStore() {
        Path file = trustStore();
        char[] password = password(credentials, TRUST_PASSWORD);
        if (Files.exists(file)) {
            X509Certificate held = certificate(read(file), password, CA_ALIAS);
            if (authority.certificate().equals(held)) {
                return;
            }
            PrivateFiles.replace(file, authority.toTrustStore(password, CA_ALIAS));
        } else {
            PrivateFiles.createIfAbsent(file, authority.toTrustStore(password, CA_ALIAS));
        }
    }

    private void ensureCaPem() {
        byte[] pem = pem(authority.certificate());
        Path file = caCertificate();
        if (!Files.exists(file)) {
            PrivateFiles.createIfAbsent(file, pem);
        } else if (!Arrays.equals(read(file), pem)) {
            PrivateFiles.replace(file, pem);
        }
    }

    private static Set<String> hostNames(Collection<String> brokerHosts) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        for (String host : brokerHosts) {
            if (host != null && !host.isBlank() && !isWildcard(host)) {
                names.add(host.trim());
            }
        }
        return names;
    }

    private static boolean isWildcard(String host) {
        return IPAddress.isValid(host) && address(host).isAnyLocalAddress();
    }

    private static Set<String> alternativeNames(X509Certificate cert) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> entries = cert.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    names.add(normalise(String.valueOf(entry.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }

    /** IP literals in one canonical form (the JDK prints {@code ::1} as {@code 0:0:0:0:0:0:0:1}); names lower case. */
    private static String normalise(String host) {
        return IPAddress.isValid(host) ? address(host).getHostAddress() : host.toLowerCase(Locale.ROOT);
    }

    private static InetAddress address(String ipLiteral) {
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(ipLiteral);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an IP literal: " + ipLiteral, e);
        }
    }

    private static X509Certificate certificate(byte[] pkcs12, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
            return store.getCertificate(alias) instanceof X509Certificate cert ? cert : null;
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    private static byte[] pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot PEM-encode the CA certificate", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static char[] password(CredentialFile credentials, String name) {
        return credentials.secret(name).orElseThrow().toCharArray();
    }
}
