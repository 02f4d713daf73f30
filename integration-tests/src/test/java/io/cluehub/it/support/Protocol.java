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
    };

    abstract ConnectionFactory connectionFactory(HubProcess hub);
}
