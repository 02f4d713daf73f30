package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * The investigator's query endpoint on the running hub: messages sent through the real intake are found by case,
 * by the subject's identity number (through the HMAC index), by office as sender or recipient, by type and status,
 * page by page, each with its chain position and delivery history; every query is an audit entry that names the
 * subject by HMAC only; other roles are refused and bad filters answered 400 with the reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvestigatorQueryEndpointTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String ID_NUMBER = "330106199503141237";
    private static final String MESSAGES = "/api/v1/archive/messages";

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
    ChainVerifier verifier;
    @Value("${local.server.port}")
    int port;

    private HubRest rest;
    private String clueId;
    private String clueBody;

    @BeforeAll
    void sendMessages() throws Exception {
        rest = new HubRest(port, credentials);
        clueId = HubTestSupport.freshId();
        clueBody = HubTestSupport.designClue(clueId);
        try (Office samr = new Office("SAMR-330106", credentials)) {
            samr.send(clueBody);
            assertThat(samr.receive(15_000, m -> clueId.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
            samr.send("{\"sender\":\"SAMR-330106\",\"summary\":\"" + ID_NUMBER + "\"");
            assertThat(samr.receive(15_000, m -> "rejected".equals(property(m, "ClueHubReceiptStatus"))))
                    .isNotNull();
        }
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode query(String params) {
        HttpResponse<byte[]> response = rest.get(MESSAGES + "?" + params, "investigator");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("messageId").asString(null)));
        return ids;
    }

    @Test
    void theClueIsFoundByCaseSubjectOfficeTypeAndStatusWithItsHistory() {
        JsonNode bySubject = query("subject=" + ID_NUMBER);
        assertThat(ids(bySubject)).containsExactly(clueId);
        JsonNode hit = bySubject.path("items").get(0);
        assertThat(new String(Base64.getDecoder().decode(hit.path("rawBase64").asString()), StandardCharsets.UTF_8))
                .isEqualTo(clueBody);
        assertThat(hit.path("chain").path("seq").asLong()).isEqualTo(hit.path("seq").asLong());
        assertThat(hit.path("chain").path("entryHash").asString()).hasSize(64)
                .isEqualTo(hit.path("entryHash").asString());
        assertThat(hit.path("chain").path("prevHash").asString()).hasSize(64);
        JsonNode delivery = hit.path("history").path("deliveries").get(0);
        assertThat(delivery.path("recipient").asString()).isEqualTo("CAC-330100");
        assertThat(delivery.path("deliveredTo").asString()).isEqualTo("CAC-330100");
        assertThat(delivery.path("rule").asString()).isEqualTo("explicit");
        assertThat(delivery.path("format").asString()).isEqualTo("canonical");
        List<String> sent = new ArrayList<>();
        hit.path("history").path("sent").forEach(s -> sent.add(s.path("kind").asString() + " "
                + s.path("destination").asString()));
        assertThat(sent).containsExactly("delivery agency.CAC-330100.inbox", "receipt agency.SAMR-330106.inbox");

        assertThat(ids(query("caseRef=SAMR-330106-2026-00042"))).containsExactly(clueId);
        assertThat(ids(query("subject=" + URLEncoder.encode("3301 0619 9503 1412 37", StandardCharsets.UTF_8))))
                .containsExactly(clueId);
        assertThat(ids(query("office=CAC-330100&type=clue.transfer"))).containsExactly(clueId);
        assertThat(ids(query("office=SAMR-330106&status=accepted"))).containsExactly(clueId);
        JsonNode rejected = query("office=SAMR-330106&status=rejected");
        assertThat(rejected.path("items")).hasSize(1);
        assertThat(rejected.path("items").get(0).path("errorCode").asString()).isEqualTo("JSON_MALFORMED");
        assertThat(query("from=2000-01-01&to=2000-01-02").path("items")).isEmpty();
        assertThat(ids(query("sender=SAMR-330106&messageId=" + clueId))).containsExactly(clueId);
    }

    @Test
    void pagesAreNewestFirstAndFollowNextBefore() {
        JsonNode first = query("office=SAMR-330106&limit=1");
        assertThat(first.path("items")).hasSize(1);
        assertThat(first.path("items").get(0).path("status").asString()).isEqualTo("rejected");
        long next = first.path("nextBefore").asLong();
        JsonNode second = query("office=SAMR-330106&limit=1&before=" + next);
        assertThat(ids(second)).containsExactly(clueId);
        JsonNode third = query("office=SAMR-330106&limit=1&before=" + second.path("nextBefore").asLong());
        assertThat(third.path("items")).isEmpty();
        assertThat(third.path("nextBefore").isNull()).isTrue();
    }

    @Test
    void everyQueryIsAnAuditEntryThatNamesTheSubjectByHmacOnly() {
        query("subject=" + ID_NUMBER + "&caseRef=SAMR-330106-2026-00042");

        JsonNode audits = query("kind=audit&caseRef=SAMR-330106-2026-00042&limit=1");
        JsonNode audit = audits.path("items").get(0);
        assertThat(audit.path("kind").asString()).isEqualTo("audit");
        assertThat(audit.path("type").asString()).isEqualTo("audit.archive-query");
        JsonNode record = audit.path("decision");
        assertThat(record.path("who").path("user").asString()).isEqualTo("investigator");
        assertThat(record.path("request").path("filter").path("caseRef").asString())
                .isEqualTo("SAMR-330106-2026-00042");
        assertThat(record.path("request").path("filter").path("subjectHmac").asString()).hasSize(64);
        assertThat(record.path("outcome").path("hits").asInt()).isEqualTo(1);
        assertThat(audit.toString()).doesNotContain(ID_NUMBER);
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void otherRolesAreRefusedAndBadFiltersAreExplained() {
        assertThat(rest.get(MESSAGES, "auditor").statusCode()).isEqualTo(403);
        assertThat(rest.get(MESSAGES, "SAMR-330106").statusCode()).isEqualTo(403);
        assertThat(rest.get(MESSAGES, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> bad = rest.get(MESSAGES + "?from=yesterday", "investigator");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("detail").asString()).startsWith("from must be");
    }
}
