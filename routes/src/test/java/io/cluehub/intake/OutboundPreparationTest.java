package io.cluehub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.adapters.ClueHubHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What leaves the hub for one outbound message: allow-listed properties only, and the duplicate-detection id exactly
 * where a send could be repeated after it went out (not when it joins the consumed message's broker transaction).
 */
class OutboundPreparationTest {

    private final ActiveMQConnectionFactory hubConnectionFactory = new ActiveMQConnectionFactory("vm://0");
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final OutboundPreparation preparation = new OutboundPreparation(hubConnectionFactory);

    @AfterEach
    void close() throws Exception {
        TransactionSynchronizationManager.unbindResourceIfPossible(hubConnectionFactory);
        hubConnectionFactory.close();
        camel.close();
    }

    private Exchange prepared() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("JMSReplyTo", "agency.CAC-330100.inbox");
        exchange.getMessage().setHeader("SomethingElse", "x");
        exchange.getMessage().setBody(new OutboundMessage(OutboundMessage.Kind.DELIVERY, "agency.CAC-330100.inbox",
                "CAC-330100", "cluehub:abc", Map.of("ClueHubType", "clue.transfer", "NotAllowed", "y"),
                "{}".getBytes(StandardCharsets.UTF_8), true));
        preparation.prepare(exchange);
        return exchange;
    }

    @Test
    void aSendOnItsOwnCarriesTheDuplicateId() {
        Exchange exchange = prepared();

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("ClueHubType", ClueHubHeaders.DUPLICATE_ID,
                JmsConstants.JMS_DESTINATION_NAME);
        assertThat(exchange.getMessage().getHeader(ClueHubHeaders.DUPLICATE_ID)).isEqualTo("cluehub:abc");
        assertThat(exchange.getMessage().getHeader(JmsConstants.JMS_DESTINATION_NAME))
                .isEqualTo("agency.CAC-330100.inbox");
        assertThat(exchange.getMessage().getBody()).isEqualTo("{}");
    }

    @Test
    void aSendInTheConsumedMessagesTransactionDoesNot() {
        TransactionSynchronizationManager.bindResource(hubConnectionFactory,
                new JmsResourceHolder(hubConnectionFactory));

        Exchange exchange = prepared();

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("ClueHubType",
                JmsConstants.JMS_DESTINATION_NAME);
    }
}
