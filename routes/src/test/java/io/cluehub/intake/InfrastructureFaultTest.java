package io.cluehub.intake;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database fault is not a rejection: the broker transaction rolls back, the broker redelivers, and the message is
 * delivered exactly once when the fault clears.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class InfrastructureFaultTest {

    private static final Path DATA = HubTestSupport.tempDataDir();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.broker.redelivery-delay", () -> "100ms");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    CredentialFile credentials;
    @Autowired
    ArchiveStore archive;

    @Test
    void databaseFaultRollsBackAndTheBrokerRedelivers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AdviceWith.adviceWith(camel, "dispatch", route -> route.weaveById("archive-decision").before()
                .process(exchange -> {
                    if (attempts.incrementAndGet() <= 2) {
                        throw new DataAccessResourceFailureException("database unreachable (simulated)");
                    }
                }));
        String id = freshId();

        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            samr.send(designClue(id));

            Message delivered = cac.receive(15_000);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getStringProperty("ClueHubMessageId")).isEqualTo(id);
            assertThat(samr.receive(10_000).getStringProperty("ClueHubReceiptStatus")).isEqualTo("accepted");
            assertThat(cac.receive(300)).isNull();
        }
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(archive.findByMessage("SAMR-330106", id, 10)).extracting(ArchiveEntry::status)
                .containsExactly("accepted");
    }

    @Test
    void failureBetweenDatabaseAndBrokerCommitsSendsTheRecordedDecisionOnce() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        String id = freshId();
        // The decision is archived and committed in the database; then the broker transaction fails once.
        AdviceWith.adviceWith(camel, "send", route -> route.weaveById("deliver").before()
                .process(exchange -> {
                    String body = exchange.getMessage().getBody(String.class);
                    if (body != null && body.contains(id) && failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("send failed after the database commit (simulated)");
                    }
                }));

        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            samr.send(designClue(id));

            Message delivered = cac.receive(15_000);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getStringProperty("ClueHubMessageId")).isEqualTo(id);
            // Exactly once by the broker transaction alone: the delivery carries no duplicate-detection id.
            assertThat(delivered.getStringProperty("_AMQ_DUPL_ID")).isNull();
            Message receipt = samr.receive(10_000);
            assertThat(receipt.getStringProperty("ClueHubReceiptStatus")).isEqualTo("accepted");
            assertThat(cac.receive(300)).isNull();
            assertThat(samr.receive(300)).isNull();
        }
        assertThat(failures.get()).isGreaterThanOrEqualTo(1);
        // One decision, archived once: the redelivery completed it instead of deciding again.
        assertThat(archive.findByMessage("SAMR-330106", id, 10)).extracting(ArchiveEntry::status)
                .containsExactly("accepted");
    }

    @Test
    void aFailureAfterTheFirstSendLeavesNothingHalfSent() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        String id = freshId();
        // The delivery has been handed to the broker; then the receipt fails. Both must roll back together.
        AdviceWith.adviceWith(camel, "send", route -> route.weaveById("deliver").before()
                .process(exchange -> {
                    String type = exchange.getMessage().getHeader("ClueHubType", String.class);
                    String inReplyTo = exchange.getMessage().getHeader("ClueHubInReplyTo", String.class);
                    if ("receipt".equals(type) && id.equals(inReplyTo) && failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("receipt send failed (simulated)");
                    }
                }));

        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            samr.send(designClue(id));

            Message delivered = cac.receive(15_000);
            assertThat(delivered).isNotNull();
            assertThat(delivered.getStringProperty("ClueHubMessageId")).isEqualTo(id);
            assertThat(samr.receive(10_000).getStringProperty("ClueHubReceiptStatus")).isEqualTo("accepted");
            assertThat(cac.receive(1_000)).as("a second copy of the delivery").isNull();
        }
        // The receipt step ran twice: it failed once, then the redelivery completed the decision.
        assertThat(failures.get()).isEqualTo(2);
    }
}
