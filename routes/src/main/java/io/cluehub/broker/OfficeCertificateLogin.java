package io.cluehub.broker;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;

/**
 * The JAAS configuration Artemis uses for connections that present a client certificate (the TLS acceptor): one
 * required {@link OfficeCertificateLoginModule} over the broker's users. Artemis takes the certificate configuration
 * as a {@link SecurityConfiguration}, hence the subclass; it holds no users of its own.
 */
class OfficeCertificateLogin extends SecurityConfiguration {

    /** The JAAS configuration name the security manager asks for. */
    static final String NAME = "cluehub-office-certificate";

    private final SecurityConfiguration users;

    OfficeCertificateLogin(SecurityConfiguration users) {
        this.users = users;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {new AppConfigurationEntry(OfficeCertificateLoginModule.class.getName(),
                LoginModuleControlFlag.REQUIRED, Map.of(OfficeCertificateLoginModule.USERS_OPTION, users))};
    }
}
