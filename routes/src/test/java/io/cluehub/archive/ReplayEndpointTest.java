package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.replay.ReplaySender;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays on the running hub: a case's accepted messages go again, in their original order, to another office's inbox
 * in that office's own format (MPS-330000 speaks mps-xml), each marked as a replay with the original messageId and the
 * replay id; progress is shown; the replay is audited and appears in the messages' delivery history; requests without
 * reason, legal basis or a known target are refused; a batch sent twice arrives once. A dry run re-validates and
 * re-maps instead and sets then beside now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayEndpointTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String CASE = "SAMR-330106-2026-00042";
    private static final String TARGET = "MPS-330000";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Autowired
    ArchiveStore archive;
    @Autowired
    ReplaySender sender;
    @Autowired
    ChainVerifier verifier;
    @Value("${local.server.port}")
    int port;

    private HubRest rest;
    private final List<String> caseIds = new ArrayList<>();
    private String badId;
    private String samrId;

    @BeforeAll
    void sendMessages() throws Exception {
        rest = new HubRest(port, credentials);
        try (Office samr = new Office("SAMR-330106", credentials); Office samrCity = new Office("SAMR-330100",
                credentials)) {
            for (int i = 0; i < 3; i++) {
                String id = HubTestSupport.freshId();
                caseIds.add(id);
                samr.send(HubTestSupport.designClue(id));
                assertThat(samr.receive(15_000, m -> id.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
            }
            // Another case: not replayed.
            String other = HubTestSupport.freshId();
            samr.send(HubTestSupport.designClue(other).replace(CASE, "SAMR-330106-2026-00099"));
            assertThat(samr.receive(15_000, m -> other.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
            // Same case, rejected: a mistyped identity number (check digit).
            badId = HubTestSupport.freshId();
            samr.send(HubTestSupport.designClue(badId).replace("330106199503141237", "330106199503141238"));
            assertThat(samr.receive(15_000, m -> badId.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
            samrId = HubTestSupport.freshId();
            samrCity.send(new String(getClass().getResourceAsStream("/agency/samr-json/clue.transfer.json")
                    .readAllBytes(), StandardCharsets.UTF_8).replace("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", samrId));
            assertThat(samrCity.receive(15_000, m -> samrId.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
        }
        // The samr-json clue names MPS-330000 among its recipients: take its delivery, so the inbox holds replays only.
        try (Office target = new Office(TARGET, credentials)) {
            assertThat(target.receive(15_000, m -> samrId.equals(property(m, "ClueHubMessageId")))).isNotNull();
        }
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> replay(String body) {
        return rest.post("/api/v1/replays", "investigator", body);
    }

    @Test
    void theCaseIsReplayedInOrderToTheTargetMarkedAsReplaysAndAudited() throws Exception {
        try (Office target = new Office(TARGET, credentials)) {
            HttpResponse<byte[]> created = replay("{\"filter\":{\"caseRef\":\"" + CASE + "\"},\"target\":\"" + TARGET
                    + "\",\"reason\":\"Case review after referral\",\"legalBasis\":\"Art. 4 joint mechanism\"}");
            assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(202);
            JsonNode replay = json.readTree(created.body());
            String id = replay.path("id").asString();
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/replays/" + id);
            assertThat(replay.path("total").asLong()).as("accepted messages of the case only").isEqualTo(3);

            JsonNode done = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> json.readTree(rest.get("/api/v1/replays/" + id, "investigator").body()),
                    r -> "completed".equals(r.path("status").asString()));
            assertThat(done.path("sent").asLong()).isEqualTo(3);
            assertThat(done.path("reason").asString()).isEqualTo("Case review after referral");
            assertThat(done.path("auditSeq").asLong()).isPositive();

            List<String> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message m = target.receive(15_000);
                assertThat(m).as("replayed message %d", i).isNotNull();
                assertThat(m.getStringProperty("ClueHubReplay")).isEqualTo("true");
                assertThat(m.getStringProperty("ClueHubReplayId")).isEqualTo(id);
                assertThat(m.getStringProperty("ClueHubSender")).isEqualTo("SAMR-330106");
                assertThat(m.getStringProperty("ClueHubType")).isEqualTo("clue.transfer");
                assertThat(m.getStringProperty("ClueHubFormat")).isEqualTo("mps-xml");
                assertThat(m.getStringProperty("_AMQ_DUPL_ID")).startsWith("replay:" + id + ":SAMR-330106:");
                assertThat(((TextMessage) m).getText()).startsWith("<?xml")
                        .contains(m.getStringProperty("ClueHubMessageId"));
                received.add(m.getStringProperty("ClueHubMessageId"));
            }
            assertThat(received).as("original order").containsExactlyElementsOf(caseIds);
            assertThat(target.receive(500)).as("nothing else").isNull();

            // The same batch again (a crash between the broker commit and marking it sent): the broker drops it.
            List<ArchiveEntry> entries = caseIds.stream()
                    .map(mid -> archive.findByMessage("SAMR-330106", mid, 1).get(0)).toList();
            assertThat(sender.send(id, TARGET, entries)).as("taken by the broker").isZero();
            assertThat(target.receive(1_000)).as("duplicate batch dropped").isNull();
            // A batch holding one message already delivered and one new: the new one still goes through.
            assertThat(sender.send("mixed", TARGET, entries.subList(0, 1))).isEqualTo(1);
            assertThat(sender.send("mixed", TARGET, entries.subList(0, 2))).isEqualTo(1);
            assertThat(target.receive(5_000).getStringProperty("ClueHubMessageId")).isEqualTo(caseIds.get(0));
            assertThat(target.receive(5_000).getStringProperty("ClueHubMessageId")).isEqualTo(caseIds.get(1));
            assertThat(target.receive(500)).isNull();

            JsonNode audit = json.readTree(rest.get("/api/v1/archive/messages?kind=audit&limit=100",
                    "investigator").body()).path("items");
            JsonNode replayAudit = null;
            for (JsonNode a : audit) {
                if ("audit.replay".equals(a.path("type").asString())) {
                    replayAudit = a;
                }
            }
            assertThat(replayAudit).isNotNull();
            assertThat(replayAudit.path("seq").asLong()).isEqualTo(done.path("auditSeq").asLong());
            JsonNode request = replayAudit.path("decision").path("request");
            assertThat(request.path("replayId").asString()).isEqualTo(id);
            assertThat(request.path("target").asString()).isEqualTo(TARGET);
            assertThat(request.path("reasonSha256").asString()).hasSize(64);
            assertThat(replayAudit.path("decision").path("outcome").path("total").asLong()).isEqualTo(3);

            JsonNode hit = json.readTree(rest.get("/api/v1/archive/messages?sender=SAMR-330106&messageId="
                    + caseIds.get(0), "investigator").body()).path("items").get(0);
            assertThat(hit.path("history").path("replays").get(0).path("replayId").asString()).isEqualTo(id);
            assertThat(hit.path("history").path("replays").get(0).path("target").asString()).isEqualTo(TARGET);
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void aReplayWithoutReasonLegalBasisOrKnownTargetIsRefused() {
        String filter = "\"filter\":{\"caseRef\":\"" + CASE + "\"}";
        assertThat(replay("{" + filter + ",\"target\":\"" + TARGET + "\",\"legalBasis\":\"Art. 4\"}").statusCode())
                .isEqualTo(400);
        assertThat(replay("{" + filter + ",\"target\":\"" + TARGET + "\",\"reason\":\"r\",\"legalBasis\":\" \"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<byte[]> unknown = replay("{" + filter
                + ",\"target\":\"CAC-999999\",\"reason\":\"r\",\"legalBasis\":\"b\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).path("detail").asString()).contains("not a connected office");
        assertThat(replay("{" + filter + ",\"reason\":\"r\",\"legalBasis\":\"b\"}").statusCode()).isEqualTo(400);
        assertThat(replay("{\"filter\":{},\"target\":\"" + TARGET + "\",\"reason\":\"r\",\"legalBasis\":\"b\"}")
                .statusCode()).as("whole archive").isEqualTo(400);
        assertThat(replay("{\"filter\":{\"caseRef\":\"" + CASE + "\",\"status\":\"rejected\"},\"target\":\"" + TARGET
                + "\",\"reason\":\"r\",\"legalBasis\":\"b\"}").statusCode()).isEqualTo(400);
        assertThat(rest.post("/api/v1/replays", "auditor", "{" + filter + ",\"target\":\"" + TARGET
                + "\",\"reason\":\"r\",\"legalBasis\":\"b\"}").statusCode()).isEqualTo(403);
        assertThat(rest.get("/api/v1/replays/nope", "investigator").statusCode()).isEqualTo(404);
    }

    @Test
    void aDryRunShowsThenBesideNowAndSendsNothing() throws Exception {
        try (Office target = new Office(TARGET, credentials)) {
            HttpResponse<byte[]> response = replay("{\"filter\":{\"caseRef\":\"" + CASE + "\"},\"target\":\"" + TARGET
                    + "\",\"reason\":\"Check handling\",\"legalBasis\":\"Art. 4\",\"dryRun\":true}");
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode report = json.readTree(response.body());
            assertThat(report.path("dryRun").asBoolean()).isTrue();
            assertThat(report.path("total").asLong()).isEqualTo(4);
            JsonNode rejected = null;
            for (JsonNode item : report.path("items")) {
                if (badId.equals(item.path("messageId").asString())) {
                    rejected = item;
                } else {
                    assertThat(item.path("then").path("status").asString()).isEqualTo("accepted");
                    assertThat(item.path("now").path("status").asString()).isEqualTo("accepted");
                    assertThat(item.path("now").path("targetFormat").asString()).isEqualTo("mps-xml");
                    assertThat(item.path("sameOutcome").asBoolean()).isTrue();
                }
            }
            assertThat(rejected).isNotNull();
            assertThat(rejected.path("then").path("errorCode").asString()).isEqualTo("ID_NUMBER_CHECK_DIGIT");
            assertThat(rejected.path("now").path("errorCode").asString()).isEqualTo("ID_NUMBER_CHECK_DIGIT");
            assertThat(rejected.path("sameOutcome").asBoolean()).isTrue();
            assertThat(response.body().length).isPositive();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("330106199503141238");

            JsonNode agency = json.readTree(replay("{\"filter\":{\"sender\":\"SAMR-330100\",\"messageId\":\"" + samrId
                    + "\"},\"reason\":\"Check mapping\",\"legalBasis\":\"Art. 4\",\"dryRun\":true}").body());
            JsonNode item = agency.path("items").get(0);
            assertThat(item.path("format").asString()).isEqualTo("samr-json/1.0");
            assertThat(item.path("then").path("mapping").asString()).isEqualTo("mapped");
            assertThat(item.path("now").path("mapping").asString()).isEqualTo("same");
            assertThat(item.path("now").path("status").asString()).isEqualTo("accepted");

            assertThat(target.receive(1_000)).as("a dry run sends nothing").isNull();
        }
    }
}
