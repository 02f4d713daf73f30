package io.cluehub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.schemas.validation.IssueCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which messages of a batch wait for the decisions held before them (step {@code settle}): those that can read what a
 * held decision records, and only those. A held decision here records itself in a list; sending is not reached (it
 * sends nothing).
 */
class PendingDecisionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = "SAMR-330106-2026-00042";

    private final PendingDecisions pending = new PendingDecisions(
            new StaticListableBeanFactory().getBeanProvider(ProducerTemplate.class));
    private final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void openBatch() {
        pending.open();
    }

    @AfterEach
    void closeBatch() {
        pending.close();
    }

    private static IntakeContext message(String sender, String json, String... deliveredTo) {
        IntakeContext context = new IntakeContext(Instant.now(), sender, "ID:" + Math.random(),
                json.getBytes(StandardCharsets.UTF_8), null, null);
        context.message(JSON.readTree(json));
        List<Delivery> deliveries = new ArrayList<>();
        for (String office : deliveredTo) {
            deliveries.add(new Delivery(office, office, "explicit", false));
        }
        context.deliveries(deliveries);
        return context;
    }

    private static String transfer(String id, String caseRef) {
        return "{\"messageId\": \"" + id + "\", \"type\": \"clue.transfer\", \"caseRef\": \"" + caseRef + "\"}";
    }

    private Supplier<List<OutboundMessage>> records(String name) {
        return () -> {
            recorded.add(name);
            return List.of();
        };
    }

    private void hold(IntakeContext context, String name) {
        assertThat(pending.hold(context, records(name))).isTrue();
    }

    @Test
    void outsideABatchNothingIsHeld() {
        pending.close();
        assertThat(pending.hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), records("a"))).isFalse();
        assertThat(recorded).isEmpty();
    }

    @Test
    void anotherTransferOfTheSameCaseBySameSenderDoesNotWait() {
        hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), "a");
        pending.settle(message("SAMR-330106", transfer("b", CASE), "CAC-330100"));
        assertThat(recorded).isEmpty();

        pending.flush();
        assertThat(recorded).containsExactly("a");
    }

    @Test
    void aResendOfAHeldMessageIdWaits() {
        hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), "a");
        pending.settle(message("SAMR-330106", transfer("a", CASE), "CAC-330100"));
        assertThat(recorded).containsExactly("a");
    }

    @Test
    void theSameMessageIdFromAnotherOfficeDoesNotWait() {
        hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), "a");
        pending.settle(message("MPS-330100", transfer("a", "MPS-330100-2026-1"), "CAC-330100"));
        assertThat(recorded).isEmpty();
    }

    @Test
    void aForwardByAnOfficeAHeldTransferDeliveredTheCaseToWaits() {
        hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), "a");
        pending.settle(message("CAC-330100", transfer("b", CASE), "MPS-330100"));
        assertThat(recorded).containsExactly("a");
    }

    @Test
    void aTransferOfACaseAHeldMessageOfAnotherTypeIsAboutWaits() {
        hold(message("SAMR-330106", "{\"messageId\": \"c\", \"type\": \"handling.consent\", \"caseRef\": \"" + CASE
                + "\"}"), "consent");
        pending.settle(message("SAMR-330106", transfer("b", CASE), "CAC-330100"));
        assertThat(recorded).containsExactly("consent");
    }

    @Test
    void anythingButATransferWaits() {
        hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), "a");
        pending.settle(message("CAC-330100", "{\"messageId\": \"s\", \"type\": \"info.share\"}"));
        assertThat(recorded).containsExactly("a");
    }

    @Test
    void aTransferAnsweringAnotherMessageWaits() {
        hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), "a");
        pending.settle(message("MPS-330100", "{\"messageId\": \"b\", \"type\": \"clue.transfer\", \"inReplyTo\": \"x\","
                + " \"caseRef\": \"MPS-330100-2026-1\"}", "CAC-330100"));
        assertThat(recorded).containsExactly("a");
    }

    @Test
    void aHeldDecisionAboutNoKnownMessageMakesEveryoneWait() {
        assertThat(pending.hold(null, records("unknown"))).isTrue();
        pending.settle(message("SAMR-330106", transfer("b", CASE), "CAC-330100"));
        assertThat(recorded).containsExactly("unknown");
    }

    @Test
    void aHeldDecisionRefusedWhileRecordedFailsTheBatch() {
        assertThat(pending.hold(message("SAMR-330106", transfer("a", CASE), "CAC-330100"), () -> {
            throw RejectionException.of(IssueCode.HANDLING_FORBIDS_ONWARD, "/caseRef", "refused (simulated)");
        })).isTrue();
        assertThatThrownBy(pending::flush).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HANDLING_FORBIDS_ONWARD").hasCauseInstanceOf(RejectionException.class);
    }
}
