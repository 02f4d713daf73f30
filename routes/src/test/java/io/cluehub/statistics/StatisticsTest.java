package io.cluehub.statistics;

import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.Message;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
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
 * The mechanisms' figures on a fresh hub, after real traffic over JMS: two clue transfers from a county office (one
 * accepted by its recipient), one consultation opened, answered and decided, one list entry. {@code GET
 * /api/v1/statistics} and the Prometheus scrape show exactly those counts, the transfers counted once after the first
 * and then from where that count stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StatisticsTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final long WAIT = 20_000;

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
    @Value("${local.server.port}")
    int port;

    @Test
    void figuresCountWhatHappened() throws Exception {
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            String first = freshId();
            String second = freshId();
            accepted(samr, HubTestSupport.designClue(first), first);
            // Counted up to the archive head now; the rest of the traffic is counted from there.
            assertThat(json.readTree(get("/api/v1/statistics", "operator").body()).at("/clues/total").asLong())
                    .isEqualTo(1);
            accepted(samr, HubTestSupport.designClue(second), second);
            assertThat(cac.receive(WAIT, m -> first.equals(property(m, "ClueHubMessageId")))).isNotNull();
            String status = freshId();
            accepted(cac, """
                    {"messageId": "%s", "type": "clue.status", "schemaVersion": "1.0", "sender": "CAC-330100",
                     "caseRef": "SAMR-330106-2026-00042", "inReplyTo": "%s", "sentAt": "%s",
                     "handling": {"classification": "sensitive", "onwardSharing": "originator-consent"},
                     "payload": {"disposition": "accepted"}}
                    """.formatted(status, first, Instant.now().minusSeconds(1)), status);

            String request = freshId();
            accepted(samr, """
                    {"messageId": "%s", "type": "consultation.request", "schemaVersion": "1.0",
                     "sender": "SAMR-330106", "caseRef": "SAMR-330106-2026-00043", "sentAt": "%s",
                     "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                     "payload": {"question": "Who leads?", "invitees": ["CAC-330100"], "deadline": "%s"}}
                    """.formatted(request, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600)), request);
            String opinion = freshId();
            accepted(cac, """
                    {"messageId": "%s", "type": "consultation.opinion", "schemaVersion": "1.0",
                     "sender": "CAC-330100", "caseRef": "SAMR-330106-2026-00043", "inReplyTo": "%s", "sentAt": "%s",
                     "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                     "payload": {"position": "agree", "opinion": "Market regulation should lead."}}
                    """.formatted(opinion, request, Instant.now().minusSeconds(1)), opinion);
            String decision = freshId();
            accepted(samr, """
                    {"messageId": "%s", "type": "consultation.decision", "schemaVersion": "1.0",
                     "sender": "SAMR-330106", "caseRef": "SAMR-330106-2026-00043", "inReplyTo": "%s", "sentAt": "%s",
                     "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                     "payload": {"decision": "SAMR-330106 leads.", "participants": [{"office": "CAC-330100"}]}}
                    """.formatted(decision, request, Instant.now().minusSeconds(1)), decision);

            String share = freshId();
            accepted(samr, """
                    {"messageId": "%s", "type": "info.share", "schemaVersion": "1.0", "sender": "SAMR-330106",
                     "sentAt": "%s", "handling": {"classification": "internal", "onwardSharing": "allowed"},
                     "payload": {"list": "serious-violators", "action": "add", "entries": [
                       {"entryId": "sv-1", "subject": {"role": "room-operator", "kind": "organisation",
                        "name": "Hangzhou Example Trading Co., Ltd.", "uscc": "91330106MA2H4L7K06"},
                        "measure": {"code": "blacklisted"}, "legalBasis": "Measures Art.29",
                        "effectiveFrom": "2026-01-01", "jurisdiction": {"divisionCode": "330106"}}]}}
                    """.formatted(share, Instant.now().minusSeconds(1)), share);
        }

        HttpResponse<String> response = get("/api/v1/statistics", "operator");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode figures = json.readTree(response.body());
        JsonNode transferred = figures.at("/clues/transferred");
        assertThat(transferred.size()).isEqualTo(1);
        assertThat(transferred.get(0).path("department").asString()).isEqualTo("SAMR");
        assertThat(transferred.get(0).path("level").asString()).isEqualTo("county");
        assertThat(transferred.get(0).path("count").asLong()).isEqualTo(2);
        assertThat(figures.at("/clues/total").asLong()).isEqualTo(2);
        assertThat(figures.at("/clues/accepted").asLong()).isEqualTo(1);
        assertThat(figures.at("/clues/medianHoursToAcceptance").asDouble()).isBetween(0.0, 0.1);
        assertThat(figures.at("/clues/overdue").asLong()).isZero();
        assertThat(figures.at("/consultations/opened").asLong()).isEqualTo(1);
        assertThat(figures.at("/consultations/open").asLong()).isZero();
        assertThat(figures.at("/consultations/closed").asLong()).isEqualTo(1);
        assertThat(figures.at("/consultations/closedOnTime").asLong()).isEqualTo(1);
        assertThat(figures.at("/consultations/allAnsweredInTime").asLong()).isEqualTo(1);
        for (JsonNode list : figures.path("lists")) {
            boolean serious = list.path("list").asString().equals("serious-violators");
            assertThat(list.path("size").asLong()).as(list.toString()).isEqualTo(serious ? 1 : 0);
            assertThat(list.path("version").asLong()).as(list.toString()).isEqualTo(serious ? 1 : 0);
        }
        assertThat(figures.path("lists").size()).isEqualTo(3);

        HttpResponse<String> scrape = get("/actuator/prometheus", "operator");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("cluehub_clues_transferred_total{department=\"SAMR\",level=\"county\"} 2.0")
                .contains("cluehub_clues_transferred_total{department=\"CAC\",level=\"city\"} 0.0")
                .contains("cluehub_consultations_closed_on_time_total 1.0")
                .contains("cluehub_list_entries{list=\"serious-violators\"} 1.0")
                .contains("cluehub_decisions_total{status=\"accepted\",type=\"clue.transfer\"} 2.0");
        assertThat(get("/actuator/prometheus", "SAMR-330106").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/statistics", null).statusCode()).isEqualTo(401);
    }

    private void accepted(Office office, String body, String messageId) throws Exception {
        office.send(body);
        Message receipt = office.receive(WAIT, m -> "receipt".equals(property(m, "ClueHubType"))
                && messageId.equals(property(m, "ClueHubInReplyTo")));
        assertThat(receipt).as("receipt for %s", messageId).isNotNull();
        assertThat(property(receipt, "ClueHubReceiptStatus")).as(((jakarta.jms.TextMessage) receipt).getText())
                .isEqualTo("accepted");
    }

    private HttpResponse<String> get(String path, String user) {
        return HubTestSupport.restGet(port, credentials, path, user);
    }
}
