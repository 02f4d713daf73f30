package io.cluehub.disposition;

import static io.cluehub.disposition.Clues.body;
import static io.cluehub.disposition.Clues.clue;
import static io.cluehub.disposition.Clues.delivery;
import static io.cluehub.disposition.Clues.freshCase;
import static io.cluehub.disposition.Clues.receiptFor;
import static io.cluehub.disposition.Clues.reminder;
import static io.cluehub.disposition.Clues.status;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clue disposition through the running hub over JMS: SAMR-330106 sends clues, recipients report their disposition
 * with clue.status messages that name no recipients, the originator receives each; impossible moves, strangers and
 * forbidden referrals are rejected with their codes; a referral delivers the clue to the referred office and tracks it;
 * a clue to MCT (deadlines of seconds for that department) is reminded of once per deadline; the timeline endpoint
 * shows it all to the parties and overseers only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ClueDispositionTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final long WAIT = 20_000;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
        registry.add("cluehub.workflow.disposition.check-interval", () -> "PT1S");
        registry.add("cluehub.workflow.disposition.deadlines[0].department", () -> "MCT");
        registry.add("cluehub.workflow.disposition.deadlines[0].acknowledge-within", () -> "PT2S");
        registry.add("cluehub.workflow.disposition.deadlines[0].decide-within", () -> "PT4S");
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Value("${local.server.port}")
    int port;

    private final List<Clues.Inbox> inboxes = new ArrayList<>();
    private Clues.Inbox samr;
    private Clues.Inbox cac;
    private Clues.Inbox mct;

    private Clues.Inbox open(String office) throws JMSException {
        Clues.Inbox inbox = new Clues.Inbox(office, new Office(office, credentials));
        inboxes.add(inbox);
        return inbox;
    }

    @BeforeEach
    void connect() throws Exception {
        samr = open("SAMR-330106");
        cac = open("CAC-330100");
        mct = open("MCT-330100");
    }

    @AfterEach
    void disconnect() throws Exception {
        for (Clues.Inbox inbox : inboxes) {
            inbox.close();
        }
    }

    private JsonNode receipt(Clues.Inbox inbox, String messageId) throws JMSException {
        Message receipt = inbox.await(WAIT, receiptFor(messageId));
        assertThat(receipt).as("receipt for %s", messageId).isNotNull();
        return body(receipt);
    }

    private String sendClue(String caseRef, String recipient, String onward) throws JMSException {
        String id = freshId();
        samr.send(clue(id, caseRef, recipient, onward));
        assertThat(receipt(samr, id).at("/payload/status").asString()).isEqualTo("accepted");
        return id;
    }

    /** Sends a status and returns its receipt. */
    private JsonNode report(Clues.Inbox from, String caseRef, String clueId, String disposition, String extra)
            throws JMSException {
        String id = freshId();
        from.send(status(id, from.officeId, caseRef, clueId, disposition, extra));
        JsonNode receipt = receipt(from, id);
        if ("accepted".equals(receipt.at("/payload/status").asString())) {
            Message relayed = samr.await(WAIT, delivery("clue.status", id));
            assertThat(relayed).as("the originator receives the %s status", disposition).isNotNull();
            assertThat(body(relayed).at("/payload/disposition").asString()).isEqualTo(disposition);
        }
        return receipt;
    }


    /** Asserts a rejected receipt whose first issue has this code and location; returns that issue. */
    private static JsonNode rejected(JsonNode receipt, String code, String location) {
        assertThat(receipt.at("/payload/status").asString()).isEqualTo("rejected");
        JsonNode issue = receipt.at("/payload/outcome/issues/0");
        assertThat(issue.path("code").asString()).isEqualTo(code);
        assertThat(issue.path("location").asString()).isEqualTo(location);
        return issue;
    }

    @Test
    void aClueGoesFromDeliveredToConcludedAndTheOriginatorReceivesEachStatus() throws Exception {
        String caseRef = freshCase();
        String clueId = sendClue(caseRef, "CAC-330100", "originator-consent");
        assertThat(cac.await(WAIT, delivery("clue.transfer", clueId))).isNotNull();

        for (String disposition : List.of("received", "accepted", "investigating")) {
            JsonNode receipt = report(cac, caseRef, clueId, disposition, null);
            assertThat(receipt.at("/payload/status").asString()).as(disposition).isEqualTo("accepted");
            assertThat(receipt.at("/payload/routing/deliveries/0/deliveredTo").asString()).isEqualTo("SAMR-330106");
        }
        assertThat(report(cac, caseRef, clueId, "concluded", Clues.CONCLUSION).at("/payload/status").asString())
                .isEqualTo("accepted");

        JsonNode timeline = json.readTree(get("/api/v1/clues/" + clueId, "SAMR-330106").body());
        JsonNode at = timeline.at("/recipients/0");
        assertThat(at.path("recipient").asString()).isEqualTo("CAC-330100");
        assertThat(at.path("state").asString()).isEqualTo("concluded");
        assertThat(at.path("overdue").asBoolean()).isFalse();
        List<String> states = new ArrayList<>();
        at.path("timeline").forEach(step -> states.add(step.path("state").asString()));
        assertThat(states).containsExactly("delivered", "received", "accepted", "investigating", "concluded");
        assertThat(at.at("/timeline/4/result/outcome").asString()).isEqualTo("administrative-penalty");
        assertThat(at.path("acknowledgedAt").isString()).isTrue();
        assertThat(at.path("decidedAt").isString()).isTrue();
    }

    @Test
    void anImpossibleTransitionIsRejectedWithTheCurrentState() throws Exception {
        String caseRef = freshCase();
        String clueId = sendClue(caseRef, "CAC-330100", "originator-consent");

        JsonNode early = rejected(report(cac, caseRef, clueId, "investigating", null), "STATUS_TRANSITION_INVALID",
                "/payload/disposition");
        assertThat(early.path("diagnostics").asString()).contains("'delivered'").contains("accepted");

        // Deciding straight from delivered is allowed: a decision shows the clue was received.
        assertThat(report(cac, caseRef, clueId, "declined", "\"reason\": \"Not within our competence\"")
                .at("/payload/status").asString()).isEqualTo("accepted");
        JsonNode late = rejected(report(cac, caseRef, clueId, "accepted", null), "STATUS_TRANSITION_INVALID",
                "/payload/disposition");
        assertThat(late.path("diagnostics").asString()).contains("'declined'").contains("final");

        JsonNode timeline = json.readTree(get("/api/v1/clues/" + clueId, "CAC-330100").body());
        assertThat(timeline.at("/recipients/0/timeline/1/reason").asString()).isEqualTo("Not within our competence");
    }

    @Test
    void aStatusFromAnOfficeThatDidNotReceiveTheClueIsRejected() throws Exception {
        String caseRef = freshCase();
        String clueId = sendClue(caseRef, "CAC-330100", "originator-consent");
        rejected(report(mct, caseRef, clueId, "received", null), "CLUE_UNKNOWN", "/inReplyTo");
    }

    @Test
    void aReferralDeliversTheClueToTheReferredOfficeAndTracksIt() throws Exception {
        Clues.Inbox mps = open("MPS-330100");
        String caseRef = freshCase();
        String clueId = sendClue(caseRef, "CAC-330100", "allowed");

        // MPS-330106 is not connected: its copy goes to MPS-330100, which then answers for it.
        JsonNode referred = report(cac, caseRef, clueId, "referred", "\"referredTo\": \"MPS-330106\"");
        assertThat(referred.at("/payload/status").asString()).isEqualTo("accepted");
        Message copy = mps.await(WAIT, delivery("clue.transfer", clueId));
        assertThat(copy).as("the referred office's connected ancestor receives the clue").isNotNull();
        assertThat(property(copy, "ClueHubSender")).isEqualTo("SAMR-330106");
        assertThat(property(copy, "ClueHubHubSignature")).isNotBlank();
        assertThat(body(copy).path("messageId").asString()).isEqualTo(clueId);

        String received = freshId();
        mps.send(status(received, "MPS-330100", caseRef, clueId, "received", null));
        assertThat(receipt(mps, received).at("/payload/status").asString()).isEqualTo("accepted");
        assertThat(samr.await(WAIT, delivery("clue.status", received))).as("originator told").isNotNull();
        assertThat(cac.await(WAIT, delivery("clue.status", received))).as("referrer told").isNotNull();

        JsonNode timeline = json.readTree(get("/api/v1/clues/" + clueId, "MPS-330100").body());
        assertThat(timeline.at("/recipients/0/state").asString()).isEqualTo("referred");
        assertThat(timeline.at("/recipients/0/timeline/1/referredTo").asString()).isEqualTo("MPS-330106");
        JsonNode onward = timeline.at("/recipients/1");
        assertThat(onward.path("recipient").asString()).isEqualTo("MPS-330106");
        assertThat(onward.path("deliveredTo").asString()).isEqualTo("MPS-330100");
        assertThat(onward.path("referredFrom").asString()).isEqualTo("CAC-330100");
        assertThat(onward.path("state").asString()).isEqualTo("received");

        // A second referral to an office that has the clue, and one of a forbidden case, are refused.
        String forbiddenCase = freshCase();
        String forbidden = sendClue(forbiddenCase, "CAC-330100", "forbidden");
        rejected(report(cac, forbiddenCase, forbidden, "referred", "\"referredTo\": \"MPS-330100\""),
                "HANDLING_FORBIDS_ONWARD", "/payload/referredTo");
        rejected(report(mps, caseRef, clueId, "referred", "\"referredTo\": \"CAC-330100\""), "REFERRAL_REFUSED",
                "/payload/referredTo");
    }

    @Test
    void anOverdueClueIsRemindedOncePerDeadline() throws Exception {
        Clues.Inbox parent = open("MCT-330000");
        String caseRef = freshCase();
        String clueId = sendClue(caseRef, "MCT-330100", "originator-consent");

        Message reminded = mct.await(WAIT, reminder(clueId, "reminder", "acknowledge"));
        assertThat(reminded).as("the recipient is reminded").isNotNull();
        JsonNode payload = body(reminded).path("payload");
        assertThat(body(reminded).path("sender").asString()).isEqualTo("CLUEHUB");
        assertThat(payload.at("/clue/messageId").asString()).isEqualTo(clueId);
        assertThat(payload.at("/clue/sender").asString()).isEqualTo("SAMR-330106");
        assertThat(payload.path("recipient").asString()).isEqualTo("MCT-330100");
        assertThat(payload.path("state").asString()).isEqualTo("delivered");
        assertThat(samr.await(WAIT, reminder(clueId, "notice", "acknowledge"))).as("originator told").isNotNull();
        assertThat(parent.await(WAIT, reminder(clueId, "notice", "acknowledge"))).as("parent told").isNotNull();

        JsonNode timeline = json.readTree(get("/api/v1/clues/" + clueId, "investigator").body());
        assertThat(timeline.at("/recipients/0/overdue").asBoolean()).isTrue();
        assertThat(timeline.at("/recipients/0/overdueDeadlines/0").asString()).isEqualTo("acknowledge");

        // Several sweeps later: one reminder and one notice per deadline, never more.
        assertThat(mct.await(WAIT, reminder(clueId, "reminder", "decide"))).isNotNull();
        assertThat(mct.all(4_000, reminder(clueId, "reminder", "acknowledge"))).hasSize(1);
        assertThat(mct.all(0, reminder(clueId, "reminder", "decide"))).hasSize(1);
        assertThat(samr.all(1_000, reminder(clueId, "notice", "acknowledge"))).hasSize(1);
        assertThat(parent.all(1_000, reminder(clueId, "notice", "decide"))).hasSize(1);
    }

    @Test
    void theTimelineIsReadableByItsPartiesAndOverseersOnly() throws Exception {
        String clueId = sendClue(freshCase(), "CAC-330100", "originator-consent");
        assertThat(get("/api/v1/clues/" + clueId, "SAMR-330106").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/clues/" + clueId, "CAC-330100").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/clues/" + clueId, "investigator").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/clues/" + clueId, "auditor").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/clues/" + clueId, "MCT-330100").statusCode()).as("not a party").isEqualTo(404);
        assertThat(get("/api/v1/clues/" + freshId(), "investigator").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/clues/" + clueId, null).statusCode()).isEqualTo(401);
        JsonNode timeline = json.readTree(get("/api/v1/clues/" + clueId, "CAC-330100").body());
        assertThat(timeline.path("sender").asString()).isEqualTo("SAMR-330106");
        assertThat(timeline.at("/recipients/0/state").asString()).isEqualTo("delivered");
        assertThat(timeline.at("/recipients/0/acknowledgeDue").asString()).isNotBlank();
        assertThat(timeline.at("/recipients/0/timeline/0/messageId").asString()).isEqualTo(clueId);
    }

    private HttpResponse<String> get(String path, String user) {
        return HubTestSupport.restGet(port, credentials, path, user);
    }
}
