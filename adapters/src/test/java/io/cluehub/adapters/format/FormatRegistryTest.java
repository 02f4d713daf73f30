package io.cluehub.adapters.format;

import static io.cluehub.adapters.format.FormatFolders.builtIn;
import static io.cluehub.adapters.format.FormatFolders.copy;
import static io.cluehub.adapters.format.FormatFolders.replace;
import static io.cluehub.adapters.format.FormatFolders.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading formats: the built-in ones, an operator directory, and folders that are broken. */
class FormatRegistryTest {

    @TempDir
    Path operator;

    @Test
    void holdsTheCanonicalAndTheThreeReferenceFormats() {
        FormatRegistry registry = FormatRegistry.builtIn();

        assertThat(registry.ids()).containsExactly("canonical", "mps-xml", "samr-json", "sta-csv");
        assertThat(registry.find("samr-json")).get().extracting(AgencyFormat::syntax).isEqualTo(Syntax.JSON);
        assertThat(registry.find("mps-xml")).get().extracting(AgencyFormat::syntax).isEqualTo(Syntax.XML);
        assertThat(registry.find("sta-csv")).get().extracting(AgencyFormat::syntax).isEqualTo(Syntax.CSV);
        assertThat(registry.origin("samr-json")).hasValue("classpath:io/cluehub/adapters/formats/samr-json/");
        assertThat(registry.find("no-such-format")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void theCanonicalFormatIsTheIdentity() {
        AgencyFormat canonical = FormatRegistry.builtIn().find(FormatRegistry.CANONICAL).orElseThrow();
        byte[] body = TestFiles.bytes("canonical/clue.transfer.json");

        assertThat(canonical.toCanonical(body)).singleElement().isSameAs(body);
        assertThat(canonical.fromCanonical(body)).isSameAs(body);
        assertThat(canonical.supports("info.share")).isTrue();
        assertThat(canonical.agencyLocation("clue.transfer", "/payload/subjects/0", 0))
                .hasValue("/payload/subjects/0");
        assertThat(canonical.syntax()).isEqualTo(Syntax.JSON);
    }

    @Test
    void findsAFormatByIdAndVersionAsTheDirectoryNamesThem() {
        FormatRegistry registry = FormatRegistry.builtIn();

        assertThat(registry.find("samr-json", "1.0")).isPresent();
        assertThat(registry.find("samr-json", "2.0")).isEmpty();
    }

    @Test
    void anOperatorDirectoryAddsAFormatWithoutJava() {
        copy(FormatFolders.resource("operator-formats/nrta-json"), operator, "nrta-json");

        FormatRegistry registry = FormatRegistry.load(Optional.of(operator));

        assertThat(registry.ids()).containsExactly("canonical", "mps-xml", "nrta-json", "samr-json", "sta-csv");
        assertThat(registry.origin("nrta-json")).hasValue(operator.resolve("nrta-json").toString());
    }

    @Test
    void anOperatorFolderReplacesTheBuiltInFormatOfTheSameId() {
        Path samr = copy(builtIn("samr-json"), operator, "samr-json");
        replace(samr, "format.yml", "version: \"1.0\"", "version: \"1.1\"");
        replace(samr, "codes/weifaLeibie.json", "\"SAMR-XJ-01\"", "\"SAMR-XJ-11\"");

        AgencyFormat replaced = FormatRegistry.load(Optional.of(operator)).find("samr-json").orElseThrow();

        assertThat(replaced.version()).isEqualTo("1.1");
        ObjectNodes.withCategory(replaced, "false-advertising", "SAMR-XJ-11");
    }

    @Test
    void hiddenFoldersAndFilesBesideTheFoldersAreIgnored() throws Exception {
        Files.createDirectories(operator.resolve(".git"));
        Files.writeString(operator.resolve("README.md"), "notes");

        assertThat(FormatRegistry.load(Optional.of(operator)).ids()).hasSize(4);
    }

    @Test
    void aMissingOperatorDirectoryStopsLoading() {
        assertThatThrownBy(() -> FormatRegistry.load(Optional.of(operator.resolve("nowhere"))))
                .isInstanceOf(FormatDefinitionException.class).hasMessageContaining("does not exist");
    }

    @Test
    void theFolderNameMustBeTheFormatId() {
        copy(FormatFolders.resource("operator-formats/nrta-json"), operator, "nrta");

        assertThatThrownBy(() -> FormatRegistry.load(Optional.of(operator)))
                .isInstanceOf(FormatDefinitionException.class)
                .hasMessageContaining("declares the id 'nrta-json' but the folder is named 'nrta'");
    }

    @Test
    void canonicalCannotBeReplaced() {
        Path folder = copy(FormatFolders.resource("operator-formats/nrta-json"), operator, "canonical");

        assertThatThrownBy(() -> FormatRegistry.load(Optional.of(operator)))
                .isInstanceOf(FormatDefinitionException.class).hasMessageContaining("reserved")
                .extracting(e -> ((FormatDefinitionException) e).folder()).isEqualTo(folder.toString());
    }

    @Test
    void aFolderWithoutFormatYmlIsRefused() throws Exception {
        Files.createDirectories(operator.resolve("half-done"));

        assertThatThrownBy(() -> FormatRegistry.load(Optional.of(operator)))
                .isInstanceOf(FormatDefinitionException.class).hasMessageContaining("format.yml is missing");
    }

    @Test
    void aMappingThatDoesNotCompileIsRefusedNamingFileAndLine() {
        Path nrta = nrta();
        write(nrta, "inbound.jsonata", "{\n  \"messageId\": header.id,\n  \"type\": (\n}");

        assertThatThrownBy(() -> load())
                .isInstanceOf(FormatDefinitionException.class)
                .hasMessageContaining("inbound.jsonata does not compile at line ");
    }

    @Test
    void aMissingMappingFileIsRefused() throws Exception {
        Files.delete(nrta().resolve("outbound.jsonata"));

        assertThatThrownBy(this::load).hasMessageContaining("outbound.jsonata is missing");
    }

    @Test
    void aMappingMayNotUseEval() {
        Path nrta = nrta();
        replace(nrta, "inbound.jsonata", "\"messageId\": header.id,", "\"messageId\": $eval(header.id),");

        assertThatThrownBy(this::load).hasMessageContaining("uses $eval");
    }

    @Test
    void aMappingMayOnlyUseDeclaredCodeLists() {
        Path nrta = nrta();
        replace(nrta, "inbound.jsonata", "$code(\"issueCodes\"", "$code(\"issueCode\"");

        assertThatThrownBy(this::load)
                .hasMessageContaining("inbound.jsonata at line 24, column 19").hasMessageContaining("'issueCode'");
    }

    @Test
    void aDeclaredCodeListMustExistAndMapToText() throws Exception {
        Path nrta = nrta();
        Files.delete(nrta.resolve("codes/partyTypes.json"));
        assertThatThrownBy(this::load).hasMessageContaining("codes/partyTypes.json is missing");

        write(nrta, "codes/partyTypes.json", "{\"ORG\": 1}");
        assertThatThrownBy(this::load).hasMessageContaining("the code 'ORG' must map to a canonical value");

        write(nrta, "codes/partyTypes.json", "[\"ORG\"]");
        assertThatThrownBy(this::load).hasMessageContaining("must be a non-empty JSON object");
    }

    @Test
    void formatYmlIsCheckedKeyByKey() {
        Path nrta = nrta();
        String valid = FormatFolders.read(nrta, "format.yml");

        assertRefused(nrta, valid.replace("syntax: json", "syntax: yaml"), "syntax 'yaml' must be json, xml or csv");
        assertRefused(nrta, valid.replace("syntax: json", "syntx: json"), "unknown key 'syntx'");
        assertRefused(nrta, valid.replace("version: \"1.0\"\n", ""), "version is required");
        assertRefused(nrta, valid.replace("id: nrta-json", "id: NRTA JSON"), "must be lower-case");
        assertRefused(nrta, valid.replace("messageTypes: [clue.transfer]", "messageTypes: [transfer]"),
                "'transfer' is not a message type");
        assertRefused(nrta, valid.replace("messageTypes: [clue.transfer]", "messageTypes: []"),
                "messageTypes must name at least one");
        assertRefused(nrta, valid.replace("  clue.transfer:\n", "  clue.status:\n"),
                "locations.clue.status: must be 'envelope' or one of the messageTypes");
        assertRefused(nrta, valid.replace("/messageId: /header/id", "messageId: /header/id"),
                "'messageId' is not a JSON Pointer");
        assertRefused(nrta, valid + "xml:\n  roots: {clue.transfer: X}\n", "an xml section is only for syntax xml");
        assertRefused(nrta, "id: [", "format.yml is not valid YAML");
    }

    @Test
    void xmlAndCsvSettingsAreChecked() {
        Path mps = copy(builtIn("mps-xml"), operator, "mps-xml");
        String xml = FormatFolders.read(mps, "format.yml");
        assertRefused(mps, xml.replace("    clue.status: XianSuoFanKui\n", ""),
                "xml.roots must name a document element for exactly the messageTypes");
        assertRefused(mps, xml.replace("clue.status: XianSuoFanKui", "clue.status: JingQingXianSuo"),
                "uses the element JingQingXianSuo for two message types");
        assertRefused(mps, xml.replace("repeat: [JieShouDanWei", "repeat: [1Bad"), "'1Bad' is not an XML element name");
        write(mps, "format.yml", xml);

        Path sta = copy(builtIn("sta-csv"), operator, "sta-csv");
        String csv = FormatFolders.read(sta, "format.yml");
        assertRefused(sta, csv.replace("maxRows: 10000", "maxRows: 20000"), "csv.maxRows must be a whole number");
        assertRefused(sta, csv.replace("delimiter: \",\"", "delimiter: \";;\""), "csv.delimiter must be one");
        assertRefused(sta, csv.replace("charset: UTF-8", "charset: KOI9-X"), "csv.charset 'KOI9-X'");
        assertRefused(sta, csv.replace("zj3_shijian\n", "zj3_shijian, zj3_uri\n"), "csv.columns must be distinct");
        assertRefused(sta, csv.replace("codeLists: [nsrLeixing, weifaLeibie]",
                "codeLists: [nsrLeixing, weifaLeibie]\nmessageTypes: [clue.status]"),
                "exactly the type of csv.messageType");
    }

    @Test
    void aFormatWithADifferentDelimiterAndCharsetReadsAndWritesThem() throws Exception {
        Path sta = copy(builtIn("sta-csv"), operator, "sta-csv");
        replace(sta, "format.yml", "delimiter: \",\"", "delimiter: \"|\"");
        replace(sta, "format.yml", "charset: UTF-8", "charset: GB18030");
        AgencyFormat gbk = FormatRegistry.load(Optional.of(operator)).find("sta-csv").orElseThrow();

        byte[] file = gbk.fromCanonical(TestFiles.bytes("agency/samr-json/clue.transfer.expected.json"));

        String text = new String(file, java.nio.charset.Charset.forName("GB18030"));
        assertThat(text).startsWith("xiaoxi_id|fasongfang|");
        assertThat(text).contains("杭州示例商贸有限公司");
        assertThat(file).isNotEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(TestFiles.json(gbk.toCanonical(file).get(0)).at("/payload/subjects/0/name").asString())
                .isEqualTo("杭州示例商贸有限公司");
    }

    private Path nrta() {
        return copy(FormatFolders.resource("operator-formats/nrta-json"), operator, "nrta-json");
    }

    private FormatRegistry load() {
        return FormatRegistry.load(Optional.of(operator));
    }

    private void assertRefused(Path folder, String formatYml, String message) {
        write(folder, "format.yml", formatYml);
        assertThatThrownBy(this::load).as(message).isInstanceOf(FormatDefinitionException.class)
                .hasMessageContaining(message);
    }

    /** Small assertions on mapped messages. */
    private static final class ObjectNodes {
        static void withCategory(AgencyFormat samr, String category, String code) {
            var agency = TestFiles.json(samr.fromCanonical(TestFiles.bytes("canonical/clue.transfer.json")));
            assertThat(agency.at("/neirong/weifa/0/leibie").asString()).isNotEqualTo(code);
            var clue = TestFiles.object("canonical/clue.transfer.json");
            ((tools.jackson.databind.node.ObjectNode) clue.at("/payload/violations/0")).put("category", category);
            var mapped = TestFiles.json(samr.fromCanonical(TestFiles.bytes(clue)));
            assertThat(mapped.at("/neirong/weifa/0/leibie").asString()).isEqualTo(code);
        }
    }
}
