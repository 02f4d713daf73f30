package io.cluehub.signature;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the hub's public signing key as a JWK set (RFC 7517), for recipients verifying ClueHubHubSignature. */
@RestController
public class KeysController {

    private final HubSigner signer;

    public KeysController(HubSigner signer) {
        this.signer = signer;
    }

    @GetMapping(path = "/api/v1/keys/hub", produces = "application/jwk-set+json")
    public String hubKeys() {
        return signer.publicJwkSet();
    }
}
