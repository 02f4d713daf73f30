package io.cluehub.format;

import io.cluehub.adapters.format.FormatRegistry;
import io.cluehub.config.ClueHubProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agency formats of DESIGN.md §4: the built-in reference formats, plus an operator's format folders when
 * {@code cluehub.formats.dir} names one (a subfolder per format; a folder with a built-in id replaces it).
 */
@Configuration(proxyBeanMethods = false)
public class FormatConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FormatConfiguration.class);

    @Bean
    public FormatRegistry formatRegistry(ClueHubProperties properties) {
        String dir = properties.formats().dir();
        FormatRegistry registry = FormatRegistry.load(
                dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)));
        for (String id : registry.ids()) {
            LOG.info("Agency format {} {} from {}", id, registry.find(id).orElseThrow().version(),
                    registry.origin(id).orElse("?"));
        }
        return registry;
    }

    @Bean
    public OfficeFormats officeFormats(FormatRegistry registry, io.cluehub.directory.Directory directory) {
        OfficeFormats formats = new OfficeFormats(registry, directory);
        formats.check(directory);
        return formats;
    }
}
