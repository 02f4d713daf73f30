package io.cluehub.it.support;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

/** The wire protocols the tests speak to the hub's broker, each with a real, independent client library. */
public enum Protocol {

    /** Artemis Core protocol, Artemis JMS client. */
    CORE {
        @Override
        ConnectionFactory connectionFactory(HubProcess hub) {
            return new ActiveMQConnectionFactory(hub.coreUrl());
        }
    },

    /** AMQP 1.0, Apache Qpid JMS client. */
    AMQP {
        @Override
        ConnectionFactory connectionFactory(HubProcess hub) {
            return new JmsConnectionFactory(hub.amqpUrl());
        }
    },

    /** OpenWire, the ActiveMQ Classic client (6.x, Jakarta JMS). */
    OPENWIRE {
        @Override
        ConnectionFactory connectionFactory(HubProcess hub) {
            org.apache.activemq.ActiveMQConnectionFactory factory =
                    new org.apache.activemq.ActiveMQConnectionFactory(hub.coreUrl());
            // Advisory topics are a Classic-broker feature; an office has no rights on them and needs none.
            factory.setWatchTopicAdvisories(false);
            return factory;
        }
    };

    abstract ConnectionFactory connectionFactory(HubProcess hub);
}
