package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.config.DemoCredentialsConfiguration;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's endpoints on the running hub: a clue goes through intake, the chain verifies, its head is time-stamped
 * with the key the hub generated at start, and the three downloaded files pass {@code openssl ts -verify}. Only the
 * {@code auditor} role gets in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ArchiveAuditEndpointTest {

    private static final Path DATA = HubTestSupport.tempDataDir();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Value("${local.server.port}")
    int port;

    @TempDir
    Path downloads;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void auditorVerifiesTheChainAndChecksItsTimestampWithOpenssl() throws Exception {
        try (Office samr = new Office("SAMR-330106", credentials)) {
            samr.send(HubTestSupport.designClue(HubTestSupport.freshId()));
            assertThat(samr.receive(10_000)).as("receipt").isNotNull();
        }

        HttpResponse<byte[]> verify = get("/api/v1/archive/verify", "auditor");
        assertThat(verify.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(verify.body());
        assertThat(report.path("valid").asBoolean()).as("%s", report).isTrue();
        assertThat(report.path("entries").asLong()).isPositive();
        assertThat(report.path("head").path("seq").asLong()).isEqualTo(report.path("entries").asLong());
        assertThat(report.path("firstInvalid").isNull()).isTrue();

        HttpResponse<byte[]> stamped = send(HttpRequest.newBuilder(uri("/api/v1/archive/timestamps"))
                .POST(HttpRequest.BodyPublishers.noBody()), "auditor");
        assertThat(stamped.statusCode()).isEqualTo(201);
        JsonNode stamp = json.readTree(stamped.body());
        assertThat(stamp.path("headSeq").asLong()).isEqualTo(report.path("head").path("seq").asLong());
        assertThat(Files.exists(HubTsaKeys.keystorePath(DATA))).as("hub key generated at start").isTrue();

        JsonNode list = json.readTree(get("/api/v1/archive/timestamps", "auditor").body());
        assertThat(list.path("items").get(0).path("id").asLong()).isEqualTo(stamp.path("id").asLong());
        Files.write(downloads.resolve("head.txt"), get(stamp.path("data").asString(), "auditor").body());
        Files.write(downloads.resolve("head.tst"), get(stamp.path("token").asString(), "auditor").body());
        Files.write(downloads.resolve("tsa.pem"), get(stamp.path("certificate").asString(), "auditor").body());
        assertThat(Files.readString(downloads.resolve("head.txt")))
                .isEqualTo(stamp.path("headSeq").asLong() + ":" + stamp.path("headHash").asString());

        Process openssl = new ProcessBuilder("openssl", "ts", "-verify", "-data", "head.txt", "-in", "head.tst",
                "-token_in", "-CAfile", "tsa.pem").directory(downloads.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Verification: OK");

        JsonNode again = json.readTree(get("/api/v1/archive/verify", "auditor").body());
        assertThat(again.path("timestamps").asLong()).isEqualTo(1);
    }

    @Test
    void onlyAuditorsMayVerifyOrStamp() throws Exception {
        assertThat(get("/api/v1/archive/verify", "investigator").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/archive/timestamps", "operator").statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/archive/timestamps")).POST(HttpRequest.BodyPublishers
                .noBody()), "investigator").statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/archive/verify")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(401);
        // The investigator's read endpoint stays the investigator's.
        assertThat(get("/api/v1/archive/messages", "auditor").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/archive/timestamps/999999/token", "auditor").statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<byte[]> get(String path, String user) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String user) throws Exception {
        String secret = credentials.secret(DemoCredentialsConfiguration.restKey(user)).orElseThrow();
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
