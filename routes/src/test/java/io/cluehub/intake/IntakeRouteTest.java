package io.cluehub.intake;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The intake route against the real embedded broker and H2, with offices connected in-VM. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IntakeRouteTest {

    private static final Path DATA = HubTestSupport.tempDataDir();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    CredentialFile credentials;
    @Autowired
    ArchiveStore archive;
    @Autowired
    JsonMapper json;
    @Autowired
    IntakeConsumers consumers;
    @Autowired
    MeterRegistry meters;

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    int port;

    private Office samr;
    private Office cac;

    @BeforeEach
    void connect() throws Exception {
        samr = new Office("SAMR-330106", credentials);
        cac = new Office("CAC-330100", credentials);
    }

    @AfterEach
    void disconnect() throws Exception {
        samr.close();
        cac.close();
    }

    @Test
    void designClueIsDeliveredWithHubPropertiesAndAnAcceptedReceipt() throws Exception {
        String id = freshId();
        String body = designClue(id);

        samr.send(body);

        Message delivered = cac.receive(10_000);
        assertThat(delivered).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) delivered).getText()).isEqualTo(body);
        assertThat(delivered.getStringProperty("ClueHubMessageId")).isEqualTo(id);
        assertThat(delivered.getStringProperty("ClueHubType")).isEqualTo("clue.transfer");
        assertThat(delivered.getStringProperty("ClueHubSender")).isEqualTo("SAMR-330106");
        assertThat(delivered.getStringProperty("ClueHubCaseRef")).isEqualTo("SAMR-330106-2026-00042");

        JsonNode receipt = json.readTree(((TextMessage) samr.receive(10_000)).getText());
        assertThat(receipt.path("type").asString()).isEqualTo("receipt");
        assertThat(receipt.path("inReplyTo").asString()).isEqualTo(id);
        assertThat(receipt.path("payload").path("status").asString()).isEqualTo("accepted");
        assertThat(receipt.path("payload").path("routing").path("deliveries").get(0).path("deliveredTo").asString())
                .isEqualTo("CAC-330100");
    }

    @Test
    void spoofedSenderIsArchivedAnsweredAndNotDelivered() throws Exception {
        String id = freshId();
        String body = designClue(id).replace("\"sender\": \"SAMR-330106\"", "\"sender\": \"CAC-330106\"");
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("intake").whenDone(1).create();

        samr.send(body);

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        JsonNode receipt = json.readTree(((TextMessage) samr.receive(10_000)).getText());
        assertThat(receipt.path("payload").path("status").asString()).isEqualTo("rejected");
        JsonNode issue = receipt.path("payload").path("outcome").path("issues").get(0);
        assertThat(issue.path("code").asString()).isEqualTo("SENDER_MISMATCH");
        assertThat(issue.path("location").asString()).isEqualTo("/sender");
        assertThat(cac.receive(200)).isNull();

        ArchiveEntry entry = archive.findByMessage("SAMR-330106", id, 10).get(0);
        assertThat(entry.status()).isEqualTo("rejected");
        assertThat(entry.errorCode()).isEqualTo("SENDER_MISMATCH");
        assertThat(new String(entry.raw(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void resentMessageIsDeliveredOnceAndAnsweredAsDuplicate() throws Exception {
        String id = freshId();
        String body = designClue(id);

        samr.send(body);
        assertThat(cac.receive(10_000)).isNotNull();
        assertThat(samr.receive(10_000)).isNotNull();
        samr.send(body);

        JsonNode receipt = json.readTree(((TextMessage) samr.receive(10_000)).getText());
        assertThat(receipt.path("payload").path("duplicate").asBoolean()).isTrue();
        assertThat(receipt.path("payload").path("status").asString()).isEqualTo("accepted");
        assertThat(cac.receive(200)).isNull();
        assertThat(archive.findByMessage("SAMR-330106", id, 10)).extracting(ArchiveEntry::status)
                .containsExactly("duplicate", "accepted");
    }

    @Test
    void clueWithoutRecipientsGoesToTheCompetentOfficeAndTheReceiptSaysItFellBack() throws Exception {
        String id = freshId();
        tools.jackson.databind.node.ObjectNode clue = (tools.jackson.databind.node.ObjectNode) json.readTree(designClue(id));
        clue.remove("recipients");
        tools.jackson.databind.node.ArrayNode violations = clue.withObject("/payload").putArray("violations");
        violations.addObject().put("category", "fraud-gambling-contraband").put("description", "Sells prohibited goods");

        try (Office mps = new Office("MPS-330100", credentials)) {
            samr.send(json.writeValueAsString(clue));

            Message delivered = mps.receive(10_000);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getStringProperty("ClueHubMessageId")).isEqualTo(id);
        }
        JsonNode routing = json.readTree(((TextMessage) samr.receive(10_000)).getText()).path("payload").path("routing");
        JsonNode delivery = routing.path("deliveries").get(0);
        assertThat(delivery.path("recipient").asString()).isEqualTo("MPS-330106");
        assertThat(delivery.path("deliveredTo").asString()).isEqualTo("MPS-330100");
        assertThat(delivery.path("rule").asString()).isEqualTo("competence:fraud-gambling-contraband");
        assertThat(delivery.path("fallback").asBoolean()).isTrue();
        assertThat(archive.findByMessage("SAMR-330106", id, 1).get(0).decision()).contains("\"fallback\":true");
    }

    @Test
    void healthReportsBrokerDatabaseAndRoutes() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String component : new String[] {"broker", "jms", "db", "camelHealth"}) {
            assertThat(health.path("components").path(component).path("status").asString()).as(component).isEqualTo("UP");
        }
    }

    @Test
    void archiveEntriesFormAChain() throws Exception {
        samr.send(designClue(freshId()));
        samr.send("{not json");
        assertThat(cac.receive(10_000)).isNotNull();
        assertThat(samr.receive(10_000)).isNotNull();
        assertThat(samr.receive(10_000)).isNotNull();

        var latest = archive.latest(2);
        assertThat(latest.get(0).prevHash()).isEqualTo(latest.get(1).entryHash());
        assertThat(latest.get(0).seq()).isEqualTo(latest.get(1).seq() + 1);
    }

    /**
     * Consumers on demand (two, the default): the second consumer joins when the first finds messages waiting,
     * every message of the backlog is decided once, and the second leaves a second after the backlog is gone.
     */
    @Test
    void theSecondConsumerJoinsForABacklogAndLeavesAfterIt() throws Exception {
        var open = meters.get("cluehub.intake.consumers").gauge();
        awaitOpenConsumers(open, 1);
        double joinsBefore = meters.get("cluehub.intake.consumer.joins").counter().count();
        Set<String> ids = new HashSet<>();
        consumers.stop();
        for (int i = 0; i < 150; i++) {
            String id = freshId();
            ids.add(id);
            samr.send(designClue(id));
        }
        consumers.start();

        Set<String> delivered = new HashSet<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (delivered.size() < ids.size() && System.currentTimeMillis() < deadline) {
            Message m = cac.receive(1_000);
            if (m != null && ids.contains(m.getStringProperty("ClueHubMessageId"))) {
                assertThat(delivered.add(m.getStringProperty("ClueHubMessageId"))).as("delivered once").isTrue();
            }
        }
        assertThat(delivered).isEqualTo(ids);
        Set<String> answered = new HashSet<>();
        while (answered.size() < ids.size() && System.currentTimeMillis() < deadline) {
            Message m = samr.receive(1_000);
            if (m != null && ids.contains(m.getStringProperty("ClueHubInReplyTo"))) {
                assertThat(answered.add(m.getStringProperty("ClueHubInReplyTo"))).as("one receipt").isTrue();
            }
        }
        assertThat(answered).as("receipts").isEqualTo(ids);
        assertThat(meters.get("cluehub.intake.consumer.joins").counter().count()).as("the second consumer joined")
                .isGreaterThan(joinsBefore);
        awaitOpenConsumers(open, 1);
        for (Message m = cac.receive(500); m != null; m = cac.receive(200)) {
            assertThat(ids).as("a second delivery of the backlog")
                    .doesNotContain(m.getStringProperty("ClueHubMessageId"));
        }
        for (Message m = samr.receive(200); m != null; m = samr.receive(200)) {
            assertThat(ids).as("a second receipt").doesNotContain(m.getStringProperty("ClueHubInReplyTo"));
        }
    }

    private static void awaitOpenConsumers(Gauge open, int expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(open.value()).as("intake consumers open").isEqualTo(expected));
    }
}
