package io.cluehub.broker;

import io.cluehub.adapters.jms.BrokerAddresses;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The embedded broker's health ({@code broker} in {@code /actuator/health}): up while the server is active, with the
 * depth of the hub's own queues for operators (details need the {@code operator} role).
 */
@Component("broker")
@ConditionalOnExpression("'${cluehub.broker.url:}'.isBlank()")
public class BrokerHealthIndicator implements HealthIndicator {

    private final EmbeddedActiveMQ broker;

    public BrokerHealthIndicator(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    @Override
    public Health health() {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return Health.down().withDetail("state", server == null ? "not created" : String.valueOf(server.getState()))
                    .build();
        }
        return Health.up()
                .withDetail("version", server.getVersion().getFullVersion())
                .withDetail("connections", server.getConnectionCount())
                .withDetail(BrokerAddresses.INBOUND, depth(server, BrokerAddresses.INBOUND))
                .withDetail(BrokerAddresses.REJECTED, depth(server, BrokerAddresses.REJECTED))
                .withDetail(BrokerAddresses.DEAD_LETTER, depth(server, BrokerAddresses.DEAD_LETTER))
                .build();
    }

    private static long depth(ActiveMQServer server, String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }
}
