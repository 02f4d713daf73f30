package io.cluehub.intake;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.ChainVerifier;
import io.cluehub.broker.EmbeddedBrokerConfiguration;
import io.cluehub.broker.HubBrokerCredentials;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Group commit on the real broker and H2: a backlog is decided in batches, each message exactly once, in one unbroken
 * chain; a message that fails inside a batch takes the batch's transactions down with it, then fails alone on
 * redelivery and is dead-lettered, while the rest of its batch is delivered exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class IntakeBatchTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final int BACKLOG = 60;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", () -> DATA.resolve(freshId()).toString());
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.broker.redelivery-delay", () -> "100ms");
        registry.add("cluehub.intake.consumers", () -> "1");
        registry.add("cluehub.intake.batch-size", () -> "16");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    CredentialFile credentials;
    @Autowired
    ArchiveStore archive;
    @Autowired
    IntakeConsumers consumers;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ChainVerifier chain;
    @Autowired
    HubBrokerCredentials hubAccount;
    @Autowired
    JsonMapper json;


    @Test
    void aBacklogIsDecidedInBatchesEachMessageExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            consumers.stop();
            for (int i = 0; i < BACKLOG; i++) {
                String id = freshId();
                ids.add(id);
                samr.send(designClue(id));
            }
            consumers.start();

            assertThat(drain(cac, BACKLOG)).containsExactlyInAnyOrderElementsOf(ids);
            List<Message> receipts = receiveAll(samr, BACKLOG);
            assertThat(receipts).extracting(m -> m.getStringProperty("ClueHubReceiptStatus")).containsOnly("accepted");
            assertThat(receipts).extracting(m -> m.getStringProperty("ClueHubInReplyTo"))
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(cac.receive(500)).as("a second copy of a delivery").isNull();
            assertThat(samr.receive(100)).as("a second receipt").isNull();
        }
        for (String id : ids) {
            assertThat(archive.findByMessage("SAMR-330106", id, 10)).extracting(ArchiveEntry::status)
                    .containsExactly("accepted");
        }
        assertThat(chain.verify().valid()).as("the chain after batched appends").isTrue();
        var batches = meters.get("cluehub.intake.batch").summary();
        assertThat(batches.totalAmount()).isEqualTo(BACKLOG);
        assertThat(batches.max()).as("the largest batch").isGreaterThan(1);
        assertThat(batches.count()).as("commits for %d messages", BACKLOG).isLessThan(BACKLOG);
    }

    /**
     * A body over Artemis's large-message threshold (100 KiB) streams from the broker, and the client drops what was
     * not read once the consumer receives again: a batch must end with it. Here one in the middle of a backlog, 300 KiB
     * of nesting the parser refuses, is answered with the SHA-256 of every byte sent, and the rest is delivered. The
     * backlog also holds a message signed over other bytes, rejected inside its batch with its own code.
     */
    @Test
    void aLargeMessageInABacklogIsReadWhole() throws Exception {
        byte[] nested = ("[".repeat(150_000) + "]".repeat(150_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String nestedSha256 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(nested));
        List<String> ids = new ArrayList<>();
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            consumers.stop();
            String forged = freshId();
            for (int i = 0; i < 20; i++) {
                if (i == 10) {
                    samr.sendBytes(nested);
                }
                if (i == 5) {
                    samr.send(designClue(forged), java.util.Map.of("ClueHubSignature",
                            samr.sign(designClue(freshId()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                }
                String id = freshId();
                ids.add(id);
                samr.send(designClue(id));
            }
            consumers.start();

            assertThat(drain(cac, ids.size())).containsExactlyInAnyOrderElementsOf(ids);
            List<Message> receipts = receiveAll(samr, ids.size() + 2);
            List<String> refusals = new ArrayList<>();
            for (Message m : receipts) {
                if ("rejected".equals(HubTestSupport.property(m, "ClueHubReceiptStatus"))) {
                    refusals.add(m.getBody(String.class));
                }
            }
            assertThat(refusals).hasSize(2);
            assertThat(refusals).anySatisfy(r -> assertThat(r).contains(nestedSha256).contains("JSON_"));
            String forgedSha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(designClue(forged).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(refusals).anySatisfy(r -> assertThat(r).contains(forgedSha256).contains("SIGNATURE_INVALID"));
        }
        assertThat(meters.get("cluehub.intake.batch").summary().max()).isGreaterThan(1);
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void aMessageFailingInsideABatchFailsAloneAndTheOthersPass() throws Exception {
        String poison = freshId();
        AdviceWith.adviceWith(camel, "dispatch", route -> route.weaveById("archive-decision").before()
                .process(exchange -> {
                    IntakeContext context = exchange.getProperty(IntakeContext.PROPERTY, IntakeContext.class);
                    if (poison.equals(context.messageId())) {
                        throw new IllegalStateException("a fault of the hub's own on this message (simulated)");
                    }
                }));
        List<String> ids = new ArrayList<>();
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            consumers.stop();
            for (int i = 0; i < 20; i++) {
                String id = i == 10 ? poison : freshId();
                if (i != 10) {
                    ids.add(id);
                }
                samr.send(designClue(id));
            }
            consumers.start();

            assertThat(drain(cac, ids.size())).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(receiveAll(samr, ids.size())).extracting(m -> m.getStringProperty("ClueHubInReplyTo"))
                    .containsExactlyInAnyOrderElementsOf(ids);
            List<Message> dead = deadLettered(15_000);
            assertThat(dead).as("dead-lettered: the failing message only").hasSize(1);
            assertThat(dead.get(0).getBody(String.class)).contains(poison);
            assertThat(cac.receive(500)).as("a second copy of a delivery").isNull();
        }
        for (String id : ids) {
            assertThat(archive.findByMessage("SAMR-330106", id, 10)).extracting(ArchiveEntry::status)
                    .containsExactly("accepted");
        }
        assertThat(archive.findByMessage("SAMR-330106", poison, 10)).isEmpty();
        var rollbacks = meters.get("cluehub.intake.rollbacks").summary();
        assertThat(rollbacks.max()).as("the batch the failing message was in").isGreaterThan(1);
        assertThat(rollbacks.count()).as("the batch, then the message alone on each redelivery")
                .isEqualTo(5);
        assertThat(chain.verify().valid()).isTrue();
    }

    /**
     * Messages that depend on each other in one backlog are decided as each would be alone, although a batch holds its
     * decisions back until its end: a status answering a clue of the same batch finds the clue, a resend of a
     * messageId of the batch is a duplicate, and a forward by an office that came to hold the case within the batch is
     * refused by the original's handling code. None of it rolls a batch back.
     */
    @Test
    void dependentMessagesInOneBatchSeeTheDecisionsBeforeThem() throws Exception {
        String caseRef = "SAMR-330106-2026-B" + (1000 + (int) (Math.random() * 8000));
        String clueId = freshId();
        String clue = designClue(clueId).replace("SAMR-330106-2026-00042", caseRef)
                .replace("\"onwardSharing\": \"originator-consent\"", "\"onwardSharing\": \"forbidden\"");
        String statusId = freshId();
        String status = """
                {"messageId": "%s", "type": "clue.status", "schemaVersion": "1.0", "sender": "CAC-330100",
                 "caseRef": "%s", "inReplyTo": "%s", "sentAt": "2026-11-23T09:30:00+08:00",
                 "handling": {"classification": "sensitive", "onwardSharing": "originator-consent"},
                 "payload": {"disposition": "received"}}
                """.formatted(statusId, caseRef, clueId);
        String forwardId = freshId();
        String forward = designClue(forwardId).replace("SAMR-330106-2026-00042", caseRef)
                .replace("\"sender\": \"SAMR-330106\"", "\"sender\": \"CAC-330100\"")
                .replace("[\"CAC-330100\"]", "[\"MPS-330100\"]");
        try (Office samr = new Office("SAMR-330106", credentials); Office cac = new Office("CAC-330100", credentials)) {
            consumers.stop();
            samr.send(clue);
            for (int i = 0; i < 3; i++) {
                samr.send(designClue(freshId()));
            }
            cac.send(status);
            samr.send(clue);
            cac.send(forward);
            consumers.start();

            JsonNode statusReceipt = receiptFor(cac, statusId);
            assertThat(statusReceipt.at("/payload/status").asString()).as("the status finds its clue").isEqualTo("accepted");
            JsonNode forwardReceipt = receiptFor(cac, forwardId);
            assertThat(forwardReceipt.at("/payload/status").asString()).isEqualTo("rejected");
            assertThat(forwardReceipt.at("/payload/outcome/issues/0/code").asString())
                    .isEqualTo("HANDLING_FORBIDS_ONWARD");
            JsonNode first = receiptFor(samr, clueId);
            JsonNode again = receiptFor(samr, clueId);
            assertThat(first.at("/payload/duplicate").asBoolean()).isFalse();
            assertThat(again.at("/payload/duplicate").asBoolean()).as("the resend").isTrue();
            assertThat(again.at("/payload/archiveSeq").asLong()).isEqualTo(first.at("/payload/archiveSeq").asLong());
        }
        assertThat(archive.findByMessage("SAMR-330106", clueId, 10)).extracting(ArchiveEntry::status)
                .containsExactly("duplicate", "accepted");
        assertThat(meters.find("cluehub.intake.rollbacks").summary()).satisfiesAnyOf(
                summary -> assertThat(summary).isNull(), summary -> assertThat(summary.count()).isZero());
        assertThat(meters.get("cluehub.intake.batch").summary().max()).as("the largest batch").isGreaterThan(1);
        assertThat(chain.verify().valid()).isTrue();
    }

    private JsonNode receiptFor(Office office, String messageId) throws Exception {
        Message receipt = office.receive(30_000, m -> "receipt".equals(HubTestSupport.property(m, "ClueHubType"))
                && messageId.equals(HubTestSupport.property(m, "ClueHubInReplyTo")));
        assertThat(receipt).as("a receipt for %s", messageId).isNotNull();
        return json.readTree(receipt.getBody(String.class));
    }

    /** The messageIds of {@code count} deliveries (waiting up to 30 s in all). */
    private static Set<String> drain(Office office, int count) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Message m : receiveAll(office, count)) {
            assertThat(ids.add(m.getStringProperty("ClueHubMessageId"))).as("delivered once").isTrue();
        }
        return ids;
    }

    private static List<Message> receiveAll(Office office, int count) throws Exception {
        List<Message> messages = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (messages.size() < count && System.currentTimeMillis() < deadline) {
            Message m = office.receive(1_000);
            if (m != null) {
                messages.add(m);
            }
        }
        assertThat(messages).hasSize(count);
        return messages;
    }

    /** Everything in hub.dlq: waits up to the timeout for the first message, then half a second for each next. */
    private List<Message> deadLettered(long timeoutMillis) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBrokerConfiguration.IN_VM_URL);
        try (Connection connection = factory.createConnection(hubAccount.user(), hubAccount.password())) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dlq = session.createConsumer(session.createQueue("hub.dlq"));
            List<Message> dead = new ArrayList<>();
            for (Message m = dlq.receive(timeoutMillis); m != null; m = dlq.receive(500)) {
                dead.add(m);
            }
            return dead;
        }
    }
}
