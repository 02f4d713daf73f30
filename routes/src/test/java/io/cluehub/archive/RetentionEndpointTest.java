package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Legal holds and the purge through the running hub, with sensitive messages kept for no time at all
 * ({@code periods.sensitive=0d}): a held case survives the auditor's purge, the other loses its bodies and still
 * verifies; holds are placed and released by investigators or auditors, the purge by auditors only; each is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RetentionEndpointTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String KEPT = "SAMR-330106-2026-00050";
    private static final String GONE = "SAMR-330106-2026-00051";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
        registry.add("cluehub.archive.retention.periods.sensitive", () -> "0d");
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Value("${local.server.port}")
    int port;

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode body(HttpResponse<byte[]> response) {
        return json.readTree(response.body());
    }

    @Test
    void aHeldCaseSurvivesThePurgeAndThePurgedOneStillVerifies() throws Exception {
        HubRest rest = new HubRest(port, credentials);
        try (Office samr = new Office("SAMR-330106", credentials)) {
            for (String caseRef : new String[] {KEPT, GONE}) {
                String id = HubTestSupport.freshId();
                samr.send(HubTestSupport.designClue(id).replace("SAMR-330106-2026-00042", caseRef));
                assertThat(samr.receive(15_000, m -> id.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
            }
        }
        String hold = "{\"caseRef\":\"" + KEPT + "\",\"reason\":\"Court order 2026-17\"}";
        assertThat(rest.post("/api/v1/archive/holds", "SAMR-330106", hold).statusCode()).isEqualTo(403);
        assertThat(rest.post("/api/v1/archive/holds", "investigator", "{\"caseRef\":\"" + KEPT + "\"}").statusCode())
                .as("no reason").isEqualTo(400);
        assertThat(rest.post("/api/v1/archive/holds", "investigator", hold).statusCode()).isEqualTo(201);
        assertThat(rest.post("/api/v1/archive/holds", "auditor", hold).statusCode()).as("held already").isEqualTo(200);
        JsonNode holds = body(rest.get("/api/v1/archive/holds", "auditor"));
        assertThat(holds.get(0).path("caseRef").asString()).isEqualTo(KEPT);
        assertThat(holds.get(0).path("reason").asString()).isEqualTo("Court order 2026-17");

        assertThat(rest.post("/api/v1/archive/purges", "investigator", null).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> purge = rest.post("/api/v1/archive/purges", "auditor", null);
        assertThat(purge.statusCode()).isEqualTo(200);
        assertThat(body(purge).path("purged").asLong()).isEqualTo(1);

        JsonNode gone = body(rest.get("/api/v1/archive/messages?caseRef=" + GONE, "investigator")).path("items").get(0);
        assertThat(gone.path("purgedAt").isNull()).isFalse();
        assertThat(gone.path("rawBase64").isNull()).isTrue();
        assertThat(gone.path("decision").path("status").asString()).isEqualTo("accepted");
        JsonNode kept = body(rest.get("/api/v1/archive/messages?caseRef=" + KEPT, "investigator")).path("items").get(0);
        assertThat(kept.path("rawBase64").asString()).isNotEmpty();
        assertThat(body(rest.get("/api/v1/archive/messages?subject=330106199503141237", "investigator"))
                .path("items")).hasSize(1);

        JsonNode verify = body(rest.get("/api/v1/archive/verify", "auditor"));
        assertThat(verify.path("valid").asBoolean()).as("%s", verify).isTrue();
        assertThat(verify.path("purged").asLong()).isEqualTo(1);

        assertThat(rest.delete("/api/v1/archive/holds/" + KEPT, "auditor").statusCode()).isEqualTo(204);
        assertThat(rest.delete("/api/v1/archive/holds/" + KEPT, "auditor").statusCode()).isEqualTo(404);
        assertThat(body(rest.post("/api/v1/archive/purges", "auditor", null)).path("purged").asLong()).isEqualTo(1);

        JsonNode audits = body(rest.get("/api/v1/archive/messages?kind=audit&limit=100", "investigator"))
                .path("items");
        assertThat(audits.findValuesAsString("type")).contains("audit.legal-hold", "audit.legal-hold-list",
                "audit.purge", "audit.legal-hold-release");
        assertThat(audits.toString()).doesNotContain("Court order");
    }
}
