package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cluehub.database.TestDatabases;
import io.cluehub.security.identity.CredentialFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 3161 time-stamps of the chain head, checked with the system's own {@code openssl ts -verify} and nothing of
 * ours: tokens from the hub's own key and from an external authority over HTTP, stored on H2 and on PostgreSQL.
 */
class ChainTimestampTest {

    private static final String KINDS = "io.cluehub.database.TestDatabases#kinds";
    private static final HubTimeStampAuthority HUB_TSA = new HubTimeStampAuthority(HubTsaKeys.generate());

    @TempDir
    Path dir;

    private static ChainTimestamper timestamper(ArchiveFixture f, TimeStampAuthority tsa, Duration interval) {
        return new ChainTimestamper(f.archive(), f.timestamps(), tsa,
                new ArchiveProperties(interval, null, Duration.ofSeconds(30), 100));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void hubTokenOfTheHeadVerifiesWithOpenssl(TestDatabases.Kind kind) throws Exception {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        List<ArchiveEntry> entries = f.append(5);

        ArchiveTimestamp stamp = timestamper(f, HUB_TSA, Duration.ofHours(1)).stampNow().orElseThrow();

        assertThat(stamp.head()).isEqualTo(new ArchiveHead(5, entries.get(4).entryHash()));
        ArchiveTimestamp stored = f.timestamps().find(stamp.id()).orElseThrow();
        assertThat(stored.token()).isEqualTo(stamp.token());
        assertThat(stored.tsaName()).isEqualTo("CN=Clue Hub archive time-stamping authority,O=Clue Hub");
        TimestampEvidence evidence = TimestampEvidence.of(stored);
        String command = evidence.writeTo(dir);
        // The head data is the plain text an investigator types with printf, and the imprint is its SHA-256.
        byte[] data = Files.readAllBytes(dir.resolve(evidence.dataFileName()));
        assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("5:" + entries.get(4).entryHash());
        assertThat(TimestampTokens.read(stored.token()).imprint())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));

        assertThat(openssl(command)).contains("Verification: OK");
    }

    @Test
    void opensslRefusesTheTokenForAnotherHead() throws Exception {
        ArchiveFixture f = ArchiveFixture.fresh(TestDatabases.Kind.H2);
        f.append(3);
        TimestampEvidence evidence = TimestampEvidence.of(timestamper(f, HUB_TSA, Duration.ofHours(1)).stampNow()
                .orElseThrow());
        String command = evidence.writeTo(dir);
        ArchiveHead previous = new ArchiveHead(2, f.archive().entryAt(2).orElseThrow().entryHash());
        Files.write(dir.resolve(evidence.dataFileName()), HeadImprint.data(previous));

        assertThat(openssl(command)).doesNotContain("Verification: OK").contains("Verification: FAILED");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void externalAuthorityTokenVerifiesWithOpenssl(TestDatabases.Kind kind) throws Exception {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        f.append(4);
        HttpServer server = tsaServer(request -> HUB_TSA.respond(request).getEncoded());
        try {
            RemoteTimeStampAuthority remote = new RemoteTimeStampAuthority(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/tsa"), Duration.ofSeconds(10));

            ArchiveTimestamp stamp = timestamper(f, remote, Duration.ofHours(1)).stampNow().orElseThrow();

            assertThat(stamp.headSeq()).isEqualTo(4);
            assertThat(openssl(TimestampEvidence.of(stamp).writeTo(dir))).contains("Verification: OK");
            assertThat(f.verifier().verify().timestamps()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void externalAnswerAboutAnotherImprintIsRefusedAndNotStored() throws Exception {
        ArchiveFixture f = ArchiveFixture.fresh(TestDatabases.Kind.H2);
        f.append(2);
        // A misbehaving authority: answers every request with a token over some other imprint.
        HttpServer server = tsaServer(request -> {
            TimeStampRequestGenerator other = new TimeStampRequestGenerator();
            other.setCertReq(true);
            return HUB_TSA.respond(other.generate(TSPAlgorithms.SHA256, new byte[32], request.getNonce()))
                    .getEncoded();
        });
        try {
            RemoteTimeStampAuthority remote = new RemoteTimeStampAuthority(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/tsa"), Duration.ofSeconds(10));

            assertThatThrownBy(() -> timestamper(f, remote, Duration.ofHours(1)).stampNow())
                    .isInstanceOf(TimestampException.class).hasMessageContaining("does not match the request");
            assertThat(f.timestamps().latest()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void headIsStampedWhenItMovedAndTheIntervalPassed() {
        ArchiveFixture f = ArchiveFixture.fresh(TestDatabases.Kind.H2);
        ChainTimestamper hourly = timestamper(f, HUB_TSA, Duration.ofHours(1));
        assertThat(hourly.stampIfDue()).as("empty chain").isEmpty();
        f.append(2);

        assertThat(hourly.stampIfDue()).as("first head").isPresent();
        assertThat(hourly.stampIfDue()).as("head unchanged").isEmpty();
        f.append(1);
        assertThat(hourly.stampIfDue()).as("moved, but within the hour").isEmpty();
        assertThat(timestamper(f, HUB_TSA, Duration.ofMillis(1)).stampIfDue()).as("moved, interval passed")
                .map(ArchiveTimestamp::headSeq).contains(3L);
    }

    @Test
    void hubKeyIsGeneratedOnceIntoAPrivateKeystoreWithItsPasswordInTheCredentialsFile() throws Exception {
        Path credentialsPath = dir.resolve("demo-credentials.properties");
        CredentialFile credentials = CredentialFile.ensure(credentialsPath, List.of());

        HubTsaKeys first = HubTsaKeys.openOrCreate(dir, credentials);
        HubTsaKeys again = HubTsaKeys.openOrCreate(dir, CredentialFile.ensure(credentialsPath, List.of()));

        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.key().getEncoded()).isEqualTo(first.key().getEncoded());
        Path keystore = HubTsaKeys.keystorePath(dir);
        assertThat(Files.getPosixFilePermissions(keystore)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(credentials.secret(HubTsaKeys.PASSWORD_NAME)).isPresent();
        assertThat(first.certificate().getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(first.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(first.toString()).doesNotContain(credentials.secret(HubTsaKeys.PASSWORD_NAME).orElseThrow());

        Files.writeString(credentialsPath, HubTsaKeys.PASSWORD_NAME + "=wrong\n");
        assertThatThrownBy(() -> HubTsaKeys.openOrCreate(dir, CredentialFile.ensure(credentialsPath, List.of())))
                .isInstanceOf(TimestampException.class).hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong\n");
    }

    /** A stand-in external authority on a loopback port: POSTed requests in, the answer's DER out. */
    private static HttpServer tsaServer(Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                if (!"application/timestamp-query".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                body = answer.answer(new TimeStampRequest(in.readAllBytes()));
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private interface Answer {
        byte[] answer(TimeStampRequest request) throws Exception;
    }

    /** Runs an {@code openssl} command line in {@link #dir}; returns what it printed (stdout and stderr). */
    private String openssl(String commandLine) throws Exception {
        Process process = new ProcessBuilder(commandLine.split(" ")).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return output;
    }
}
