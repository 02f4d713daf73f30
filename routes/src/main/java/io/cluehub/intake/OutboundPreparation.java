package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import jakarta.jms.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsConstants;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Step "prepare outbound": turns one {@link OutboundMessage} into the JMS message that leaves the hub. Every header the
 * exchange carried is dropped first; only the allow-listed hub properties and, where it is needed, the
 * duplicate-detection id leave.
 *
 * <p>The id is needed where a send can be repeated after it went out: an SFTP file or a REST request taken again, the
 * notice sweep. It is not needed, and not set, when the send joins the broker transaction of the consumed message that
 * caused it ({@link IntakeConsumers} exposes that session to every send on its thread): the consumption and the send
 * then commit together or not at all, and the hub sends again only after a rollback, when the first copy never went
 * out. Each id the broker remembers is a persistent journal record written, later deleted and compacted, so leaving it
 * off the JMS intake's deliveries and receipts takes two records per message off the broker's hot path. The outbox
 * keeps every message's id either way.
 */
@Component
public class OutboundPreparation {

    private final ConnectionFactory hubConnectionFactory;

    public OutboundPreparation(ConnectionFactory hubConnectionFactory) {
        this.hubConnectionFactory = hubConnectionFactory;
    }

    public void prepare(Exchange exchange) {
        OutboundMessage out = exchange.getMessage().getBody(OutboundMessage.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        out.properties().forEach((name, value) -> {
            if (ClueHubHeaders.OUTBOUND_ALLOWED.contains(name)) {
                message.setHeader(name, value);
            }
        });
        if (!joinsConsumption()) {
            message.setHeader(ClueHubHeaders.DUPLICATE_ID, out.duplicateId());
        }
        message.setHeader(JmsConstants.JMS_DESTINATION_NAME, out.destination());
        message.setBody(out.text() ? new String(out.body(), StandardCharsets.UTF_8) : out.body());
    }

    /** Whether this thread's sends join a consumer's transacted session, as Spring's JmsTemplate will find it. */
    private boolean joinsConsumption() {
        return TransactionSynchronizationManager.getResource(hubConnectionFactory) instanceof JmsResourceHolder;
    }
}
