package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.personal.SubjectKeys;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running hub with its demo field keys: the §10 clue goes through the real intake, and the archive's tables hold
 * neither the identity number nor the person's name in clear, while a search by the number finds the entry. An
 * operator rotates the keys over REST; bodies, the outbox's copies included, move to the new key and the chain still
 * verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PersonalDataEndToEndTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String ID_NUMBER = "330106199503141237";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    ArchiveStore archive;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    DataSource dataSource;
    @Autowired
    JsonMapper json;
    @Value("${local.server.port}")
    int port;

    @Test
    void theDesignClueIsEncryptedAtRestFoundByItsIdentityNumberAndSurvivesRotation() throws Exception {
        String id = HubTestSupport.freshId();
        try (Office samr = new Office("SAMR-330106", credentials)) {
            samr.send(HubTestSupport.designClue(id));
            assertThat(samr.receive(15_000)).as("receipt").isNotNull();
        }
        ArchiveEntry entry = archive.findByMessage("SAMR-330106", id, 1).get(0);
        assertThat(new String(entry.raw(), StandardCharsets.UTF_8)).contains(ID_NUMBER);
        assertThat(Files.exists(KeyStoreFieldKeys.keystorePath(DATA))).as("demo keystore outside the database").isTrue();

        // Every table, outbox_message included: the intake seals the delivered bodies it keeps for recovery.
        List<String> cells = archiveCells();
        assertThat(cells).anyMatch(c -> c.contains(id));
        assertThat(cells).noneMatch(c -> c.contains(ID_NUMBER));
        assertThat(cells).noneMatch(c -> c.contains("Li Example"));
        assertThat(archive.seqsWithSubject(SubjectKeys.IDENTIFIER_KINDS, archive.subjects().identifier(ID_NUMBER), 10))
                .contains(entry.seq());

        HubRest rest = new HubRest(port, credentials);
        assertThat(rest.post("/api/v1/archive/keys/rotation", "investigator", null).statusCode()).isEqualTo(403);
        var rotated = rest.post("/api/v1/archive/keys/rotation", "operator", null);
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(rotated.body());
        assertThat(report.path("keyId").asString()).isEqualTo("field-aes-2");
        assertThat(report.path("resealed").asLong()).isPositive();
        assertThat(report.path("outboxResealed").asLong()).as("the delivery and the receipt").isGreaterThanOrEqualTo(2);
        assertThat(new JdbcTemplate(dataSource)
                .queryForList("SELECT DISTINCT body_key FROM outbox_message", String.class))
                .containsExactly("field-aes-2");
        assertThat(new String(rotated.body(), StandardCharsets.UTF_8)).doesNotContain(ID_NUMBER);

        ArchiveEntry after = archive.findByMessage("SAMR-330106", id, 1).get(0);
        assertThat(after.raw()).isEqualTo(entry.raw());
        assertThat(verifier.verify().valid()).isTrue();
    }

    /** Every cell of every table, the intake's outbox included, as text. */
    private List<String> archiveCells() throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).isNotEmpty();
            for (String table : tables) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof byte[] bytes) {
                                cells.add(new String(bytes, StandardCharsets.UTF_8));
                            } else if (value != null) {
                                cells.add(rs.getString(i));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }
}
