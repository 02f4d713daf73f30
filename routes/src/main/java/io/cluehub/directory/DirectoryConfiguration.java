package io.cluehub.directory;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.schemas.divisions.Divisions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** Loads the directory at start-up: {@code cluehub.directory.file} if set, else the demo directory in the jar. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    static final String DEMO_DIRECTORY = "directory/demo-directory.yml";

    @Bean
    public Directory directory(ClueHubProperties properties) throws IOException {
        String file = properties.directory().file();
        if (file == null || file.isBlank()) {
            try (InputStream in = new ClassPathResource(DEMO_DIRECTORY).getInputStream()) {
                return DirectoryFile.read(in, "classpath:" + DEMO_DIRECTORY, Divisions.gbt2260());
            }
        }
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            return DirectoryFile.read(in, path.toString(), Divisions.gbt2260());
        }
    }
}
