package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static io.cluehub.it.support.InboxMessage.deliveryOf;
import static io.cluehub.it.support.InboxMessage.receiptFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
 * The DESIGN.md §10 clue transfer, sent by SAMR-330106 to {@code hub.inbound} and received by CAC-330100 from its
 * inbox, once with the Artemis Core JMS client and once with the Qpid JMS (AMQP 1.0) client on both ends.
 */
class ClueTransferIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Protocol.class)
    void recipientGetsTheClueUnchangedWithTheHubProperties(Protocol protocol) throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);
        try (OfficeClient samr = OfficeClient.connect(HUB.hub(), protocol, SAMR_XIHU);
             OfficeClient cac = OfficeClient.connect(HUB.hub(), protocol, CAC_HANGZHOU)) {
            samr.send(clue);

            InboxMessage delivery = cac.receiveMatching("delivery of " + messageId, deliveryOf(messageId), Waits.MESSAGE);

            assertThat(delivery.kind()).as("JMS type of %s", delivery).isEqualTo(InboxMessage.TEXT);
            assertThat(delivery.text()).as("body as sent").isEqualTo(clue);
            assertThat(delivery.properties()).as("properties of %s", delivery)
                    .containsEntry(HubContract.MESSAGE_ID, messageId)
                    .containsEntry(HubContract.TYPE, "clue.transfer")
                    .containsEntry(HubContract.SENDER, SAMR_XIHU)
                    .containsEntry(HubContract.CASE_REF, "SAMR-330106-2026-00042");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Protocol.class)
    void senderGetsAnAcceptedReceiptNamingTheRecipient(Protocol protocol) throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);
        try (OfficeClient samr = OfficeClient.connect(HUB.hub(), protocol, SAMR_XIHU)) {
            samr.send(clue);

            InboxMessage receipt = samr.receiveMatching("receipt for " + messageId, receiptFor(messageId), Waits.MESSAGE);

            JsonNode body = Receipts.assertAccepted(receipt, SAMR_XIHU, clue, false);
            assertThat(Json.array(body, "/payload/routing/deliveries"))
                    .as("routing decision in %s", body)
                    .extracting(d -> Json.text(d, "/recipient"), d -> Json.text(d, "/deliveredTo"), d -> Json.text(d, "/rule"))
                    .containsExactly(tuple(CAC_HANGZHOU, CAC_HANGZHOU, "explicit"));
        }
    }
}
