package io.cluehub.broker;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.security.access.BrokerAccessPolicy;
import io.cluehub.security.access.BrokerAccessPolicy.OfficeInbox;
import io.cluehub.security.access.Grant;
import io.cluehub.security.access.Permission;
import io.cluehub.security.identity.CredentialFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;

/**
 * The embedded ActiveMQ Artemis broker of the default profile (DESIGN.md §5, §7): a persistent journal under
 * {@code <dataDir>/broker/}, one TCP acceptor speaking CORE, AMQP, OPENWIRE and STOMP (offices log in with their
 * password), a TLS acceptor speaking the same four (offices log in with a client certificate, see
 * {@link BrokerTls}), an in-VM acceptor for the hub itself, redelivery then dead-lettering to {@code hub.dlq},
 * persistent duplicate detection, the validated user stamped on every message, and security on. Not started when
 * {@code cluehub.broker.url} names an external broker.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${cluehub.broker.url:}'.isBlank()")
public class EmbeddedBrokerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerConfiguration.class);

    static final BrokerAccessPolicy POLICY = new BrokerAccessPolicy(
            BrokerAddresses.INBOUND, BrokerAddresses.REJECTED, BrokerAddresses.DEAD_LETTER);

    /** The protocols both agency acceptors speak. */
    static final String PROTOCOLS = "CORE,AMQP,OPENWIRE,STOMP";
    /** The in-VM acceptor the hub's own connections use. */
    public static final String IN_VM_URL = "vm://0";
    /** The hub's own service account on the embedded broker; its password is generated per start, in memory only. */
    public static final String HUB_USER = "cluehub-hub";
    /** Broker user of operators (reads hub.rejected and hub.dlq); its password is in the demo credentials file. */
    public static final String OPERATOR_USER = "hub-operator";

    /** The broker's users: the hub, the operator and one per connected office (updated on directory reload). */
    @Bean
    public SecurityConfiguration brokerUsers(Directory directory, CredentialFile demoCredentials,
            HubBrokerCredentials hub) {
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(hub.user(), hub.password());
        users.addRole(hub.user(), BrokerAccessPolicy.ROLE_HUB);
        users.addUser(OPERATOR_USER, demoCredentials.secret(OPERATOR_USER).orElseThrow());
        users.addRole(OPERATOR_USER, BrokerAccessPolicy.ROLE_OPERATOR);
        for (Connection office : directory.connections()) {
            addOffice(users, office.officeId(), demoCredentials);
        }
        return users;
    }

    static void addOffice(SecurityConfiguration users, String officeId, CredentialFile credentials) {
        users.addUser(officeId, credentials.secret(officeId).orElseThrow());
        users.addRole(officeId, BrokerAccessPolicy.ROLE_OFFICE);
        users.addRole(officeId, BrokerAccessPolicy.officeRole(officeId));
    }

    /**
     * Password logins go to the broker's users ({@link InVMLoginModule}); a connection that shows a client certificate
     * (only the TLS acceptor asks for one) goes to {@link OfficeCertificateLoginModule} over the same users.
     */
    @Bean(destroyMethod = "stop")
    public EmbeddedActiveMQ embeddedBroker(ClueHubProperties properties, Directory directory,
            SecurityConfiguration users, ObjectProvider<BrokerTls> tls) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration(properties, directory, tls.getIfAvailable()));
        broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(),
                OfficeCertificateLogin.NAME, users, new OfficeCertificateLogin(users)));
        broker.start();
        // Artemis logs a failed start (a port in use, say) and returns: a hub without its broker must not run on.
        if (broker.getActiveMQServer() == null || !broker.getActiveMQServer().isActive()) {
            broker.stop();
            throw new IllegalStateException("The embedded broker did not start (see the broker's errors above: is a"
                    + " port of cluehub.broker.port or cluehub.broker.tls.port in use?)");
        }
        ClueHubProperties.Broker settings = properties.broker();
        LOG.info("Embedded broker started: journal {}, acceptor tcp://{}:{} ({}), {}, {} office users",
                properties.dataDir().resolve("broker").toAbsolutePath().normalize(), settings.host(), settings.port(),
                PROTOCOLS, tls.getIfAvailable() == null ? "no TLS acceptor"
                        : "TLS acceptor with client certificates tcp://" + settings.host() + ":" + settings.tls().port(),
                directory.connections().size());
        return broker;
    }

    static Configuration configuration(ClueHubProperties properties, Directory directory, BrokerTls tls)
            throws Exception {
        ClueHubProperties.Broker settings = properties.broker();
        Path dir = properties.dataDir().resolve("broker").toAbsolutePath().normalize();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("cluehub");
        config.setPersistenceEnabled(true);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(dir.toString());
        // Artemis's NIO default (3.3 ms) was set for disks that sync a few hundred times a second, and a send waits up
        // to that long for its sync: half the raw broker's 6.5 ms p50 on the bench (bench/RESULTS.md). The AIO default,
        // 0.5 ms, suits disks that sync in well under a millisecond; one sync still covers whatever arrived meanwhile.
        int bufferTimeoutNanos = (int) settings.journalBufferTimeout().toNanos(); // at most 1 s (ClueHubProperties)
        config.setJournalBufferTimeout_NIO(bufferTimeoutNanos);
        config.setJournalBufferTimeout_AIO(bufferTimeoutNanos);
        // Artemis hands every packet, delivery and journal completion from one ordered executor to the next on this
        // pool. With its 30 threads one is nearly always asleep, so each hand-off wakes a thread; with a few a busy one
        // takes the next task off the queue (with the hub's client pool alike, BrokerClientConfiguration: routes README
        // "Broker journal, threads and duplicate detection").
        config.setThreadPoolMaxSize(settings.brokerThreads());
        config.setSecurityEnabled(true);
        config.setPopulateValidatedUser(true);
        // Not rejectEmptyValidatedUser: Artemis never populates AMQP messages, so it would refuse every AMQP send.
        // The plugin stamps the authenticated user on every protocol instead, and the hub rejects an empty one.
        config.registerBrokerPlugin(new AuthenticatedSenderPlugin());
        config.setJMXManagementEnabled(false);
        // Per address, and it never shrinks: at the 200,000 the hub started with, two busy inboxes held 96 MiB of a
        // 512 MiB heap (bench, 2026-12-07), and a dozen would have exhausted it. 20,000 (Artemis's own default)
        // reaches back further than the hub's resends for any inbox below 500 msg/s: the notice sweep resends after
        // 10-40 s, an SFTP file is taken again on the next poll (an interrupted intake transaction sent nothing).
        config.setIDCacheSize(settings.duplicateIdCacheSize());
        config.setPersistIDCache(true);
        config.addAcceptorConfiguration("agencies", "tcp://" + settings.host() + ":" + settings.port()
                + "?protocols=" + PROTOCOLS);
        if (tls != null) {
            config.addAcceptorConfiguration(tls.acceptor(settings.host(), settings.tls().port()));
        }
        config.addAcceptorConfiguration("hub", IN_VM_URL);

        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerAddresses.DEAD_LETTER))
                // A message whose sender gave it a time-to-live is not dropped when it expires: operators see it.
                .setExpiryAddress(SimpleString.of(BrokerAddresses.DEAD_LETTER))
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(settings.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelay().toMillis())
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setAutoDeleteAddresses(false)
                .setAutoDeleteQueues(false));
        // The dead-letter queue itself never dead-letters or expires: operators drain it.
        config.addAddressSetting(BrokerAddresses.DEAD_LETTER, new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setExpiryAddress(SimpleString.of(BrokerAddresses.DEAD_LETTER)));

        List<String> addresses = new ArrayList<>(List.of(
                BrokerAddresses.INBOUND, BrokerAddresses.REJECTED, BrokerAddresses.DEAD_LETTER));
        List<OfficeInbox> inboxes = new ArrayList<>();
        for (Connection office : directory.connections()) {
            String inbox = BrokerAddresses.inbox(office.officeId());
            addresses.add(inbox);
            inboxes.add(new OfficeInbox(office.officeId(), inbox));
        }
        for (String address : addresses) {
            config.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(address)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfig(QueueConfiguration.of(address).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        config.setSecurityRoles(securityRoles(POLICY.grants(inboxes)));
        return config;
    }

    /** Turns the policy's grants into Artemis security settings, one role set per address match. */
    static Map<String, Set<Role>> securityRoles(List<Grant> grants) {
        Map<String, Set<Role>> roles = new HashMap<>();
        for (Grant grant : grants) {
            Set<Permission> p = grant.permissions();
            roles.computeIfAbsent(grant.addressMatch(), k -> new HashSet<>()).add(new Role(grant.role(),
                    p.contains(Permission.SEND),
                    p.contains(Permission.CONSUME),
                    p.contains(Permission.CREATE_DURABLE_QUEUE),
                    p.contains(Permission.DELETE_DURABLE_QUEUE),
                    p.contains(Permission.CREATE_NON_DURABLE_QUEUE),
                    p.contains(Permission.DELETE_NON_DURABLE_QUEUE),
                    p.contains(Permission.MANAGE),
                    p.contains(Permission.BROWSE),
                    p.contains(Permission.CREATE_ADDRESS),
                    p.contains(Permission.DELETE_ADDRESS),
                    p.contains(Permission.VIEW),
                    p.contains(Permission.EDIT)));
        }
        return roles;
    }
}
