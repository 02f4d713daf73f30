package io.cluehub.consultation;

import static io.cluehub.consultation.Consultations.code;
import static io.cluehub.consultation.Consultations.decision;
import static io.cluehub.consultation.Consultations.delivery;
import static io.cluehub.consultation.Consultations.diagnostics;
import static io.cluehub.consultation.Consultations.opinion;
import static io.cluehub.consultation.Consultations.request;
import static io.cluehub.consultation.Consultations.status;
import static io.cluehub.consultation.Consultations.summaryOf;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.consultation.Consultations.Mailbox;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Consultation sessions through the running hub over JMS: SAMR-330106 convenes CAC-330100, MCT-330100 and MPS-330106
 * (unconnected: its mail goes to MPS-330100, which answers for it). The full flow, the deadline path, every
 * refusal with the session's state in the receipt, and who may read a session over REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsultationFlowTest {

    private static final Path DATA = HubTestSupport.tempDataDir();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("server.port", () -> 0);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
        registry.add("cluehub.workflow.consultation.sweep", () -> "1s");
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    private Mailbox samr;
    private Mailbox cac;
    private Mailbox mct;
    private Mailbox mps;
    private Mailbox mofcom;

    @BeforeEach
    void connect() throws Exception {
        samr = new Mailbox(new Office("SAMR-330106", credentials));
        cac = new Mailbox(new Office("CAC-330100", credentials));
        mct = new Mailbox(new Office("MCT-330100", credentials));
        mps = new Mailbox(new Office("MPS-330100", credentials));
        mofcom = new Mailbox(new Office("MOFCOM-330100", credentials));
    }

    @AfterEach
    void disconnect() throws Exception {
        for (Mailbox office : List.of(samr, cac, mct, mps, mofcom)) {
            office.close();
        }
    }

    private String open(String caseRef, Instant deadline, String... invitees) throws Exception {
        String id = freshId();
        JsonNode receipt = samr.sendForReceipt(request(id, "SAMR-330106", caseRef, deadline, invitees));
        assertThat(status(receipt)).as("request accepted: %s", receipt).isEqualTo("accepted");
        return id;
    }

    private String answer(Mailbox office, String sender, String caseRef, String request, String position)
            throws Exception {
        String id = freshId();
        JsonNode receipt = office.sendForReceipt(opinion(id, sender, caseRef, request, position));
        assertThat(status(receipt)).as("opinion accepted: %s", receipt).isEqualTo("accepted");
        return id;
    }

    private int archived(String messageId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM archive_entry WHERE message_id = ?", Integer.class,
                messageId);
    }

    @Test
    void requestOpinionsSummaryAndDecisionReachEveryParticipant() throws Exception {
        String caseRef = Consultations.caseRef();
        String request = open(caseRef, Instant.now().plusSeconds(600), "CAC-330100", "MPS-330106", "MCT-330100");
        for (Mailbox invitee : List.of(cac, mct, mps)) {
            invitee.expect(delivery("consultation.request", request), "the request reaches every invitee");
        }

        String fromCac = answer(cac, "CAC-330100", caseRef, request, "agree");
        samr.expect(delivery("consultation.opinion", fromCac), "the opinion reaches the convener");
        String fromMps = answer(mps, "MPS-330100", caseRef, request, "disagree");
        assertThat(samr.take(summaryOf(request), 2_000)).as("no summary before the last opinion").isNull();
        String fromMct = answer(mct, "MCT-330100", caseRef, request, "abstain");

        JsonNode summary = samr.expect(summaryOf(request), "the summary reaches the convener");
        assertThat(summary.path("sender").asString()).isEqualTo("CLUEHUB");
        assertThat(summary.at("/payload/completedBecause").asString()).isEqualTo("all-answered");
        assertThat(summary.at("/payload/notAnswered")).isEmpty();
        assertThat(summary.at("/payload/opinions").findValuesAsString("opinionMessageId"))
                .containsExactly(fromCac, fromMps, fromMct);
        assertThat(summary.at("/payload/opinions/1/office").asString()).isEqualTo("MPS-330106");
        assertThat(summary.at("/payload/opinions/1/answeredBy").asString()).isEqualTo("MPS-330100");
        assertThat(summary.at("/payload/opinions/1/position").asString()).isEqualTo("disagree");

        String decided = freshId();
        assertThat(status(samr.sendForReceipt(decision(decided, "SAMR-330106", caseRef, request))))
                .isEqualTo("accepted");
        for (Mailbox invitee : List.of(cac, mct, mps)) {
            invitee.expect(delivery("consultation.decision", decided), "the decision reaches every participant");
        }

        JsonNode session = Consultations.JSON.readTree(get("/api/v1/consultations/" + request, "investigator").body());
        assertThat(session.path("status").asString()).isEqualTo("decided");
        assertThat(session.path("completedBecause").asString()).isEqualTo("all-answered");
        assertThat(session.path("decisionMessageId").asString()).isEqualTo(decided);
        assertThat(session.path("summaryMessageId").asString()).isEqualTo(summary.path("messageId").asString());
        assertThat(session.at("/invitees/1/deliveredTo").asString()).isEqualTo("MPS-330100");
        assertThat(session.at("/invitees/1/opinionMessageId").asString()).isEqualTo(fromMps);
        assertThat(archived(summary.path("messageId").asString())).as("one summary archived").isEqualTo(1);
    }

    @Test
    void aPassedDeadlineCompletesTheSessionOnceAndNamesWhoDidNotAnswer() throws Exception {
        String caseRef = Consultations.caseRef();
        Instant deadline = Instant.now().plusSeconds(5);
        String request = open(caseRef, deadline, "CAC-330100", "MCT-330100");
        String fromCac = answer(cac, "CAC-330100", caseRef, request, "agree");

        JsonNode summary = samr.expect(summaryOf(request), "the summary after the deadline");
        assertThat(Instant.parse(summary.path("sentAt").asString())).isAfterOrEqualTo(deadline);
        assertThat(summary.at("/payload/completedBecause").asString()).isEqualTo("deadline-passed");
        assertThat(summary.at("/payload/notAnswered/0").asString()).isEqualTo("MCT-330100");
        assertThat(summary.at("/payload/opinions/0/opinionMessageId").asString()).isEqualTo(fromCac);

        JsonNode late = mct.sendForReceipt(opinion(freshId(), "MCT-330100", caseRef, request, "agree"));
        assertThat(code(late)).isEqualTo("CONSULTATION_COMPLETED");
        assertThat(diagnostics(late)).contains("completed (deadline-passed)");

        // Several sweeps later: still the one summary.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> archived(summary.path("messageId").asString()) == 1);
        assertThat(samr.count(summaryOf(request), 1_000)).as("no second summary").isZero();
    }

    @Test
    void everyRefusalNamesTheSessionsState() throws Exception {
        String caseRef = Consultations.caseRef();
        String request = open(caseRef, Instant.now().plusSeconds(600), "CAC-330100", "MPS-330106", "MCT-330100");

        JsonNode stranger = mofcom.sendForReceipt(opinion(freshId(), "MOFCOM-330100", caseRef, request, "agree"));
        assertThat(code(stranger)).isEqualTo("CONSULTATION_NOT_INVITED");
        assertThat(diagnostics(stranger)).contains("is open until", "0 of 3 invitees answered");

        answer(cac, "CAC-330100", caseRef, request, "agree");
        JsonNode again = cac.sendForReceipt(opinion(freshId(), "CAC-330100", caseRef, request, "disagree"));
        assertThat(code(again)).isEqualTo("CONSULTATION_ALREADY_ANSWERED");
        assertThat(diagnostics(again)).contains("1 of 3 invitees answered");

        JsonNode notConvener = cac.sendForReceipt(decision(freshId(), "CAC-330100", caseRef, request));
        assertThat(code(notConvener)).isEqualTo("CONSULTATION_NOT_CONVENER");
        assertThat(diagnostics(notConvener)).contains("Only SAMR-330106", "is open until");

        JsonNode taken = cac.sendForReceipt(request(request, "CAC-330100", "CAC-330100-2026-9", Instant.now()
                .plusSeconds(600), "MCT-330100"));
        assertThat(code(taken)).isEqualTo("CONSULTATION_ID_TAKEN");

        // The convener decides before every invitee answered: the session closes with them recorded as not answering.
        String early = freshId();
        assertThat(status(samr.sendForReceipt(decision(early, "SAMR-330106", caseRef, request))))
                .isEqualTo("accepted");
        JsonNode late = mct.sendForReceipt(opinion(freshId(), "MCT-330100", caseRef, request, "agree"));
        assertThat(code(late)).isEqualTo("CONSULTATION_COMPLETED");
        assertThat(diagnostics(late)).contains("decided by " + early);
        JsonNode twice = samr.sendForReceipt(decision(freshId(), "SAMR-330106", caseRef, request));
        assertThat(code(twice)).isEqualTo("CONSULTATION_CLOSED");
        assertThat(diagnostics(twice)).contains("decided by " + early, "1 of 3 invitees answered");

        JsonNode session = Consultations.JSON.readTree(get("/api/v1/consultations/" + request, "SAMR-330106").body());
        assertThat(session.path("status").asString()).isEqualTo("decided");
        assertThat(session.path("completedBecause").isNull()).isTrue();
        assertThat(session.at("/invitees/2/answered").asBoolean()).isFalse();
        assertThat(samr.take(summaryOf(request), 2_000)).as("no summary for a session decided early").isNull();

        // A request accepted before the hub kept sessions (its row is gone): replies to it name no session.
        String old = open(caseRef, Instant.now().plusSeconds(600), "CAC-330100");
        jdbc.update("DELETE FROM consultation_invitee WHERE consultation_id = ?", old);
        jdbc.update("DELETE FROM consultation WHERE id = ?", old);
        JsonNode unknown = cac.sendForReceipt(opinion(freshId(), "CAC-330100", caseRef, old, "agree"));
        assertThat(code(unknown)).isEqualTo("CONSULTATION_UNKNOWN");
        assertThat(unknown.at("/payload/outcome/issues/0/location").asString()).isEqualTo("/inReplyTo");
    }

    @Test
    void aSessionIsReadByOverseersAndItsPartiesOnly() throws Exception {
        String caseRef = Consultations.caseRef();
        String request = open(caseRef, Instant.now().plusSeconds(600), "CAC-330100", "MPS-330106");
        String path = "/api/v1/consultations/" + request;

        for (String reader : List.of("investigator", "auditor", "operator", "SAMR-330106", "CAC-330100",
                "MPS-330100")) {
            HttpResponse<String> response = get(path, reader);
            assertThat(response.statusCode()).as(reader).isEqualTo(200);
            JsonNode session = Consultations.JSON.readTree(response.body());
            assertThat(session.path("id").asString()).isEqualTo(request);
            assertThat(session.path("convener").asString()).isEqualTo("SAMR-330106");
            assertThat(session.path("caseRef").asString()).isEqualTo(caseRef);
            assertThat(session.path("status").asString()).isEqualTo("open");
            assertThat(session.at("/invitees/1/office").asString()).isEqualTo("MPS-330106");
            assertThat(session.at("/invitees/1/deliveredTo").asString()).isEqualTo("MPS-330100");
            assertThat(session.at("/invitees/1/answered").asBoolean()).isFalse();
        }
        assertThat(get(path, "MOFCOM-330100").statusCode()).as("not a party").isEqualTo(404);
        assertThat(get("/api/v1/consultations/" + freshId(), "investigator").statusCode()).isEqualTo(404);
        assertThat(get(path, null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String user) {
        return HubTestSupport.restGet(port, credentials, path, user);
    }
}
