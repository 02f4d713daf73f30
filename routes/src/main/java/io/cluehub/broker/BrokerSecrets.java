package io.cluehub.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.utils.SensitiveDataCodec;

/**
 * Keeps the TLS acceptor's store passwords out of its parameters. When Artemis cannot start an acceptor (say, its
 * port is taken) it logs the acceptor's parameters unmasked (AMQ224104), and a password there would end up in the
 * log. So the parameters hold only a reference, {@code ENC(<name>)}, which Artemis hands to this codec (named in the
 * parameter {@code activemq.passwordcodec}) to decode; the secret itself stays in this JVM's memory.
 */
public class BrokerSecrets implements SensitiveDataCodec<String> {

    /** Acceptor parameter naming the codec Artemis decodes {@code ENC(…)} values with. */
    static final String CODEC_PARAMETER = "activemq.passwordcodec";

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    // A reference goes inside ENC(…) and must survive Artemis's own parsing: no parentheses, semicolons or '='.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Remembers {@code secret} under {@code name} and returns the masked reference to put in a parameter. */
    static String reference(String name, String secret) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a usable secret name: " + name);
        }
        if (secret == null) {
            throw new IllegalArgumentException("No secret for " + name);
        }
        SECRETS.put(name, secret);
        return "ENC(" + name + ")";
    }

    @Override
    public String decode(Object reference) {
        String secret = SECRETS.get(String.valueOf(reference));
        if (secret == null) {
            throw new IllegalStateException("No secret registered as " + reference);
        }
        return secret;
    }

    @Override
    public String encode(Object secret) {
        throw new UnsupportedOperationException("Secrets are registered with BrokerSecrets.reference, never encoded");
    }
}
