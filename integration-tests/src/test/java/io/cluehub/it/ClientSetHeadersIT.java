package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static io.cluehub.it.support.InboxMessage.deliveryOf;
import static io.cluehub.it.support.InboxMessage.receiptFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.cluehub.it.support.HubContract;
import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.InboxMessage;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.OfficeClient;
import io.cluehub.it.support.Protocol;
import io.cluehub.it.support.Receipts;
import io.cluehub.it.support.Waits;

/**
 * Headers a client sets under the hub's own names never come back out (issue 6, "client-set ClueHub* headers"): an
 * office sends a valid clue with every {@code ClueHub*} property the hub sets, an invented one, and the broker's
 * identity properties, all forged. The hub rebuilds what leaves from an allow-list, so the recipient's delivery and
 * the sender's receipt carry the hub's values (the authenticated sender, the envelope's type, id and case) and none
 * of the forged ones. Over every JMS protocol; the forger is a valid office, so the message itself is accepted.
 */
class ClientSetHeadersIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    /** Every forged value carries this marker, so a forged value is recognisable wherever it turns up. */
    private static final String MARK = "FORGED";
    /** A connected office other than the sender: what a forged identity would claim. */
    private static final String OTHER_OFFICE = "CAC-330106";

    private static Map<String, String> forgedProperties() {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put(HubContract.SENDER, OTHER_OFFICE);
        forged.put(HubContract.TYPE, "consultation.decision");
        forged.put(HubContract.MESSAGE_ID, MARK + "-message-id");
        forged.put(HubContract.CASE_REF, MARK + "-case");
        forged.put(HubContract.IN_REPLY_TO, MARK + "-in-reply-to");
        forged.put(HubContract.RECEIPT_STATUS, MARK + "-accepted");
        forged.put(HubContract.ERROR_CODE, MARK + "-NONE");
        forged.put(HubContract.ARCHIVE_SEQ, MARK + "-1");
        forged.put("ClueHubHubSignature", MARK + "-countersignature");
        forged.put("ClueHubPriority", MARK + "-urgent");
        forged.put("_AMQ_VALIDATED_USER", OTHER_OFFICE);
        forged.put("JMSXUserID", OTHER_OFFICE);
        return forged;
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Protocol.class)
    void forgedHubHeadersAreNeitherDeliveredNorAnswered(Protocol protocol) throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);
        try (OfficeClient samr = OfficeClient.connect(HUB.hub(), protocol, SAMR_XIHU);
             OfficeClient cac = OfficeClient.connect(HUB.hub(), protocol, CAC_HANGZHOU)) {
            samr.send(clue, forgedProperties());

            InboxMessage delivery = cac.receiveMatching("delivery of " + messageId, deliveryOf(messageId), Waits.MESSAGE);
            InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);

            assertThat(delivery.text()).as("body as sent").isEqualTo(clue);
            assertThat(delivery.properties()).as("delivery properties")
                    .containsEntry(HubContract.SENDER, SAMR_XIHU)
                    .containsEntry(HubContract.TYPE, "clue.transfer")
                    .containsEntry(HubContract.MESSAGE_ID, messageId)
                    .containsEntry(HubContract.CASE_REF, "SAMR-330106-2026-00042")
                    .doesNotContainKeys(HubContract.IN_REPLY_TO, HubContract.RECEIPT_STATUS, HubContract.ERROR_CODE,
                            HubContract.ARCHIVE_SEQ, "ClueHubPriority");
            Receipts.assertAccepted(receipt, SAMR_XIHU, clue, false);
            assertThat(receipt.properties()).as("receipt properties")
                    .containsEntry(HubContract.SENDER, HubContract.HUB_SENDER)
                    .containsEntry(HubContract.TYPE, HubContract.RECEIPT)
                    .containsEntry(HubContract.IN_REPLY_TO, messageId)
                    .containsEntry(HubContract.RECEIPT_STATUS, "accepted");
            SoftAssertions softly = new SoftAssertions();
            for (InboxMessage message : new InboxMessage[] {delivery, receipt}) {
                message.properties().forEach((name, value) -> {
                    softly.assertThat(String.valueOf(value)).as("%s on %s", name, message).doesNotContain(MARK);
                    softly.assertThat(String.valueOf(value)).as("%s on %s", name, message).isNotEqualTo(OTHER_OFFICE);
                });
            }
            softly.assertAll();
        }
    }
}
