package io.cluehub.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;

/**
 * The key store and trust store of the broker's TLS acceptor, and the acceptor made of them: TLS with
 * {@code needClientAuth}, so every client shows a certificate the trust store's CA issued, and the certificate, not a
 * password, says who the client is. The store passwords never enter the acceptor's parameters, which Artemis may log:
 * they hold references that {@link BrokerSecrets} resolves in memory.
 */
public record BrokerTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
        String crlPath) {

    /** Name of the acceptor in the broker configuration. */
    public static final String ACCEPTOR = "agencies-tls";
    static final String STORE_TYPE = "PKCS12";

    TransportConfiguration acceptor(String host, int port) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, host);
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, EmbeddedBrokerConfiguration.PROTOCOLS);
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, true);
        params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, STORE_TYPE);
        params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, keyStore.toAbsolutePath().toString());
        params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME,
                BrokerSecrets.reference(ACCEPTOR + ".keyStore", keyStorePassword));
        params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, STORE_TYPE);
        params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, trustStore.toAbsolutePath().toString());
        params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME,
                BrokerSecrets.reference(ACCEPTOR + ".trustStore", trustStorePassword));
        params.put(BrokerSecrets.CODEC_PARAMETER, BrokerSecrets.class.getName());
        if (crlPath != null && !crlPath.isBlank()) {
            params.put(TransportConstants.CRL_PATH_PROP_NAME, crlPath);
        }
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, ACCEPTOR);
    }

    @Override
    public String toString() {
        return "BrokerTls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", crlPath=" + crlPath + "]";
    }
}
