package io.cluehub.routing;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.Directory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The competence table ({@code cluehub.routing.competence-file}, else the defaults in the jar) and the router. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    static final String DEFAULT_COMPETENCE = "routing/competence.yml";

    @Bean
    public CompetenceTable competenceTable(ClueHubProperties properties) throws IOException {
        String file = properties.routing().competenceFile();
        if (file == null || file.isBlank()) {
            try (InputStream in = new ClassPathResource(DEFAULT_COMPETENCE).getInputStream()) {
                return CompetenceTable.read(in, "classpath:" + DEFAULT_COMPETENCE);
            }
        }
        return CompetenceTable.read(Path.of(file));
    }

    @Bean
    public Router router(Directory directory, CompetenceTable competenceTable) {
        return new Router(directory, competenceTable);
    }
}
