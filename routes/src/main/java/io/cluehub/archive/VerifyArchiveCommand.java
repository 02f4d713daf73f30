package io.cluehub.archive;

import io.cluehub.archive.personal.ArchiveCryptoConfiguration;
import io.cluehub.config.ClueHubProperties;
import io.cluehub.database.DatabaseConfiguration;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify-archive} on the command line: the same check as {@code GET /api/v1/archive/verify}, for an auditor
 * with database access and no REST account, or a hub that is not running. Starts nothing but a connection pool (no
 * broker, no routes, no web server, no migrations: it only reads), prints the report as JSON on standard output, and
 * exits 0 if the chain is valid, 1 if not, 2 if it could not check. Run it from the packaged jar with Spring Boot's
 * {@code PropertiesLauncher}, which starts any main class of the jar:
 *
 * <pre>
 * java -cp routes/target/clue-hub.jar -Dloader.main=io.cluehub.archive.VerifyArchiveCommand \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [--cluehub.data-dir=…] [--cluehub.database.url=…]
 * </pre>
 *
 * It reads the same {@code cluehub.*} settings as the hub (arguments, environment, {@code application.yml}), including
 * the field keystore: bodies are encrypted at rest and are decrypted to check their SHA-256s. Not a
 * {@code @Configuration}, so the hub's component scan leaves it alone; it is the command's only source.
 */
@EnableConfigurationProperties({ClueHubProperties.class, ArchiveProperties.class})
@Import({DatabaseConfiguration.class, ArchiveCryptoConfiguration.class, ArchiveStore.class, TimestampStore.class,
        ChainVerifier.class})
public class VerifyArchiveCommand {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int FAILED = 2;

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Verifies and prints the report; returns the exit code. */
    public static int run(String... args) {
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(VerifyArchiveCommand.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    // Standard output carries the JSON report only (no console log); failures are one line on stderr.
                    .properties("logging.threshold.console=off", "spring.main.register-shutdown-hook=false",
                            "cluehub.archive.field-keys.generate=false")
                    .run(args);
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            System.err.println("verify-archive: cannot start: " + reason);
            if (reason.contains("file is locked")) {
                System.err.println("verify-archive: a running hub holds this H2 database: stop it first, or ask the "
                        + "running hub (GET /api/v1/archive/verify)");
            }
            return FAILED;
        }
        try (context) {
            ChainReport report = context.getBean(ChainVerifier.class).verify();
            System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(report));
            return report.valid() ? VALID : INVALID;
        } catch (RuntimeException e) {
            System.err.println("verify-archive: cannot verify: " + rootMessage(e));
            return FAILED;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
