package io.cluehub.archive.personal;

import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.audit.ArchiveAudit;
import io.cluehub.config.ClueHubProperties;
import io.cluehub.database.DatabaseConfiguration;
import java.time.Clock;
import java.util.Arrays;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rotate-field-keys} on the command line: adds a key to the field keystore and re-encrypts every archived body
 * under it, with nothing started but a connection pool (same {@code cluehub.*} settings as the hub; with the embedded
 * H2, stop the hub first). With the argument {@code reseal} it only re-encrypts what is not under the current key.
 * Prints the report as JSON (key ids and counts) and exits 0, or 2 if it could not; the rotation is an audit entry on
 * the chain like one made over REST. Run it like {@code VerifyArchiveCommand}:
 *
 * <pre>
 * java -cp routes/target/clue-hub.jar -Dloader.main=io.cluehub.archive.personal.RotateFieldKeysCommand \
 *     org.springframework.boot.loader.launch.PropertiesLauncher [reseal] [--cluehub.data-dir=…]
 * </pre>
 *
 * A running hub does the same at {@code POST /api/v1/archive/keys/rotation} (role {@code operator}).
 */
@EnableConfigurationProperties(ClueHubProperties.class)
@Import({DatabaseConfiguration.class, ArchiveCryptoConfiguration.class, ArchiveStore.class, ArchiveRekeyer.class,
        ArchiveAudit.class})
public class RotateFieldKeysCommand {

    public static final int DONE = 0;
    public static final int FAILED = 2;

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JsonMapper jsonMapper() {
        return JsonMapper.builder().build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Rotates (or only reseals) and prints the report; returns the exit code. */
    public static int run(String... args) {
        boolean resealOnly = Arrays.asList(args).contains("reseal");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RotateFieldKeysCommand.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.threshold.console=off", "spring.main.register-shutdown-hook=false",
                        "cluehub.archive.field-keys.generate=false")
                .run(args)) {
            ArchiveRekeyer rekeyer = context.getBean(ArchiveRekeyer.class);
            ArchiveRekeyer.Report report = resealOnly ? rekeyer.reseal() : rekeyer.rotate();
            ArchiveAudit audit = context.getBean(ArchiveAudit.class);
            ObjectNode outcome = audit.details();
            outcome.put("keyId", report.keyId());
            outcome.put("resealed", report.resealed());
            outcome.put("outboxResealed", report.outboxResealed());
            outcome.put("unreadable", report.unreadable());
            audit.record(ArchiveAudit.Actor.commandLine("rotate-field-keys"),
                    resealOnly ? "field-key-reseal" : "field-key-rotation", null, null, outcome);
            System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(report));
            return DONE;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("rotate-field-keys: " + root.getClass().getSimpleName() + ": " + root.getMessage());
            return FAILED;
        }
    }
}
