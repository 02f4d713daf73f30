package io.cluehub.archive.personal;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.security.crypto.FieldCryptoException;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the archive's field keys: the demo profile's generated keystore under {@code <dataDir>/keys/}, or the
 * operator's keystore ({@code cluehub.archive.field-keys.keystore}), which must exist: a missing production keystore
 * stops start-up rather than silently starting a new one that cannot read what is stored. The command-line tools set
 * {@code generate=false}: they never create a demo keystore, only open the hub's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FieldKeyProperties.class)
public class ArchiveCryptoConfiguration {

    @Bean
    public ArchiveCrypto archiveCrypto(FieldKeyProperties fieldKeys, ClueHubProperties hub) {
        if (fieldKeys.demo()) {
            Path keystore = KeyStoreFieldKeys.keystorePath(hub.dataDir());
            if (!fieldKeys.generate() && !Files.exists(keystore)) {
                throw new FieldCryptoException("No field keystore at " + keystore.toAbsolutePath() + ": start the hub "
                        + "once with this data folder to generate it, or set cluehub.archive.field-keys.keystore");
            }
            return new ArchiveCrypto(KeyStoreFieldKeys.demo(hub.dataDir()));
        }
        char[] password = fieldKeys.password() == null || fieldKeys.password().isEmpty()
                ? KeyStoreFieldKeys.passwordFromEnvironment() : fieldKeys.password().toCharArray();
        try {
            return new ArchiveCrypto(KeyStoreFieldKeys.open(fieldKeys.keystore(), password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
