package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static io.cluehub.it.support.InboxMessage.deliveryOf;
import static io.cluehub.it.support.InboxMessage.receiptFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.InboxMessage;
import io.cluehub.it.support.Json;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.OfficeClient;
import io.cluehub.it.support.Protocol;
import io.cluehub.it.support.Receipts;
import io.cluehub.it.support.Waits;

/**
 * (sender, messageId) is unique forever: a message sent twice is delivered once, and the second copy is answered
 * with a receipt marked {@code duplicate} that repeats the original decision.
 */
class DuplicateIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    private static OfficeClient samr;
    private static OfficeClient cac;

    @BeforeAll
    static void connect() throws Exception {
        samr = OfficeClient.connect(HUB.hub(), Protocol.CORE, SAMR_XIHU);
        cac = OfficeClient.connect(HUB.hub(), Protocol.CORE, CAC_HANGZHOU);
    }

    @AfterAll
    static void disconnect() {
        if (samr != null) {
            samr.close();
        }
        if (cac != null) {
            cac.close();
        }
    }

    @Test
    void resentMessageIsDeliveredOnceAndAnsweredAsDuplicate() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);

        samr.send(clue);
        cac.receiveMatching("delivery of " + messageId, deliveryOf(messageId), Waits.MESSAGE);
        InboxMessage first = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);
        Receipts.assertAccepted(first, SAMR_XIHU, clue, false);

        samr.send(clue);
        InboxMessage second = samr.receiveMatching("second receipt for " + messageId, receiptFor(messageId),
                Waits.MESSAGE);
        Receipts.assertAccepted(second, SAMR_XIHU, clue, true);

        // Only now that the hub has answered the resend can silence on the inbox mean "not delivered again".
        assertThat(cac.receiveFor(Waits.QUIET)).as("deliveries to %s after the resend", CAC_HANGZHOU)
                .noneMatch(deliveryOf(messageId));
    }

    @Test
    void twoCopiesInFlightTogetherAreDeliveredOnce() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);

        samr.send(clue);
        samr.send(clue);

        InboxMessage oneReceipt = samr.receiveMatching("a receipt for " + messageId, receiptFor(messageId),
                Waits.MESSAGE);
        InboxMessage otherReceipt = samr.receiveMatching("another receipt for " + messageId, receiptFor(messageId),
                Waits.MESSAGE);
        List<InboxMessage> receipts = List.of(oneReceipt, otherReceipt);
        assertThat(receipts).as("duplicate flags of both receipts: exactly one original and one duplicate")
                .extracting(r -> Json.text(r.json(), "/payload/duplicate"))
                .containsExactlyInAnyOrder("false", "true");
        for (InboxMessage receipt : receipts) {
            boolean duplicate = "true".equals(Json.text(receipt.json(), "/payload/duplicate"));
            Receipts.assertAccepted(receipt, SAMR_XIHU, clue, duplicate);
        }

        InboxMessage delivery = cac.receiveMatching("delivery of " + messageId, deliveryOf(messageId), Waits.MESSAGE);
        assertThat(delivery.text()).isEqualTo(clue);
        assertThat(cac.receiveFor(Waits.QUIET)).as("further deliveries to %s", CAC_HANGZHOU)
                .noneMatch(deliveryOf(messageId));
    }
}
