package io.cluehub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSSecurityException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operator edits the directory file; the running hub follows, or refuses a bad edit and keeps the last good. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryReloadTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final Path FILE = DATA.resolve("directory.yml");

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) throws Exception {
        try (InputStream in = DirectoryReloadTest.class.getResourceAsStream("/directory/demo-directory.yml")) {
            Files.copy(in, FILE, StandardCopyOption.REPLACE_EXISTING);
        }
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.directory.file", FILE::toString);
        registry.add("cluehub.directory.reload-interval", () -> "1h");
    }

    @Autowired
    Directory directory;
    @Autowired
    DirectoryReloader reloader;
    @Autowired
    CredentialFile credentials;
    @Value("${local.server.port}")
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    private static void edit(String yaml) throws Exception {
        Files.writeString(FILE, yaml, StandardCharsets.UTF_8);
        // An explicit, later timestamp: file systems with coarse clocks must still see a change.
        Files.setLastModifiedTime(FILE, FileTime.from(Instant.now().plusSeconds(Files.size(FILE) % 1000 + 1)));
    }

    private JsonNode lookup(String officeId) throws Exception {
        String auth = "investigator:" + credentials.secret("rest.investigator").orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/directory/offices/" + officeId))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    @Order(1)
    void lookupSaysWhoReceivesAnUnconnectedOfficesMail() throws Exception {
        JsonNode office = lookup("MPS-330106");

        assertThat(office.path("connected").asBoolean()).isFalse();
        assertThat(office.path("deliveryOffice").asString()).isEqualTo("MPS-330100");
        assertThat(office.path("fallback").asBoolean()).isTrue();
        assertThat(office.path("level").asString()).isEqualTo("county");
        assertThat(lookup("SAMR-330106").path("connection").path("channel").asString()).isEqualTo("jms");
    }

    @Test
    @Order(2)
    void connectingAnOfficeTakesEffectWithoutRestart() throws Exception {
        edit(Files.readString(FILE) + "  - id: SAMR-330108\n    channel: jms\n");

        assertThat(reloader.reloadIfChanged()).isNull();

        assertThat(directory.isConnected("SAMR-330108")).isTrue();
        assertThat(lookup("SAMR-330108").path("deliveryOffice").asString()).isEqualTo("SAMR-330108");
        try (Office binjiang = new Office("SAMR-330108", credentials)) {
            assertThat(binjiang.receive(100)).isNull();
        }
    }

    @Test
    @Order(3)
    void aBadEditIsRefusedAndTheLastGoodDirectoryStays() throws Exception {
        String good = Files.readString(FILE);
        edit(good + "  - id: SAMR-330199\n");

        String error = reloader.reloadIfChanged();

        assertThat(error).contains("SAMR-330199").contains(FILE.toString());
        assertThat(directory.isConnected("SAMR-330108")).isTrue();
        assertThat(directory.connections()).hasSize(28);
    }

    @Test
    @Order(4)
    void disconnectingAnOfficeRemovesItsBrokerLogin() throws Exception {
        edit(Files.readString(FILE).replace("  - id: SAMR-330108\n    channel: jms\n", "").replace("  - id: SAMR-330199\n", ""));

        assertThat(reloader.reloadIfChanged()).isNull();

        assertThat(directory.isConnected("SAMR-330108")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Office("SAMR-330108", credentials).close())
                .isInstanceOf(JMSSecurityException.class);
    }
}
