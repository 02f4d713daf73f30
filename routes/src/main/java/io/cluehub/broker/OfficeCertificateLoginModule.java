package io.cluehub.broker;

import io.cluehub.security.access.BrokerAccessPolicy;
import io.cluehub.security.identity.OfficeCertificates;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.spi.core.security.jaas.CertificateLoginModule;

/**
 * JAAS login of a client that connected to the TLS acceptor: the TLS handshake has already checked that the hub's CA
 * issued its certificate; this module says which office it is. The certificate's subject must name exactly one
 * office ({@link OfficeCertificates}) that is a connected office user of the broker right now, i.e. in the same
 * {@link SecurityConfiguration} the password users live in, which directory reloads update. Its roles are that
 * office's roles, so a certificate user and a password user of the same office have the same rights, and Artemis
 * stamps the office id as the validated user. The hub's and operators' accounts cannot log in by certificate.
 *
 * <p>A client may still send a user name with its certificate. It must be absent or the certificate's own office:
 * Artemis keys its authorization cache by the user name the client sent, not by the authenticated subject, so a
 * certificate login under another name (another office's, the hub's, or an empty one shared by many) would be granted
 * whatever that name was last allowed.
 */
public class OfficeCertificateLoginModule extends CertificateLoginModule {

    /** JAAS option holding the broker's users ({@link SecurityConfiguration}). */
    static final String USERS_OPTION = OfficeCertificateLoginModule.class.getName() + ".users";

    private SecurityConfiguration users;
    private CallbackHandler callbackHandler;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        super.initialize(subject, callbackHandler, sharedState, options);
        this.callbackHandler = callbackHandler;
        this.users = (SecurityConfiguration) options.get(USERS_OPTION);
    }

    /** The connected office the certificate names, or {@code null} (Artemis then refuses the login). */
    @Override
    protected String getUserNameForCertificates(X509Certificate[] certificates) throws LoginException {
        if (certificates == null || certificates.length == 0) {
            return null;
        }
        String office = OfficeCertificates.officeId(certificates[0]).filter(this::isConnectedOffice).orElse(null);
        String claimed = claimedUserName();
        if (office != null && claimed != null && !claimed.equals(office)) {
            throw new FailedLoginException("The client certificate of " + office + " came with the user name '"
                    + claimed + "'; send no user name, or the office's own");
        }
        return office;
    }

    @Override
    protected Set<String> getUserRoles(String officeId) {
        List<String> roles = users.getRole(officeId);
        return roles == null ? Set.of() : Set.copyOf(roles);
    }

    private boolean isConnectedOffice(String officeId) {
        List<String> roles = users.getRole(officeId);
        return users.getUser(officeId) != null && roles != null && roles.contains(BrokerAccessPolicy.ROLE_OFFICE);
    }

    /** The user name the client sent with its connection, if any. */
    private String claimedUserName() throws LoginException {
        NameCallback name = new NameCallback("user name");
        try {
            callbackHandler.handle(new Callback[] {name});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Cannot read the user name of the connection: " + e.getMessage());
        }
        return name.getName();
    }
}
