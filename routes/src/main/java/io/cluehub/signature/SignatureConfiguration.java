package io.cluehub.signature;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.Directory;
import io.cluehub.security.signature.EcProvider;
import io.cluehub.security.signature.KeyFiles;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's signing key and the offices' verification keys ({@code cluehub.signatures.*}). */
@Configuration(proxyBeanMethods = false)
public class SignatureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureConfiguration.class);

    @Bean
    public HubSigner hubSigner(ClueHubProperties properties) {
        Path file = properties.signatures().hubKey() != null ? properties.signatures().hubKey()
                : properties.dataDir().resolve("keys").resolve("hub-signing.jwk");
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the folder of " + file, e);
        }
        LOG.info("ES256 signatures (offices' verified, the hub's own) with {}", EcProvider.description());
        return new HubSigner(KeyFiles.loadOrCreate(file, "CLUEHUB"));
    }

    @Bean
    public SigningKeys signingKeys(Directory directory, ClueHubProperties properties) {
        return new SigningKeys(directory,
                properties.signatures().demoKeys() ? properties.dataDir().resolve("demo-keys") : null);
    }
}
