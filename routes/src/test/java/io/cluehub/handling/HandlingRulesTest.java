package io.cluehub.handling;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.List;
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

/**
 * Handling codes enforced: SAMR-330106 originates cases and sends them to CAC-330100, which tries to forward them to
 * MPS-330100 (same caseRef). {@code forbidden} never goes onward; {@code originator-consent} goes only where the
 * originator's {@code handling.consent} says; back to the originator is always allowed.
 */
@SpringBootTest
@DirtiesContext
class HandlingRulesTest {

    private static final Path DATA = HubTestSupport.tempDataDir();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("server.port", () -> 0);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;

    private Office samr;
    private Office cac;
    private Office mct;

    @BeforeEach
    void connect() throws Exception {
        samr = new Office("SAMR-330106", credentials);
        cac = new Office("CAC-330100", credentials);
        mct = new Office("MCT-330100", credentials);
    }

    @AfterEach
    void disconnect() throws Exception {
        for (Office office : List.of(samr, cac, mct)) {
            office.close();
        }
    }

    private static String clue(String id, String sender, String caseRef, String onward, String recipient) {
        return designClue(id).replace("\"sender\": \"SAMR-330106\"", "\"sender\": \"" + sender + "\"")
                .replace("SAMR-330106-2026-00042", caseRef)
                .replace("\"onwardSharing\": \"originator-consent\"", "\"onwardSharing\": \"" + onward + "\"")
                .replace("[\"CAC-330100\"]", "[\"" + recipient + "\"]");
    }

    private JsonNode answer(Office office, String id) throws JMSException {
        Message receipt = office.receive(15_000, m -> id.equals(property(m, "ClueHubInReplyTo")));
        assertThat(receipt).as("receipt for %s", id).isNotNull();
        return json.readTree(((TextMessage) receipt).getText());
    }


    private static String status(JsonNode receipt) {
        return receipt.at("/payload/status").asString();
    }

    private static String code(JsonNode receipt) {
        return receipt.at("/payload/outcome/issues/0/code").asString();
    }

    private String send(Office office, String body) throws JMSException {
        office.send(body);
        return json.readTree(body).path("messageId").asString();
    }

    @Test
    void aForbiddenClueIsNotForwardedButMayGoBackToItsOriginator() throws Exception {
        String caseRef = "SAMR-330106-2026-" + (1000 + (int) (Math.random() * 8000));
        String original = send(samr, clue(freshId(), "SAMR-330106", caseRef, "forbidden", "CAC-330100"));
        assertThat(status(answer(samr, original))).isEqualTo("accepted");

        String onward = send(cac, clue(freshId(), "CAC-330100", caseRef, "allowed", "MPS-330100"));
        JsonNode refused = answer(cac, onward);
        assertThat(status(refused)).isEqualTo("rejected");
        assertThat(code(refused)).isEqualTo("HANDLING_FORBIDS_ONWARD");
        assertThat(refused.at("/payload/outcome/issues/0/location").asString()).isEqualTo("/caseRef");

        String back = send(cac, clue(freshId(), "CAC-330100", caseRef, "allowed", "SAMR-330106"));
        assertThat(status(answer(cac, back))).isEqualTo("accepted");
    }

    @Test
    void anOriginatorConsentClueGoesOnwardOnlyWhereTheOriginatorConsented() throws Exception {
        String caseRef = "SAMR-330106-2026-" + (1000 + (int) (Math.random() * 8000)) + "C";
        String original = send(samr, clue(freshId(), "SAMR-330106", caseRef, "originator-consent", "CAC-330100"));
        assertThat(status(answer(samr, original))).isEqualTo("accepted");

        String early = send(cac, clue(freshId(), "CAC-330100", caseRef, "originator-consent", "MPS-330100"));
        assertThat(code(answer(cac, early))).isEqualTo("HANDLING_FORBIDS_ONWARD");

        String forged = send(mct, consent(freshId(), "MCT-330100", caseRef, original));
        assertThat(code(answer(mct, forged))).isEqualTo("CONSENT_NOT_ORIGINATOR");

        String consent = send(samr, consent(freshId(), "SAMR-330106", caseRef, original));
        assertThat(status(answer(samr, consent))).isEqualTo("accepted");
        Message delivered = cac.receive(15_000, m -> "handling.consent".equals(property(m, "ClueHubType")));
        assertThat(delivered).as("the consent reaches the grantee").isNotNull();

        String allowed = send(cac, clue(freshId(), "CAC-330100", caseRef, "originator-consent", "MPS-330100"));
        assertThat(status(answer(cac, allowed))).isEqualTo("accepted");
        String elsewhere = send(cac, clue(freshId(), "CAC-330100", caseRef, "originator-consent", "MCT-330100"));
        assertThat(code(answer(cac, elsewhere))).isEqualTo("HANDLING_FORBIDS_ONWARD");
    }

    private static String consent(String id, String sender, String caseRef, String original) {
        return """
                {"messageId": "%s", "type": "handling.consent", "schemaVersion": "1.0", "sender": "%s",
                 "recipients": ["CAC-330100"], "caseRef": "%s", "inReplyTo": "%s",
                 "sentAt": "2026-11-23T09:30:00+08:00",
                 "handling": {"classification": "internal", "onwardSharing": "forbidden"},
                 "payload": {"grantedTo": "CAC-330100", "forwardTo": ["MPS-330100"]}}
                """.formatted(id, sender, caseRef, original);
    }
}
