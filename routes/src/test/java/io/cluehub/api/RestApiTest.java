package io.cluehub.api;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST API for case tools on the running hub (real embedded broker and H2): submissions go through the intake
 * pipeline and are answered with their receipt or a problem document; inboxes are listed, paged and acknowledged;
 * receipts are read from the archive's outbox; every refusal is {@code application/problem+json}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class RestApiTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String SAMR = "SAMR-330106";
    private static final String CAC = "CAC-330100";
    private static final String STA = "STA-330000";
    private static final String SAMR_SYSTEM = "system." + SAMR;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("server.port", () -> 0);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
        registry.add("cluehub.intake.max-message-bytes", () -> 16_384);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Value("${local.server.port}")
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, credentials);
    }

    private HttpResponse<String> submit(String user, String office, String body) {
        return api.post("/api/v1/messages", user, "application/json", body.getBytes(StandardCharsets.UTF_8),
                Map.of(ApiHeaders.SIGNATURE, HubTestSupport.sign(DATA, office, body)));
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (tools.jackson.core.JacksonException e) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " with a body that is not JSON: " + response.body(), e);
        }
    }

    private List<JsonNode> inbox(String user) {
        List<JsonNode> all = new ArrayList<>();
        read(api.get("/api/v1/inbox?limit=100", user)).path("items").forEach(all::add);
        return all;
    }

    private JsonNode inboxItem(String user, String field, String value) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> inbox(user).stream()
                .filter(i -> value.equals(i.path(field).asString())).findFirst().orElse(null), i -> i != null);
    }

    private static void assertProblem(HttpResponse<String> response, int status, JsonNode body) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(body.path("status").asInt()).isEqualTo(status);
        // RFC 9457: an absent type means about:blank
        assertThat(body.path("type").asString("about:blank")).isNotBlank();
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(body.path("instance").asString()).startsWith("/");
    }

    @Test
    void acceptedSubmissionIsRoutedAndAnsweredWithItsReceiptWhichAlsoReachesTheInbox() {
        String id = freshId();

        HttpResponse<String> response = submit(SAMR_SYSTEM, SAMR, designClue(id));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue(ApiHeaders.HUB_SIGNATURE)).isPresent();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/receipts/" + id);
        JsonNode receipt = read(response);
        assertThat(receipt.path("type").asString()).isEqualTo("receipt");
        assertThat(receipt.path("inReplyTo").asString()).isEqualTo(id);
        assertThat(receipt.path("payload").path("status").asString()).isEqualTo("accepted");
        assertThat(receipt.path("payload").path("routing").path("deliveries").get(0).path("deliveredTo").asString())
                .isEqualTo(CAC);

        JsonNode delivered = inboxItem(CAC, "messageId", id);
        assertThat(delivered.path("type").asString()).isEqualTo("clue.transfer");
        assertThat(delivered.path("sender").asString()).isEqualTo(SAMR);
        assertThat(delivered.path("caseRef").asString()).isEqualTo("SAMR-330106-2026-00042");
        assertThat(delivered.path("hubSignature").asString()).isNotBlank();
        assertThat(delivered.path("body").path("payload").path("summary").asString()).startsWith("Live room");
        JsonNode inboxReceipt = inboxItem(SAMR, "inReplyTo", id);
        assertThat(inboxReceipt.path("type").asString()).isEqualTo("receipt");
        assertThat(inboxReceipt.path("body").path("messageId").asString())
                .isEqualTo(receipt.path("messageId").asString());
    }

    @Test
    void identicalRetryCompletesTheRecordedDecisionAndAResendIsADuplicate() {
        String id = freshId();
        String body = designClue(id);
        JsonNode first = read(submit(SAMR, SAMR, body));

        HttpResponse<String> retry = submit(SAMR, SAMR, body);

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(read(retry).path("messageId").asString()).isEqualTo(first.path("messageId").asString());

        HttpResponse<String> resend = submit(SAMR, SAMR, body.replace("inflates view counts", "inflates views"));
        assertThat(resend.statusCode()).isEqualTo(200);
        assertThat(read(resend).path("payload").path("duplicate").asBoolean()).isTrue();
        assertThat(read(resend).path("payload").path("archiveSeq").asLong())
                .isEqualTo(first.path("payload").path("archiveSeq").asLong());

        inboxItem(CAC, "messageId", id);
        assertThat(inbox(CAC).stream().filter(i -> id.equals(i.path("messageId").asString()))).hasSize(1);
    }

    @Test
    void aBatchIsAnsweredWithAReceiptPerRowAndItsIdenticalRetryWithTheSameReceipts() {
        String[] ids = {freshId(), freshId(), freshId()};
        String batch = HubTestSupport.staBatch(ids);
        byte[] csv = batch.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of(ApiHeaders.FORMAT, "sta-csv",
                ApiHeaders.SIGNATURE, HubTestSupport.sign(DATA, STA, batch));

        HttpResponse<String> first = api.post("/api/v1/messages", "system." + STA, "text/csv", csv, headers);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        List<JsonNode> receipts = new ArrayList<>();
        read(first).path("receipts").forEach(receipts::add);
        assertThat(receipts).extracting(r -> r.path("payload").path("originalMessageId").asString())
                .containsExactly(ids);
        assertThat(receipts).allSatisfy(r -> assertThat(r.path("payload").path("status").asString())
                .isEqualTo("accepted"));

        HttpResponse<String> retry = api.post("/api/v1/messages", "system." + STA, "text/csv", csv, headers);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        List<String> again = new ArrayList<>();
        read(retry).path("receipts").forEach(r -> again.add(r.path("messageId").asString()));
        assertThat(again).as("the recorded decisions' receipts, not new ones")
                .containsExactlyElementsOf(receipts.stream().map(r -> r.path("messageId").asString()).toList());
    }

    @Test
    void invalidMessageIsRejectedAsAProblemWithItsIssues() {
        String id = freshId();
        ObjectNode clue = (ObjectNode) json.readTree(designClue(id));
        clue.withObject("/payload").remove("summary");
        String body = json.writeValueAsString(clue);

        HttpResponse<String> response = submit(SAMR, SAMR, body);

        JsonNode problem = read(response);
        assertProblem(response, 422, problem);
        assertThat(problem.path("type").asString()).isEqualTo("urn:cluehub:problem:message-rejected");
        assertThat(problem.path("archiveSeq").asLong()).isPositive();
        assertThat(problem.path("messageId").asString()).isEqualTo(id);
        JsonNode issue = problem.path("issues").get(0);
        assertThat(issue.path("severity").asString()).isEqualTo("error");
        assertThat(issue.path("code").asString()).startsWith("SCHEMA_");
        assertThat(issue.path("diagnostics").asString()).contains("summary");
        // The rejected receipt went to the inbox as well, and is readable as the message's receipt.
        assertThat(inboxItem(SAMR, "inReplyTo", id).path("receiptStatus").asString()).isEqualTo("rejected");
        assertThat(read(api.get("/api/v1/receipts/" + id, SAMR)).path("payload").path("status").asString())
                .isEqualTo("rejected");
    }

    @Test
    void unsignedMessageIsRejected() {
        HttpResponse<String> response = api.post("/api/v1/messages", SAMR, designClue(freshId()));

        JsonNode problem = read(response);
        assertProblem(response, 422, problem);
        assertThat(problem.path("issues").get(0).path("code").asString()).isEqualTo("SIGNATURE_MISSING");
    }

    @Test
    void senderInTheBodyIsNotTheCallerSoItIsRejected() {
        String body = designClue(freshId()).replace("\"sender\": \"SAMR-330106\"", "\"sender\": \"CAC-330100\"");

        // Signed by SAMR, who calls; the body claims to come from CAC.
        HttpResponse<String> response = submit(SAMR, SAMR, body);

        JsonNode problem = read(response);
        assertProblem(response, 422, problem);
        assertThat(problem.path("issues").get(0).path("code").asString()).isEqualTo("SENDER_MISMATCH");
        assertThat(problem.path("issues").get(0).path("location").asString()).isEqualTo("/sender");
    }

    @Test
    void inboxPagesAndAcknowledgements() {
        for (int i = 0; i < 3; i++) {
            assertThat(submit(SAMR, SAMR, designClue(freshId())).statusCode()).isEqualTo(202);
        }
        List<JsonNode> all = inbox(CAC);
        assertThat(all.size()).isGreaterThanOrEqualTo(3);

        // One at a time: every item once, in the same order.
        List<String> paged = new ArrayList<>();
        String after = "";
        for (int page = 0; page <= all.size(); page++) {
            JsonNode result = read(api.get("/api/v1/inbox?limit=1" + after, CAC));
            result.path("items").forEach(i -> paged.add(i.path("deliveryId").asString()));
            if (result.path("next").isNull() || result.path("next").isMissingNode()) {
                break;
            }
            after = "&after=" + result.path("next").asLong();
        }
        assertThat(paged).containsExactlyElementsOf(all.stream().map(i -> i.path("deliveryId").asString()).toList());

        String first = all.get(0).path("deliveryId").asString();
        assertThat(api.post("/api/v1/inbox/" + first + "/ack", CAC, null).statusCode()).isEqualTo(204);
        assertThat(inbox(CAC)).extracting(i -> i.path("deliveryId").asString()).doesNotContain(first)
                .contains(all.get(1).path("deliveryId").asString());
        HttpResponse<String> again = api.post("/api/v1/inbox/" + first + "/ack", CAC, null);
        assertProblem(again, 404, read(again));
        String second = all.get(1).path("deliveryId").asString();
        assertThat(api.delete("/api/v1/inbox/" + second, CAC).statusCode()).isEqualTo(204);
        assertThat(inbox(CAC)).extracting(i -> i.path("deliveryId").asString()).doesNotContain(second);
    }

    @Test
    void anOfficeCannotReadOrAcknowledgeAnotherOfficesMessages() {
        String id = freshId();
        submit(SAMR, SAMR, designClue(id));
        JsonNode receipt = inboxItem(SAMR, "inReplyTo", id);

        HttpResponse<String> foreignAck = api.post("/api/v1/inbox/" + receipt.path("deliveryId").asString() + "/ack",
                CAC, null);

        assertProblem(foreignAck, 404, read(foreignAck));
        assertThat(inbox(SAMR)).extracting(i -> i.path("deliveryId").asString())
                .contains(receipt.path("deliveryId").asString());
        assertThat(inbox(CAC)).noneMatch(i -> SAMR.equals(i.path("body").path("recipients").path(0).asString())
                && "receipt".equals(i.path("type").asString()));
        HttpResponse<String> foreignReceipt = api.get("/api/v1/receipts/" + id, CAC);
        assertProblem(foreignReceipt, 404, read(foreignReceipt));
    }

    @Test
    void receiptsStayReadableAfterTheirInboxCopyIsAcknowledged() {
        String id = freshId();
        JsonNode answered = read(submit(SAMR_SYSTEM, SAMR, designClue(id)));
        JsonNode inInbox = inboxItem(SAMR, "inReplyTo", id);
        assertThat(api.post("/api/v1/inbox/" + inInbox.path("deliveryId").asString() + "/ack", SAMR, null)
                .statusCode()).isEqualTo(204);

        HttpResponse<String> one = api.get("/api/v1/receipts/" + id, SAMR);

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue(ApiHeaders.HUB_SIGNATURE)).isPresent();
        assertThat(read(one).path("messageId").asString()).isEqualTo(answered.path("messageId").asString());
        Set<String> listed = new HashSet<>();
        JsonNode page = read(api.get("/api/v1/receipts?after=0&limit=100", SAMR));
        page.path("items").forEach(i -> listed.add(i.path("receipt").path("inReplyTo").asString()));
        assertThat(listed).contains(id);
        assertThat(page.path("items").get(0).path("archiveSeq").asLong()).isPositive();
        JsonNode later = read(api.get("/api/v1/receipts?after="
                + answered.path("payload").path("archiveSeq").asLong() + "&limit=100", SAMR));
        later.path("items").forEach(i -> assertThat(i.path("archiveSeq").asLong())
                .isGreaterThan(answered.path("payload").path("archiveSeq").asLong()));
    }

    @Test
    void refusalsAreProblemDocuments() {
        HttpResponse<String> anonymous = api.get("/api/v1/inbox", null);
        assertProblem(anonymous, 401, read(anonymous));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");

        HttpResponse<String> investigator = api.get("/api/v1/inbox", "investigator");
        assertProblem(investigator, 403, read(investigator));

        HttpResponse<String> unknown = api.get("/api/v1/no-such-thing", SAMR);
        assertProblem(unknown, 404, read(unknown));

        HttpResponse<String> wrongMethod = api.get("/api/v1/messages", SAMR);
        assertProblem(wrongMethod, 405, read(wrongMethod));

        HttpResponse<String> wrongType = api.post("/api/v1/messages", SAMR, "image/png", new byte[] {1, 2, 3},
                Map.of());
        assertProblem(wrongType, 415, read(wrongType));

        byte[] big = new byte[20_000];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> tooLarge = api.post("/api/v1/messages", SAMR, "application/json", big, Map.of());
        assertProblem(tooLarge, 413, read(tooLarge));

        HttpResponse<String> badParameter = api.get("/api/v1/inbox?limit=many", SAMR);
        assertProblem(badParameter, 400, read(badParameter));
    }
}
