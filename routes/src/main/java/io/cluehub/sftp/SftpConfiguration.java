package io.cluehub.sftp;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.Directory;
import io.cluehub.directory.SftpServer;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the SFTP channel ({@code cluehub.sftp.*}): the hub's client identity, the database-backed record of files
 * taken (shared by every hub instance), the routes per SFTP office, and in the demo the SFTP server standing in for
 * the offices' own. {@code cluehub.sftp.enabled=false} turns the channel off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cluehub.sftp.enabled", havingValue = "true", matchIfMissing = true)
public class SftpConfiguration {

    @Bean
    public SftpClientIdentity sftpClientIdentity(ClueHubProperties properties) {
        Path dir = properties.dataDir().resolve("sftp");
        ClueHubProperties.Sftp sftp = properties.sftp();
        return SftpClientIdentity.ensure(sftp.privateKey() != null ? sftp.privateKey() : dir.resolve("hub_id_ecdsa"),
                sftp.knownHosts() != null ? sftp.knownHosts() : dir.resolve("known_hosts"));
    }

    @Bean
    public SftpOffices sftpOffices(Directory directory, ClueHubProperties properties) {
        return new SftpOffices(directory, properties.sftp());
    }

    /**
     * Which files have been taken, in the database: an instance claims a file before reading it (so two instances
     * never read the same one), keeps its claim alive while it works, and a claim left by a crashed instance expires
     * after two minutes so that the file is read again (its decisions, already recorded, are then completed rather
     * than taken again).
     */
    @Bean(SftpEndpoints.REPOSITORY_BEAN)
    public JdbcOrphanLockAwareIdempotentRepository sftpPickupRepository(DataSource dataSource, CamelContext camel) {
        JdbcOrphanLockAwareIdempotentRepository repository =
                new JdbcOrphanLockAwareIdempotentRepository(dataSource, "sftp-pickup", camel);
        repository.setCreateTableIfNotExists(false);
        repository.setLockMaxAgeMillis(120_000);
        repository.setLockKeepAliveIntervalMillis(10_000);
        return repository;
    }

    /** Files refused for their names, answered once: a permanent record (they stay in the office's pickup folder). */
    @Bean
    public JdbcMessageIdRepository sftpRefusalsAnswered(DataSource dataSource, CamelContext camel) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "sftp-refused");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    @Bean
    public SftpRoutes sftpRoutes(SftpOffices offices, ClueHubProperties properties, SftpClientIdentity identity,
            JdbcMessageIdRepository sftpRefusalsAnswered,
            org.springframework.beans.factory.ObjectProvider<DemoSftpServer> demo) {
        demo.ifAvailable(server -> { }); // the demo server, when on, is up (and trusted) before the routes connect
        return new SftpRoutes(offices, new SftpEndpoints(properties.sftp(), identity), sftpRefusalsAnswered);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "cluehub.sftp.demo-server.enabled", havingValue = "true")
    public DemoSftpServer demoSftpServer(ClueHubProperties properties, SftpClientIdentity identity,
            SftpOffices offices) {
        ClueHubProperties.DemoServer demo = properties.sftp().demoServer();
        Path root = demo.root() != null ? demo.root() : properties.dataDir().resolve("sftp-demo");
        DemoSftpServer server = DemoSftpServer.start(demo.host(), demo.port(), root, identity, offices::offices);
        for (var office : offices.offices()) {
            SftpServer s = offices.server(office);
            if (s.host().equals(demo.host()) && s.port() == server.port()) {
                server.prepare(office.officeId(), List.of(s.pickup(), s.delivery(), s.receipts(), s.processed(),
                        s.failed()));
            }
        }
        return server;
    }
}
