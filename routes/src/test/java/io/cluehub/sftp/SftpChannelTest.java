package io.cluehub.sftp;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import io.cluehub.support.OfficeSftpServer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SFTP channel against a real SFTP server started by the test (Apache MINA SSHD, port 0) standing in for
 * STA-330000's own: the demo directory's STA-330000 entry, pointed at it with the documented override properties.
 */
@SpringBootTest
@DirtiesContext
class SftpChannelTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final OfficeSftpServer STA = OfficeSftpServer.start(DATA, "sta-hub");

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("server.port", () -> 0);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
        registry.add("cluehub.sftp.poll-interval", () -> "200ms");
        registry.add("cluehub.sftp.stable-for", () -> "200ms");
        registry.add("cluehub.sftp.offices[STA-330000].port", STA::port);
        registry.add("cluehub.sftp.offices[STA-330000].username", () -> "sta-hub");
    }

    @AfterAll
    static void stop() throws IOException {
        STA.close();
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    /** STA-330000 drops a file with its signature beside it. */
    private static void drop(String name, byte[] content) {
        STA.drop(name, content, DATA.resolve("demo-keys").resolve("STA-330000.jwk"));
    }

    /** The reference STA batch (three rows) with fresh messageIds. */
    static String batch(String... ids) {
        return HubTestSupport.staBatch(ids);
    }

    private List<JsonNode> receiptsFor(String sourceFile, int expected) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> receipts(sourceFile), r -> r.size() >= expected);
    }

    private List<JsonNode> receipts(String sourceFile) throws IOException {
        try (Stream<Path> files = Files.list(STA.home().resolve("receipts"))) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> json.readTree(read(p)))
                    .filter(r -> sourceFile.equals(r.at("/payload/sourceFile").asString()))
                    .sorted(java.util.Comparator.comparingInt(r -> r.at("/payload/batchRow").asInt()))
                    .toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(String folder) throws IOException {
        try (Stream<Path> files = Files.list(STA.home().resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }


    @Test
    void aCsvBatchBecomesOneMessagePerRowWithItsOwnReceiptAndTheFileIsMovedToProcessed() throws Exception {
        String[] ids = {freshId(), freshId(), freshId()};
        try (Office samr = new Office("SAMR-330100", credentials);
                Office mps = new Office("MPS-330000", credentials)) {
            drop("clues-batch-1.csv", batch(ids).getBytes(StandardCharsets.UTF_8));

            List<JsonNode> receipts = receiptsFor("clues-batch-1.csv", 3);
            assertThat(receipts).extracting(r -> r.at("/payload/batchRow").asInt()).containsExactly(1, 2, 3);
            assertThat(receipts).extracting(r -> r.at("/payload/status").asString())
                    .containsExactly("accepted", "accepted", "accepted");
            assertThat(receipts).extracting(r -> r.at("/payload/originalMessageId").asString())
                    .containsExactly(ids[0], ids[1], ids[2]);
            assertThat(receipts.get(0).at("/payload/agencyFormat").asString()).isEqualTo("sta-csv/1.0");

            Message first = samr.receive(15_000, m -> ids[0].equals(property(m, "ClueHubMessageId")));
            assertThat(first).as("row 1 delivered to SAMR-330100").isNotNull();
            assertThat(first.getStringProperty("ClueHubSender")).isEqualTo("STA-330000");
            assertThat(first.getStringProperty("ClueHubFormat")).isEqualTo("samr-json");
            assertThat(mps.receive(15_000, m -> ids[0].equals(property(m, "ClueHubMessageId"))))
                    .as("row 1 delivered to MPS-330000").isNotNull();
            assertThat(samr.receive(15_000, m -> ids[1].equals(property(m, "ClueHubMessageId"))))
                    .as("row 2 delivered to SAMR-330100").isNotNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !names("outbox").contains("clues-batch-1.csv"));
        assertThat(names("processed")).anyMatch(n -> n.endsWith("-clues-batch-1.csv"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?",
                Integer.class, "STA-330000:clues-batch-1.csv:%")).isEqualTo(1);
    }

    @Test
    void anInvalidRowIsRejectedOnItsOwnAndTheOtherRowsGoThrough() throws Exception {
        String[] ids = {freshId(), freshId(), freshId()};
        drop("one-bad-row.csv", batch(ids).replace("STA-330000-2026-T0089", "not-a-case-ref")
                .getBytes(StandardCharsets.UTF_8));

        List<JsonNode> receipts = receiptsFor("one-bad-row.csv", 3);
        assertThat(receipts).extracting(r -> r.at("/payload/status").asString())
                .containsExactly("accepted", "rejected", "accepted");
        JsonNode issue = receipts.get(1).at("/payload/outcome/issues/0");
        assertThat(issue.path("location").asString()).as("named in the agency's terms").contains("anjian_bianhao");
        await().atMost(Duration.ofSeconds(10)).until(() -> names("processed").stream()
                .anyMatch(n -> n.endsWith("-one-bad-row.csv")));
    }

    @Test
    void theSameFileDroppedAgainIsAnsweredAsDuplicatesAndNotDeliveredAgain() throws Exception {
        String[] ids = {freshId(), freshId(), freshId()};
        byte[] file = batch(ids).getBytes(StandardCharsets.UTF_8);
        try (Office samr = new Office("SAMR-330100", credentials)) {
            drop("again.csv", file);
            receiptsFor("again.csv", 3);
            assertThat(samr.receive(15_000, m -> ids[1].equals(property(m, "ClueHubMessageId")))).isNotNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> !names("outbox").contains("again.csv"));

            // Another modification time: the office dropped it again.
            STA.drop("again.csv", file, DATA.resolve("demo-keys").resolve("STA-330000.jwk"),
                    java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));

            List<JsonNode> all = receiptsFor("again.csv", 6);
            assertThat(all).filteredOn(r -> r.at("/payload/duplicate").asBoolean()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.at("/payload/outcome/issues/0/code").asString())
                            .isEqualTo("DUPLICATE_MESSAGE"));
            assertThat(samr.receive(2_000, m -> ids[1].equals(property(m, "ClueHubMessageId"))))
                    .as("not delivered twice").isNull();
        }
    }

    @Test
    void anUnsignedFileIsRejectedBecauseTheOfficeMustSign() throws Exception {
        STA.drop("unsigned.csv", batch(freshId(), freshId(), freshId()).getBytes(StandardCharsets.UTF_8));

        JsonNode receipt = receiptsFor("unsigned.csv", 1).get(0);
        assertThat(receipt.at("/payload/outcome/issues/0/code").asString()).isEqualTo("SIGNATURE_MISSING");
        await().atMost(Duration.ofSeconds(10)).until(() -> names("failed").stream()
                .anyMatch(n -> n.endsWith("-unsigned.csv")));
    }

    @Test
    void aFileThatCannotBeReadGoesToFailedWithAReceiptSayingWhy() throws Exception {
        drop("broken.csv", "xiaoxi_id,not_a_column\nx,y\n".getBytes(StandardCharsets.UTF_8));

        JsonNode receipt = receiptsFor("broken.csv", 1).get(0);
        assertThat(receipt.at("/payload/status").asString()).isEqualTo("rejected");
        assertThat(receipt.at("/payload/outcome/issues/0/code").asString()).isEqualTo("MAPPING_FAILED");
        await().atMost(Duration.ofSeconds(10)).until(() -> names("failed").stream()
                .anyMatch(n -> n.endsWith("-broken.csv")));
        assertThat(names("outbox")).doesNotContain("broken.csv");
    }

    @Test
    void aFileNameWithPathSeparatorsOrDotDotIsRefused() throws Exception {
        String evil = "x\\..\\..\\evil.csv";
        STA.drop(evil, batch(freshId(), freshId(), freshId()).getBytes(StandardCharsets.UTF_8));

        JsonNode receipt = receiptsFor(evil, 1).get(0);
        assertThat(receipt.at("/payload/status").asString()).isEqualTo("rejected");
        assertThat(receipt.at("/payload/outcome/issues/0/code").asString()).isEqualTo("FILE_NAME_REFUSED");
        // Never read, never moved through a path it names, and answered once although it is listed at every poll.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receipts(evil).size() == 1);
        assertThat(names("outbox")).contains(evil);
        assertThat(names("processed")).noneMatch(n -> n.contains("evil"));
        Files.delete(STA.home().resolve("outbox").resolve(evil));

        String dotted = "clues..2026.csv";
        STA.drop(dotted, batch(freshId(), freshId(), freshId()).getBytes(StandardCharsets.UTF_8));
        assertThat(receiptsFor(dotted, 1).get(0).at("/payload/outcome/issues/0/code").asString())
                .isEqualTo("FILE_NAME_REFUSED");
    }

    @Test
    void deliveriesToTheOfficeAreWrittenToItsInboxInItsFormatAtomically() throws Exception {
        String id = freshId();
        try (Office samr = new Office("SAMR-330106", credentials)) {
            samr.send(designClue(id).replace("[\"CAC-330100\"]", "[\"STA-330000\"]"));

            Path delivered = await().atMost(Duration.ofSeconds(30)).until(
                    () -> names("inbox").stream().filter(n -> n.startsWith(id) && (n.endsWith(".csv") || n.endsWith(".json")))
                            .findFirst()
                            .map(n -> STA.home().resolve("inbox").resolve(n)).orElse(null),
                    p -> p != null);
            String content = Files.readString(delivered);
            if (delivered.toString().endsWith(".csv")) {
                assertThat(content).startsWith("xiaoxi_id,").contains(id);
            } else {
                assertThat(json.readTree(content).path("messageId").asString()).isEqualTo(id);
            }
            assertThat(names("inbox")).noneMatch(n -> n.endsWith(".part"));
            // The hub's countersignature beside it verifies over the file's bytes with the hub's published key.
            String jws = Files.readString(delivered.resolveSibling(delivered.getFileName() + ".jws"));
            com.nimbusds.jose.jwk.ECKey hubKey = io.cluehub.security.signature.KeyFiles.load(
                    DATA.resolve("keys").resolve("hub-signing.jwk"));
            assertThat(io.cluehub.security.signature.DetachedJws.verify(Files.readAllBytes(delivered), jws,
                    io.cluehub.security.signature.KeyResolver.of(List.of(
                            io.cluehub.security.signature.OfficeKey.of("CLUEHUB", hubKey))),
                    java.time.Instant.now()).valid()).isTrue();
        }
    }
}
