package io.cluehub.security.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPkiTest {

    @TempDir
    Path data;

    private CredentialFile credentials() {
        return CredentialFile.ensure(data.resolve("demo-credentials.properties"), List.of());
    }

    private static KeyStore open(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    @Test
    void firstStartCreatesCaBrokerKeyStoreAndTrustStoreWithGeneratedPasswords() throws Exception {
        CredentialFile credentials = credentials();
        DemoPki pki = DemoPki.ensure(data.resolve("tls"), credentials, List.of("127.0.0.1"));

        KeyStore broker = open(pki.keyStore(), credentials.secret(DemoPki.BROKER_PASSWORD).orElseThrow());
        X509Certificate server = (X509Certificate) broker.getCertificate(DemoPki.BROKER_ALIAS);
        assertThat(broker.getCertificateChain(DemoPki.BROKER_ALIAS)).hasSize(2);
        assertThat(pki.authority().issued(server)).isTrue();
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(server.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .contains((Object) "localhost", "127.0.0.1");

        KeyStore trust = open(pki.trustStore(), credentials.secret(DemoPki.TRUST_PASSWORD).orElseThrow());
        assertThat(trust.size()).isEqualTo(1);
        assertThat(trust.getCertificate(DemoPki.CA_ALIAS)).isEqualTo(pki.authority().certificate());
        KeyStore ca = open(pki.caKeyStore(), credentials.secret(DemoPki.CA_PASSWORD).orElseThrow());
        assertThat(ca.isKeyEntry(DemoPki.CA_ALIAS)).isTrue();
        try (InputStream in = Files.newInputStream(pki.caCertificate())) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .isEqualTo(pki.authority().certificate());
        }
        assertThat(Files.getPosixFilePermissions(pki.caKeyStore()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(data.resolve("tls")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void laterStartsReuseEverything() throws Exception {
        DemoPki first = DemoPki.ensure(data.resolve("tls"), credentials(), List.of("127.0.0.1"));
        byte[] broker = Files.readAllBytes(first.keyStore());
        byte[] trust = Files.readAllBytes(first.trustStore());

        DemoPki second = DemoPki.ensure(data.resolve("tls"), credentials(), List.of("127.0.0.1"));

        assertThat(second.authority().certificate()).isEqualTo(first.authority().certificate());
        assertThat(Files.readAllBytes(second.keyStore())).isEqualTo(broker);
        assertThat(Files.readAllBytes(second.trustStore())).isEqualTo(trust);
    }

    @Test
    void aNewBrokerHostGetsANewBrokerCertificateFromTheSameCa() throws Exception {
        CredentialFile credentials = credentials();
        DemoPki first = DemoPki.ensure(data.resolve("tls"), credentials, List.of("127.0.0.1"));
        byte[] before = Files.readAllBytes(first.keyStore());

        DemoPki second = DemoPki.ensure(data.resolve("tls"), credentials, List.of("hub.example.gov.cn", "0.0.0.0"));

        assertThat(Files.readAllBytes(second.keyStore())).isNotEqualTo(before);
        X509Certificate server = (X509Certificate) open(second.keyStore(),
                credentials.secret(DemoPki.BROKER_PASSWORD).orElseThrow()).getCertificate(DemoPki.BROKER_ALIAS);
        assertThat(server.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .contains((Object) "hub.example.gov.cn", "localhost").doesNotContain((Object) "0.0.0.0");
        assertThat(second.authority().issued(server)).isTrue();
    }

    @Test
    void theTrustStoreTrustsOfficeCertificatesOfTheCaAndNoOthers() throws Exception {
        CredentialFile credentials = credentials();
        DemoPki pki = DemoPki.ensure(data.resolve("tls"), credentials, List.of());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(open(pki.trustStore(), credentials.secret(DemoPki.TRUST_PASSWORD).orElseThrow()));
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];

        CertificateAuthority.Issued office = pki.authority().issueClient("CN=SAMR-330106", Duration.ofDays(1));
        trust.checkClientTrusted(new X509Certificate[] {office.certificate(), office.issuer()}, "EC");

        CertificateAuthority.Issued stranger = CertificateAuthority.create("CN=Clue Hub demo CA,O=Clue Hub",
                Duration.ofDays(1)).issueClient("CN=SAMR-330106", Duration.ofDays(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trust.checkClientTrusted(
                        new X509Certificate[] {stranger.certificate(), stranger.issuer()}, "EC"))
                .isInstanceOf(java.security.cert.CertificateException.class);
    }

    @Test
    void passwordsLiveInTheCredentialsFileAndNowhereInToString() {
        CredentialFile credentials = credentials();
        DemoPki pki = DemoPki.ensure(data.resolve("tls"), credentials, List.of());

        assertThat(credentials.secret(DemoPki.CA_PASSWORD)).isPresent();
        assertThat(pki.keyStorePassword()).isEqualTo(credentials.secret(DemoPki.BROKER_PASSWORD).orElseThrow());
        assertThat(pki.toString()).doesNotContain(pki.keyStorePassword()).doesNotContain(pki.trustStorePassword());
    }
}
