package io.cluehub.it;

import static io.cluehub.it.support.HubContract.CAC_HANGZHOU;
import static io.cluehub.it.support.HubContract.SAMR_XIHU;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.it.support.HubContract;
import io.cluehub.it.support.HubExtension;
import io.cluehub.it.support.Json;
import io.cluehub.it.support.Messages;
import io.cluehub.it.support.StompClient;
import io.cluehub.it.support.StompClient.Frame;
import io.cluehub.it.support.Waits;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * An agency that speaks STOMP: SAMR-330106 sends the DESIGN.md §10 clue to {@code hub.inbound} over STOMP 1.2, and
 * CAC-330100, subscribed over STOMP, receives it with the hub's properties as STOMP headers; the sender's accepted
 * receipt arrives on its own STOMP subscription.
 */
class StompIT {

    @RegisterExtension
    static final HubExtension HUB = new HubExtension();

    @Test
    void stompOfficesSendAndReceive() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String clue = Messages.section10(messageId);
        try (StompClient samr = StompClient.connect(HUB.hub(), SAMR_XIHU);
             StompClient cac = StompClient.connect(HUB.hub(), CAC_HANGZHOU)) {
            cac.subscribe(HubContract.inbox(CAC_HANGZHOU));
            samr.subscribe(HubContract.inbox(SAMR_XIHU));

            samr.sendText(HubContract.HUB_INBOUND, clue, java.util.Map.of("ClueHubSignature",
                    io.cluehub.client.ClueHubSigner.sign(clue.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            HUB.hub().demoKey(SAMR_XIHU))));

            Frame delivery = cac.read(Waits.MESSAGE);
            assertThat(delivery.command()).isEqualTo("MESSAGE");
            assertThat(delivery.text()).isEqualTo(clue);
            assertThat(delivery.headers())
                    .containsEntry(HubContract.MESSAGE_ID, messageId)
                    .containsEntry(HubContract.TYPE, "clue.transfer")
                    .containsEntry(HubContract.SENDER, SAMR_XIHU);

            Frame receipt = samr.read(Waits.MESSAGE);
            assertThat(receipt.headers()).containsEntry(HubContract.TYPE, "receipt");
            JsonNode body = Json.parse(receipt.text());
            assertThat(body.path("inReplyTo").asString()).isEqualTo(messageId);
            assertThat(body.path("payload").path("status").asString()).isEqualTo("accepted");
        }
    }
}
