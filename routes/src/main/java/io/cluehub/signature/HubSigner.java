package io.cluehub.signature;

import com.nimbusds.jose.jwk.ECKey;
import io.cluehub.security.signature.DetachedJws;
import io.cluehub.security.signature.KeyFiles;
import java.util.List;

/**
 * The hub's own signature: a detached JWS (RFC 7797, ES256) over the exact bytes of everything it delivers, in
 * {@code ClueHubHubSignature}, so that a recipient can verify the hub's handling as well as the sender's origin. The
 * public key is published as a JWK set ({@code GET /api/v1/keys/hub}).
 */
public final class HubSigner {

    private final ECKey key;

    public HubSigner(ECKey key) {
        this.key = key;
    }

    public String sign(byte[] body) {
        return DetachedJws.sign(body, key);
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public JWK set of the hub's key, as served over REST. */
    public String publicJwkSet() {
        return KeyFiles.publicJwkSet(List.of(key));
    }

    @Override
    public String toString() {
        return "HubSigner[" + key.getKeyID() + "]"; // never the key itself: ECKey#toString prints the private part
    }
}
