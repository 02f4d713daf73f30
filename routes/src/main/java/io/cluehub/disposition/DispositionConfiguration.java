package io.cluehub.disposition;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code cluehub.workflow.disposition.*} ({@link DispositionProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispositionProperties.class)
public class DispositionConfiguration {
}
