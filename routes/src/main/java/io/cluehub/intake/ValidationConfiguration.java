package io.cluehub.intake;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidatorSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared, preloaded validator and the clock every timestamp of the pipeline comes from. */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    @Bean
    public MessageValidator messageValidator(ClueHubProperties properties) {
        return MessageValidator.create(ValidatorSettings.defaults().withMaxBytes(properties.intake().maxMessageBytes()));
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
