package io.cluehub.broker;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.security.identity.CredentialFile;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The hub's own side of the bus: one cached connection factory (in-VM to the embedded broker, or the configured
 * external URL) and the Camel {@code jms} component on it, so that a consumed message and everything sent because of
 * it commit or roll back together.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerClientConfiguration {

    /**
     * The hub's account: against an external broker the configured {@code cluehub.broker.user}/{@code password}
     * (pass them in the environment, e.g. {@code CLUEHUB_BROKER_PASSWORD}). On the embedded broker the account is
     * {@code cluehub-hub}, with {@code cluehub.broker.password} if set (so that further hub instances can consume
     * from this broker over TCP), else a random password generated per start and held in memory only.
     */
    @Bean
    public HubBrokerCredentials hubBrokerCredentials(ClueHubProperties properties) {
        if (properties.broker().embedded()) {
            String password = properties.broker().password();
            return new HubBrokerCredentials(EmbeddedBrokerConfiguration.HUB_USER,
                    password == null || password.isBlank() ? CredentialFile.generateSecret() : password);
        }
        return new HubBrokerCredentials(properties.broker().user(), properties.broker().password());
    }

    @Bean(destroyMethod = "destroy")
    public CachingConnectionFactory hubConnectionFactory(ClueHubProperties properties,
            ObjectProvider<org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ> embeddedBroker,
            HubBrokerCredentials account) {
        sizeClientThreads(properties.broker().clientThreads());
        ActiveMQConnectionFactory target;
        if (properties.broker().embedded()) {
            embeddedBroker.getObject(); // the broker must be up before the first connection
            target = new ActiveMQConnectionFactory(EmbeddedBrokerConfiguration.IN_VM_URL);
        } else {
            target = new ActiveMQConnectionFactory(properties.broker().url());
            target.setReconnectAttempts(-1);
        }
        target.setUser(account.user());
        target.setPassword(account.password());
        CachingConnectionFactory cached = new CachingConnectionFactory(target);
        cached.setSessionCacheSize(properties.intake().consumers() * 2 + 4);
        cached.setReconnectOnException(true);
        return cached;
    }

    /**
     * Sizes Artemis's global client pool, which the hub's connections share. On the in-VM connection every packet the
     * broker sends the hub (each delivery to an intake consumer, each commit's answer) is handed to a thread of this
     * pool. At Artemis's 8 per processor there is nearly always one asleep, so each packet wakes a thread, and on a
     * small VM the kernel's part of a wake-up costs more than the work it carries. With a few threads a busy one takes
     * the next packet without sleeping (bench/RESULTS.md, 2026-12-07). Flow control has a pool of its own, and no
     * hub thread waits on this pool's tasks while holding one of its threads. Only effective before the first
     * connection; an explicit {@code -Dactivemq.artemis.client.global.thread.pool.max.size} wins.
     */
    static void sizeClientThreads(int threads) {
        if (System.getProperty(ActiveMQClient.THREAD_POOL_MAX_SIZE_PROPERTY_KEY) == null) {
            ActiveMQClient.setGlobalThreadPoolProperties(threads, ActiveMQClient.getGlobalScheduledThreadPoolSize(),
                    ActiveMQClient.getGlobalFlowControlThreadPoolSize());
        }
    }

    /**
     * Transacted, with no external transaction manager: a send made on a thread whose consumer exposes its transacted
     * session (Spring's listener containers for the SFTP deliveries; {@code IntakeConsumers} for {@code hub.inbound})
     * joins that session, so the consumption and everything sent because of it commit in one broker round trip, or
     * roll back together. (An external {@code JmsTransactionManager} with a cached consumer would consume and send on
     * two sessions and commit twice.)
     */
    @Bean("jms")
    public JmsComponent jmsComponent(ConnectionFactory hubConnectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(hubConnectionFactory);
        jms.setTransacted(true);
        jms.setLazyCreateTransactionManager(false);
        jms.setCacheLevelName("CACHE_CONSUMER");
        jms.setDeliveryPersistent(true);
        return jms;
    }
}
