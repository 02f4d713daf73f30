package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsConstants;
import org.springframework.stereotype.Component;

/**
 * Step "prepare outbound": turns one {@link OutboundMessage} into the JMS message that leaves the hub. Every header the
 * exchange carried is dropped first; only the allow-listed hub properties and the duplicate-detection id leave.
 */
@Component
public class OutboundPreparation {

    public void prepare(Exchange exchange) {
        OutboundMessage out = exchange.getMessage().getBody(OutboundMessage.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        out.properties().forEach((name, value) -> {
            if (ClueHubHeaders.OUTBOUND_ALLOWED.contains(name)) {
                message.setHeader(name, value);
            }
        });
        message.setHeader(ClueHubHeaders.DUPLICATE_ID, out.duplicateId());
        message.setHeader(JmsConstants.JMS_DESTINATION_NAME, out.destination());
        message.setBody(out.text() ? new String(out.body(), StandardCharsets.UTF_8) : out.body());
    }
}
