package io.cluehub.format;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agency formats in the intake pipeline, against the real embedded broker and H2: the demo directory's SAMR-330100
 * speaks samr-json and MPS-330000 mps-xml. Inbound mapping runs before validation, outbound mapping per recipient,
 * and a body that cannot be mapped is rejected at its place in the agency's own message.
 */
@SpringBootTest
@DirtiesContext
class AgencyFormatIntakeTest {

    private static final Path DATA = HubTestSupport.tempDataDir();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("server.port", () -> 0);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    ArchiveStore archive;
    @Autowired
    JsonMapper json;

    private Office samrCity;
    private Office samrDistrict;
    private Office mpsProvince;
    private Office cacCity;

    @BeforeEach
    void connect() throws Exception {
        samrCity = new Office("SAMR-330100", credentials);
        samrDistrict = new Office("SAMR-330106", credentials);
        mpsProvince = new Office("MPS-330000", credentials);
        cacCity = new Office("CAC-330100", credentials);
    }

    @AfterEach
    void disconnect() throws Exception {
        for (Office office : List.of(samrCity, samrDistrict, mpsProvince, cacCity)) {
            office.close();
        }
    }

    static String resource(String path) {
        try (InputStream in = AgencyFormatIntakeTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String samrClue(String messageId) {
        return resource("/agency/samr-json/clue.transfer.json")
                .replace("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", messageId);
    }

    private JsonNode receipt(Office office, String inReplyTo) throws JMSException {
        Message message = office.receive(15_000, m -> inReplyTo.equals(property(m, "ClueHubInReplyTo")));
        assertThat(message).as("receipt for %s", inReplyTo).isNotNull();
        return json.readTree(((TextMessage) message).getText());
    }


    @Test
    void samrJsonIsMappedInValidatedAndDeliveredInEachRecipientsFormat() throws Exception {
        String id = freshId();
        String sent = samrClue(id);

        samrCity.send(sent);

        Message toCac = cacCity.receive(15_000, m -> id.equals(property(m, "ClueHubMessageId")));
        assertThat(toCac).isNotNull();
        assertThat(toCac.getStringProperty("ClueHubFormat")).isEqualTo("canonical");
        JsonNode canonical = json.readTree(((TextMessage) toCac).getText());
        assertThat(canonical.path("messageId").asString()).isEqualTo(id);
        assertThat(canonical.path("sender").asString()).isEqualTo("SAMR-330100");
        assertThat(canonical.at("/payload/violations/0/category").asString()).isEqualTo("false-advertising");
        assertThat(canonical.at("/payload/subjects/1/idNumber").asString()).isEqualTo("330106199503141237");

        Message toMps = mpsProvince.receive(15_000, m -> id.equals(property(m, "ClueHubMessageId")));
        assertThat(toMps).isNotNull();
        assertThat(toMps.getStringProperty("ClueHubFormat")).isEqualTo("mps-xml");
        String xml = ((TextMessage) toMps).getText();
        assertThat(xml).startsWith("<?xml").contains("<JingQingXianSuo").contains("<XiaoXiBianHao>" + id)
                .contains("<GMSFHM>330106199503141237</GMSFHM>");

        JsonNode receipt = receipt(samrCity, id);
        assertThat(receipt.at("/payload/status").asString()).isEqualTo("accepted");
        assertThat(receipt.at("/payload/agencyFormat").asString()).isEqualTo("samr-json/1.0");
        assertThat(receipt.at("/payload/rawSha256").asString())
                .isEqualTo(ArchiveEntry.sha256Hex(sent.getBytes(StandardCharsets.UTF_8)));

        ArchiveEntry entry = archive.findByMessage("SAMR-330100", id, 1).get(0);
        assertThat(new String(entry.raw(), StandardCharsets.UTF_8)).isEqualTo(sent);
        assertThat(entry.formatId()).isEqualTo("samr-json/1.0");
        assertThat(json.readTree(entry.canonical()).path("messageId").asString()).isEqualTo(id);
        assertThat(json.readTree(entry.decision()).at("/deliveryFormats/MPS-330000").asString()).isEqualTo("mps-xml");
    }

    @Test
    void anAgencyFormatOfficeMaySendCanonicalJsonWhenItSaysSo() throws Exception {
        String id = freshId();
        String body = designClue(id).replace("\"SAMR-330106\"", "\"SAMR-330100\"");

        samrCity.send(body, Map.of("ClueHubFormat", "canonical"));

        assertThat(receipt(samrCity, id).at("/payload/status").asString()).isEqualTo("accepted");
    }

    @Test
    void aCategoryMissingFromTheSamrCodeListIsRejectedAtTheSamrField() throws Exception {
        String id = freshId();
        String body = samrClue(id).replace("\"leibie\": \"SAMR-XJ-02\"", "\"leibie\": \"SAMR-XJ-99\"");

        samrCity.send(body);

        Message receipt = samrCity.receive(15_000, m -> "receipt".equals(property(m, "ClueHubType")));
        JsonNode answer = json.readTree(((TextMessage) receipt).getText());
        assertThat(answer.at("/payload/status").asString()).isEqualTo("rejected");
        JsonNode issue = answer.at("/payload/outcome/issues/0");
        assertThat(issue.path("code").asString()).isEqualTo("MAPPING_FAILED");
        assertThat(issue.path("location").asString()).isEqualTo("/neirong/weifa/1/leibie");
        assertThat(cacCity.receive(500)).as("nothing delivered").isNull();
    }

    @Test
    void aValidationIssueAfterMappingNamesTheAgencyField() throws Exception {
        String id = freshId();
        String body = samrClue(id).replace("\"anjianBianhao\": \"SAMR-330100-2026-00107\"",
                "\"anjianBianhao\": \"not a case reference\"");

        samrCity.send(body);

        JsonNode answer = receipt(samrCity, id);
        assertThat(answer.at("/payload/status").asString()).isEqualTo("rejected");
        JsonNode issue = answer.at("/payload/outcome/issues/0");
        assertThat(issue.path("location").asString()).isEqualTo("/anjianBianhao");
        assertThat(issue.path("diagnostics").asString()).contains("canonical field /caseRef");
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRejectedAndTheHubKeepsServing() throws Exception {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE JingQingXianSuo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <JingQingXianSuo><XiaoXiBianHao>&xxe;</XiaoXiBianHao></JingQingXianSuo>""";
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        lol.append("]>\n<JingQingXianSuo>&lol9;</JingQingXianSuo>");

        for (String attack : List.of(xxe, lol.toString())) {
            mpsProvince.send(attack);
            Message receipt = mpsProvince.receive(15_000, m -> "receipt".equals(property(m, "ClueHubType")));
            assertThat(receipt).isNotNull();
            String text = ((TextMessage) receipt).getText();
            JsonNode answer = json.readTree(text);
            assertThat(answer.at("/payload/status").asString()).isEqualTo("rejected");
            assertThat(answer.at("/payload/outcome/issues/0/code").asString()).isEqualTo("MAPPING_FAILED");
            assertThat(text).doesNotContain("root:");
        }

        String id = freshId();
        mpsProvince.send(resource("/agency/mps-xml/clue.transfer.xml")
                .replace("c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f", id));
        assertThat(receipt(mpsProvince, id).at("/payload/status").asString()).isEqualTo("accepted");
    }

    @Test
    void aFormatTheOfficeDoesNotSpeakIsRefused() throws Exception {
        String id = freshId();
        samrDistrict.send(designClue(id), Map.of("ClueHubFormat", "mps-xml"));

        // Refused before the body is read: the receipt matches the message by its rawSha256, not its messageId.
        Message receipt = samrDistrict.receive(15_000, m -> "receipt".equals(property(m, "ClueHubType")));
        JsonNode answer = json.readTree(((TextMessage) receipt).getText());
        assertThat(answer.at("/payload/rawSha256").asString())
                .isEqualTo(ArchiveEntry.sha256Hex(designClue(id).getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.at("/payload/status").asString()).isEqualTo("rejected");
        assertThat(answer.at("/payload/outcome/issues/0/code").asString()).isEqualTo("FORMAT_UNKNOWN");
    }
}
