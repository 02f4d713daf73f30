package io.cluehub.broker;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.security.identity.DemoPki;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the TLS acceptor's keys come from. An operator who sets {@code cluehub.broker.tls.key-store} brings their own
 * PKCS12 key store and trust store (their CA issues office certificates); otherwise the demo PKI under
 * {@code <dataDir>/tls/} is generated at first start and reused, so the acceptor works on a fresh machine. Only with
 * the embedded broker and {@code cluehub.broker.tls.enabled} (the default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${cluehub.broker.url:}'.isBlank() and '${cluehub.broker.tls.enabled:true}' == 'true'")
public class BrokerTlsConfiguration {

    @Bean
    public BrokerTls brokerTls(ClueHubProperties properties, CredentialFile demoCredentials) {
        ClueHubProperties.Tls tls = properties.broker().tls();
        if (tls.keyStore() != null && !tls.keyStore().isBlank()) {
            if (tls.trustStore() == null || tls.trustStore().isBlank()) {
                throw new IllegalStateException("cluehub.broker.tls.key-store is set but cluehub.broker.tls.trust-store"
                        + " is not: the trust store names the CA whose office certificates the broker accepts");
            }
            if (tls.keyStorePassword() == null || tls.trustStorePassword() == null) {
                throw new IllegalStateException("cluehub.broker.tls.key-store-password and trust-store-password must"
                        + " be set with your own stores (in the environment: CLUEHUB_BROKER_TLS_KEY_STORE_PASSWORD, …)");
            }
            return new BrokerTls(Path.of(tls.keyStore()), tls.keyStorePassword(), Path.of(tls.trustStore()),
                    tls.trustStorePassword(), tls.crlPath());
        }
        DemoPki pki = DemoPki.ensure(properties.dataDir().resolve(DemoPki.FOLDER), demoCredentials,
                List.of(properties.broker().host()));
        return new BrokerTls(pki.keyStore(), pki.keyStorePassword(), pki.trustStore(), pki.trustStorePassword(),
                tls.crlPath());
    }
}
