package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static io.cluehub.it.support.InboxMessage.deliveryOf;
import static io.cluehub.it.support.InboxMessage.receiptFor;
import static io.cluehub.it.support.InboxMessage.receiptForRawSha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.cluehub.it.support.ArchiveClient;
import io.cluehub.it.support.HubContract;
import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.InboxMessage;
import io.cluehub.it.support.Json;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.OfficeClient;
import io.cluehub.it.support.Protocol;
import io.cluehub.it.support.Receipts;
import io.cluehub.it.support.Waits;

import tools.jackson.databind.JsonNode;

/**
 * Every failure is a rejection, not a loss (DESIGN.md §6): the sender gets a rejected receipt with a stable code
 * and JSON Pointer, the archive keeps the exact bytes received, the operator finds them on {@code hub.rejected},
 * and the hub goes on serving. SAMR-330106 sends over Artemis Core JMS.
 */
class RejectionIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    private static final List<String> ERROR_OR_FATAL = List.of("error", "fatal");

    private static OfficeClient samr;
    private static OfficeClient cac;
    private static OfficeClient operator;
    private static ArchiveClient archive;

    @BeforeAll
    static void connect() throws Exception {
        samr = OfficeClient.connect(HUB.hub(), Protocol.CORE, SAMR_XIHU);
        cac = OfficeClient.connect(HUB.hub(), Protocol.CORE, CAC_HANGZHOU);
        operator = OfficeClient.connect(HUB.hub(), Protocol.CORE, HubContract.OPERATOR);
        archive = new ArchiveClient(HUB.hub());
    }

    @AfterAll
    static void disconnect() {
        for (OfficeClient client : Arrays.asList(samr, cac, operator)) {
            if (client != null) {
                client.close();
            }
        }
    }

    @Test
    void malformedJsonIsRejectedAndItsBytesArchived() throws Exception {
        String text = malformedJson();
        byte[] raw = Messages.utf8(text);
        String rawSha256 = Messages.sha256Hex(raw);

        samr.send(text);

        InboxMessage receipt = samr.receiveMatching("receipt for rawSha256 " + rawSha256,
                receiptForRawSha256(rawSha256), Waits.MESSAGE);
        JsonNode body = Receipts.assertRejected(receipt, SAMR_XIHU, raw, null, "JSON_MALFORMED", null, List.of("fatal"));
        assertArchivedAndParked(() -> archive.findByRawSha256(rawSha256), raw, "JSON_MALFORMED", body);
    }

    @Test
    void spoofedSenderIsRejectedAndNotDelivered() throws Exception {
        String messageId = UUID.randomUUID().toString();
        // Authenticated as SAMR-330106, claiming to be CAC-330106; otherwise a valid message from that office.
        String spoofed = Messages.section10(messageId, envelope -> envelope
                .put("sender", "CAC-330106")
                .put("caseRef", "CAC-330106-2026-00042"));
        byte[] raw = Messages.utf8(spoofed);

        samr.send(spoofed);

        InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);
        JsonNode body = Receipts.assertRejected(receipt, SAMR_XIHU, raw, Json.parse(spoofed),
                "SENDER_MISMATCH", "/sender", ERROR_OR_FATAL);
        assertArchivedAndParked(() -> archive.findByRawSha256(Messages.sha256Hex(raw)), raw, "SENDER_MISMATCH", body);
        // The receipt comes after delivery in the pipeline: a wrong delivery would already be on the inbox.
        assertThat(cac.receiveFor(Waits.QUIET)).as("deliveries to %s", CAC_HANGZHOU).noneMatch(deliveryOf(messageId));
    }

    /**
     * Artemis's populate-validated-user does not cover AMQP messages (ARTEMIS-1092), and a client can set any
     * property: a forged "validated user" header must not turn a spoofed envelope into an accepted one.
     */
    @ParameterizedTest(name = "over {0}")
    @EnumSource(Protocol.class)
    void spoofedSenderWithForgedIdentityHeadersIsRejected(Protocol protocol) throws Exception {
        String messageId = UUID.randomUUID().toString();
        String spoofed = Messages.section10(messageId, envelope -> envelope
                .put("sender", "CAC-330106")
                .put("caseRef", "CAC-330106-2026-00042"));
        Map<String, String> forged = Map.of(
                "_AMQ_VALIDATED_USER", "CAC-330106",
                "JMSXUserID", "CAC-330106",
                HubContract.SENDER, "CAC-330106");
        // Send-only client: it never consumes, so it does not compete with the shared inbox consumer.
        try (OfficeClient forger = OfficeClient.connect(HUB.hub(), protocol, SAMR_XIHU)) {
            forger.send(spoofed, forged);
        }

        InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);
        Receipts.assertRejected(receipt, SAMR_XIHU, Messages.utf8(spoofed), Json.parse(spoofed),
                "SENDER_MISMATCH", "/sender", ERROR_OR_FATAL);
        assertThat(cac.receiveFor(Waits.QUIET)).as("deliveries to %s", CAC_HANGZHOU).noneMatch(deliveryOf(messageId));
    }

    @Test
    void unknownRecipientIsRejectedAndItsBytesArchived() throws Exception {
        String messageId = UUID.randomUUID().toString();
        // Well-formed office id, but no such division: the directory, not the schema, must refuse it.
        String toNobody = Messages.section10(messageId, envelope -> envelope.putArray("recipients").add("SAMR-339999"));
        byte[] raw = Messages.utf8(toNobody);

        samr.send(toNobody);

        InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);
        JsonNode body = Receipts.assertRejected(receipt, SAMR_XIHU, raw, Json.parse(toNobody),
                "UNKNOWN_RECIPIENT", "/recipients/0", ERROR_OR_FATAL);
        assertArchivedAndParked(() -> archive.find(SAMR_XIHU, messageId), raw, "UNKNOWN_RECIPIENT", body);
    }

    @Test
    void hubKeepsDeliveringAfterRejections() throws Exception {
        String malformed = malformedJson();
        samr.send(malformed);
        samr.receiveMatching("receipt for the malformed message",
                receiptForRawSha256(Messages.sha256Hex(Messages.utf8(malformed))), Waits.MESSAGE);
        String spoofedId = UUID.randomUUID().toString();
        samr.send(Messages.section10(spoofedId, envelope -> envelope.put("sender", "CAC-330106")));
        samr.receiveMatching("receipt for the spoofed message", receiptFor(spoofedId), Waits.MESSAGE);
        String toNobodyId = UUID.randomUUID().toString();
        samr.send(Messages.section10(toNobodyId, envelope -> envelope.putArray("recipients").add("SAMR-339999")));
        samr.receiveMatching("receipt for the message to nobody", receiptFor(toNobodyId), Waits.MESSAGE);

        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);
        samr.send(clue);

        InboxMessage delivery = cac.receiveMatching("delivery of " + messageId, deliveryOf(messageId), Waits.MESSAGE);
        assertThat(delivery.text()).isEqualTo(clue);
        InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);
        Receipts.assertAccepted(receipt, SAMR_XIHU, clue, false);
    }

    /** Truncated JSON, unique per call, with non-ASCII text so that "exact bytes" means UTF-8 bytes. */
    private static String malformedJson() {
        return "{\"sender\":\"SAMR-330106\",\"type\":\"clue.transfer\",\"payload\":{\"summary\":\"直播间销售假冒化妆品 "
                + UUID.randomUUID() + "\",\"subjects\":[{\"role\":";
    }

    /**
     * The archive holds exactly one entry of these bytes, rejected with {@code code} under the receipt's
     * archiveSeq, and the operator can browse the same bytes on {@code hub.rejected}.
     */
    private static void assertArchivedAndParked(Supplier<List<JsonNode>> archiveQuery, byte[] raw, String code,
                                                JsonNode receipt) throws Exception {
        String archiveSeq = Receipts.archiveSeq(receipt);
        List<JsonNode> archived = Awaitility.await("archive entry of the rejected message")
                .atMost(Waits.VISIBLE)
                .until(archiveQuery::get, entries -> !entries.isEmpty());
        assertThat(archived).as("archive entries of the rejected message").hasSize(1);
        JsonNode entry = archived.get(0);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(ArchiveClient.rawBytes(entry)).as("raw bytes archived in %s", entry).isEqualTo(raw);
        softly.assertThat(Json.text(entry, "/rawSha256")).as("rawSha256 of %s", entry).isEqualTo(Messages.sha256Hex(raw));
        softly.assertThat(Json.text(entry, "/status")).as("status of %s", entry).isEqualTo(Receipts.REJECTED);
        softly.assertThat(Json.text(entry, "/errorCode")).as("errorCode of %s", entry).isEqualTo(code);
        softly.assertThat(Json.text(entry, "/sender")).as("sender of %s", entry).isEqualTo(SAMR_XIHU);
        softly.assertThat(Json.text(entry, "/seq")).as("seq of %s", entry).isEqualTo(archiveSeq);
        softly.assertAll();

        AtomicReference<InboxMessage> parked = new AtomicReference<>();
        Awaitility.await("operator sees the rejected bytes on " + HubContract.HUB_REJECTED)
                .atMost(Waits.VISIBLE)
                .until(() -> {
                    operator.browse(HubContract.HUB_REJECTED).stream()
                            .filter(message -> Arrays.equals(message.body(), raw))
                            .findFirst()
                            .ifPresent(parked::set);
                    return parked.get() != null;
                });
        InboxMessage message = parked.get();
        assertThat(message.kind()).as("JMS type of %s", message).isEqualTo(InboxMessage.BYTES);
        assertThat(message.properties()).as("properties of %s", message)
                .containsEntry(HubContract.SENDER, SAMR_XIHU)
                .containsEntry(HubContract.ERROR_CODE, code);
        assertThat(message.property(HubContract.ARCHIVE_SEQ)).as(HubContract.ARCHIVE_SEQ).isEqualTo(archiveSeq);
    }
}
