package io.cluehub.broker;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.directory.Connection;
import io.cluehub.directory.DirectoryChange;
import io.cluehub.security.access.BrokerAccessPolicy.OfficeInbox;
import io.cluehub.security.identity.CredentialFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.security.impl.SecurityStoreImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Applies a directory reload to the running embedded broker: a newly connected office gets its generated password,
 * its user and roles, its inbox and the inbox's security setting; a disconnected office loses its user and its
 * right to consume (its inbox and whatever waits there are kept for operators).
 */
@Component
@ConditionalOnExpression("'${cluehub.broker.url:}'.isBlank()")
public class EmbeddedBrokerDirectorySync implements DirectoryChange.Listener {

    private final EmbeddedActiveMQ broker;
    private final SecurityConfiguration users;
    private final CredentialFile credentials;

    public EmbeddedBrokerDirectorySync(EmbeddedActiveMQ broker, SecurityConfiguration brokerUsers,
            CredentialFile demoCredentials) {
        this.broker = broker;
        this.users = brokerUsers;
        this.credentials = demoCredentials;
    }

    @Override
    public void directoryChanging(DirectoryChange change) {
        ActiveMQServer server = broker.getActiveMQServer();
        credentials.ensure(change.connected().stream().map(Connection::officeId).toList());
        for (Connection office : change.connected()) {
            String inbox = BrokerAddresses.inbox(office.officeId());
            try {
                if (server.getAddressInfo(SimpleString.of(inbox)) == null) {
                    server.addAddressInfo(new AddressInfo(SimpleString.of(inbox)).addRoutingType(RoutingType.ANYCAST));
                }
                if (server.locateQueue(SimpleString.of(inbox)) == null) {
                    server.createQueue(QueueConfiguration.of(inbox).setRoutingType(RoutingType.ANYCAST).setDurable(true));
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the inbox of " + office.officeId(), e);
            }
            Map<String, Set<Role>> roles = EmbeddedBrokerConfiguration.securityRoles(
                    EmbeddedBrokerConfiguration.POLICY.grants(List.of(new OfficeInbox(office.officeId(), inbox))));
            server.getSecurityRepository().addMatch(inbox, roles.get(inbox));
            EmbeddedBrokerConfiguration.addOffice(users, office.officeId(), credentials);
        }
        for (Connection office : change.disconnected()) {
            users.removeUser(office.officeId());
            server.getSecurityRepository().removeMatch(BrokerAddresses.inbox(office.officeId()));
        }
        // A disconnected office's cached login and permissions must not outlive the reload.
        if (server.getSecurityStore() instanceof SecurityStoreImpl store) {
            store.invalidateAuthenticationCache();
            store.invalidateAuthorizationCache();
        }
    }
}
