package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evidence bundle on the running hub, checked the way its reader would: unpacked into a folder, and every command
 * of its {@code VERIFY.md} run there exactly as written, with the system's {@code sha256sum} and {@code openssl}
 * (the time-stamp verifies, every chain file hashes to its entry hash, every message file to the SHA-256 the chain
 * records); the links between chain files checked as VERIFY.md tells the reader to; a byte changed in a chain or
 * message file makes the same commands fail. The request is audited; only investigators get a bundle.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceBundleEndpointTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String CASE = "SAMR-330106-2026-00042";
    private static final String SAMR_CASE = "SAMR-330100-2026-00107";
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Value("${local.server.port}")
    int port;
    @TempDir
    Path work;

    private HubRest rest;
    private final List<String> clues = new ArrayList<>();
    private String samrBody;

    @BeforeAll
    void sendMessages() throws Exception {
        rest = new HubRest(port, credentials);
        try (Office samr = new Office("SAMR-330106", credentials); Office city = new Office("SAMR-330100",
                credentials)) {
            for (int i = 0; i < 2; i++) {
                String id = HubTestSupport.freshId();
                String body = HubTestSupport.designClue(id);
                clues.add(body);
                samr.send(body);
                assertThat(samr.receive(15_000, m -> id.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
                String other = HubTestSupport.freshId();
                samr.send(HubTestSupport.designClue(other).replace(CASE, "SAMR-330106-2026-00077"));
                assertThat(samr.receive(15_000, m -> other.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
            }
            String samrId = HubTestSupport.freshId();
            samrBody = new String(getClass().getResourceAsStream("/agency/samr-json/clue.transfer.json")
                    .readAllBytes(), StandardCharsets.UTF_8).replace("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", samrId);
            city.send(samrBody);
            assertThat(city.receive(15_000, m -> samrId.equals(property(m, "ClueHubInReplyTo")))).isNotNull();
        }
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path download(String caseRef, Path into) throws IOException {
        HttpResponse<byte[]> response = rest.get("/api/v1/archive/bundles?caseRef=" + caseRef, "investigator");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
        Files.createDirectories(into);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = into.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(into)).isTrue();
                Files.createDirectories(file.getParent());
                Files.write(file, zip.readAllBytes());
            }
        }
        return into;
    }

    private record Run(int code, String output) {
    }

    private static Run sh(Path dir, String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** Every command of VERIFY.md's {@code sh} blocks, in order. */
    private static List<String> commands(Path bundle) throws IOException {
        List<String> commands = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(Files.readString(bundle.resolve("VERIFY.md")));
        while (m.find()) {
            Arrays.stream(m.group(1).split("\n")).filter(l -> !l.isBlank()).forEach(commands::add);
        }
        return commands;
    }

    /** Runs VERIFY.md as written; every command must succeed. */
    private static void verifyAsWritten(Path bundle) throws Exception {
        List<String> commands = commands(bundle);
        assertThat(commands).anyMatch(c -> c.startsWith("openssl ts -verify"))
                .anyMatch(c -> c.equals("sha256sum -c chain/SHA256SUMS"))
                .anyMatch(c -> c.equals("sha256sum -c messages/SHA256SUMS"))
                .allMatch(c -> c.startsWith("openssl ") || c.startsWith("sha256sum "));
        for (String command : commands) {
            Run run = sh(bundle, command);
            assertThat(run.code()).as("%s:%n%s", command, run.output()).isZero();
            if (command.startsWith("openssl")) {
                assertThat(run.output()).contains("Verification: OK");
            } else {
                assertThat(run.output().lines()).isNotEmpty().allMatch(l -> l.endsWith(": OK"));
            }
        }
    }

    @Test
    void theBundleVerifiesWithSha256sumAndOpensslExactlyAsVerifyMdSays() throws Exception {
        Path bundle = download(CASE, work.resolve("case"));
        verifyAsWritten(bundle);

        // Step "links" of VERIFY.md: each chain file begins with the previous entry's hash.
        List<String> sums = Files.readAllLines(bundle.resolve("chain/SHA256SUMS"));
        for (int i = 1; i < sums.size(); i++) {
            String previousHash = sums.get(i - 1).substring(0, 64);
            String file = sums.get(i).substring(66);
            assertThat(new String(Files.readAllBytes(bundle.resolve(file)), 0, 64, StandardCharsets.US_ASCII))
                    .as("link of %s", file).isEqualTo(previousHash);
        }
        // The time-stamped data names the last chain entry and its hash.
        JsonNode manifest = json.readTree(Files.readAllBytes(bundle.resolve("manifest.json")));
        long head = manifest.path("timestamp").path("headSeq").asLong();
        assertThat(Files.readString(bundle.resolve("timestamps/archive-head-" + head + ".txt")))
                .isEqualTo(head + ":" + sums.get(sums.size() - 1).substring(0, 64));
        assertThat(sums.get(sums.size() - 1)).endsWith("chain/" + head + ".txt");
        assertThat(manifest.path("chain").path("recomputedByHub").asBoolean()).isTrue();
        assertThat(manifest.path("messages").asInt()).isEqualTo(2);

        List<JsonNode> messages = Files.readAllLines(bundle.resolve("messages.ndjson")).stream()
                .map(json::readTree).toList();
        assertThat(messages).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode m = messages.get(i);
            assertThat(new String(Base64.getDecoder().decode(m.path("rawBase64").asString()), StandardCharsets.UTF_8))
                    .isEqualTo(clues.get(i));
            assertThat(Files.readString(bundle.resolve(m.path("rawFile").asString()))).isEqualTo(clues.get(i));
            assertThat(m.path("canonical").path("caseRef").asString()).isEqualTo(CASE);
            assertThat(m.path("decision").path("status").asString()).isEqualTo("accepted");
            String chainFile = Files.readString(bundle.resolve(m.path("chainFile").asString()));
            assertThat(chainFile).contains("\nrawSha256=" + m.path("rawSha256").asString() + "\n")
                    .contains("seq=" + m.path("seq").asLong() + "\n");
        }
        assertThat(Files.readAllLines(bundle.resolve("chain.ndjson"))).hasSize(sums.size());
        assertThat(Files.readString(bundle.resolve("chain.ndjson"))).contains("SAMR-330106-2026-00077");

        JsonNode audit = json.readTree(rest.get("/api/v1/archive/messages?kind=audit&caseRef=" + CASE,
                "investigator").body()).path("items");
        assertThat(audit.findValuesAsString("type")).contains("audit.evidence-bundle");
    }

    @Test
    void aChangedByteInAChainOrMessageFileFailsTheSameCommands() throws Exception {
        Path bundle = download(CASE, work.resolve("tampered"));
        List<String> sums = Files.readAllLines(bundle.resolve("chain/SHA256SUMS"));
        Path chainFile = bundle.resolve(sums.get(0).substring(66));
        Files.writeString(chainFile, Files.readString(chainFile).replace("status=accepted", "status=rejected"));
        assertThat(sh(bundle, "sha256sum -c chain/SHA256SUMS").code()).isNotZero();

        Path raw = Files.list(bundle.resolve("messages")).filter(p -> p.toString().endsWith(".raw")).findFirst()
                .orElseThrow();
        Files.writeString(raw, Files.readString(raw).replace("counterfeit", "genuine"));
        assertThat(sh(bundle, "sha256sum -c messages/SHA256SUMS").code()).isNotZero();
    }

    @Test
    void anAgencyFormatCaseCarriesItsRawBytesAndCanonicalForm() throws Exception {
        Path bundle = download(SAMR_CASE, work.resolve("samr"));
        verifyAsWritten(bundle);
        JsonNode message = json.readTree(Files.readAllLines(bundle.resolve("messages.ndjson")).get(0));
        assertThat(message.path("format").asString()).isEqualTo("samr-json/1.0");
        long seq = message.path("seq").asLong();
        assertThat(Files.readString(bundle.resolve("messages/" + seq + ".raw"))).isEqualTo(samrBody);
        assertThat(json.readTree(Files.readAllBytes(bundle.resolve("messages/" + seq + ".canonical.json")))
                .path("caseRef").asString()).isEqualTo(SAMR_CASE);
        assertThat(Files.readString(bundle.resolve("chain/" + seq + ".txt")))
                .contains("\ncanonicalSha256=" + message.path("canonicalSha256").asString() + "\n");
    }

    @Test
    void onlyInvestigatorsGetABundleOfACaseTheArchiveHolds() {
        assertThat(rest.get("/api/v1/archive/bundles?caseRef=" + CASE, "auditor").statusCode()).isEqualTo(403);
        assertThat(rest.get("/api/v1/archive/bundles?caseRef=NOPE-1", "investigator").statusCode()).isEqualTo(404);
        assertThat(rest.get("/api/v1/archive/bundles", "investigator").statusCode()).isEqualTo(400);
    }
}
