package io.cluehub.archive;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.security.identity.CredentialFile;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses who time-stamps the chain head: the external authority at {@code cluehub.archive.tsa-url} if one is set
 * (the hub's own key is then never generated), else the hub's own key under {@code <dataDir>/keys/}.
 */
@Configuration(proxyBeanMethods = false)
public class ArchiveTimestampConfiguration {

    @Bean
    public TimeStampAuthority timeStampAuthority(ArchiveProperties archive, ClueHubProperties hub,
            CredentialFile demoCredentials) {
        if (archive.externalTsa()) {
            return new RemoteTimeStampAuthority(URI.create(archive.tsaUrl().strip()), archive.tsaTimeout());
        }
        return new HubTimeStampAuthority(HubTsaKeys.openOrCreate(hub.dataDir(), demoCredentials));
    }
}
