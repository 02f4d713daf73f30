package io.cluehub.adapters.format;

import static io.cluehub.adapters.format.TestFiles.assertValid;
import static io.cluehub.adapters.format.TestFiles.bytes;
import static io.cluehub.adapters.format.TestFiles.instants;
import static io.cluehub.adapters.format.TestFiles.json;
import static io.cluehub.adapters.format.TestFiles.text;
import static io.cluehub.adapters.format.TestFiles.utf8;
import static io.cluehub.adapters.format.TestFiles.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** sta-csv: STA batch files, a header row and one clue.transfer per row. */
class StaCsvFormatTest {

    /**
     * Canonical fields sta-csv does not carry (also listed in the format's README): a clue.transfer's inReplyTo, the
     * live rooms, and an evidence item's media type, size and description. Times are carried to the second in Beijing
     * time: the instant survives, the offset becomes +08:00.
     */
    static final List<String> NOT_CARRIED = List.of(
            "/inReplyTo", "/payload/liveRooms", "/payload/evidence/*/mediaType", "/payload/evidence/*/sizeBytes",
            "/payload/evidence/*/description");

    private final AgencyFormat sta = TestFiles.format("sta-csv");

    @Test
    void describesItself() {
        assertThat(sta.syntax()).isEqualTo(Syntax.CSV);
        assertThat(sta.syntax().fileExtension()).isEqualTo("csv");
        assertThat(sta.supports("clue.transfer")).isTrue();
        assertThat(sta.supports("clue.status")).isFalse();
    }

    @Test
    void mapsEveryRowOfARealisticBatchToAValidCanonicalClue() {
        List<byte[]> out = sta.toCanonical(bytes("agency/sta-csv/batch.csv"));

        JsonNode expected = json("agency/sta-csv/batch.expected.json");
        assertThat(out).hasSize(3);
        for (int i = 0; i < out.size(); i++) {
            assertThat(json(out.get(i))).as("row %d", i + 1).isEqualTo(expected.get(i));
            // The taxation profile: every organisation or person carries a taxpayer id.
            assertValid(out.get(i), "sta");
        }
    }

    @Test
    void anOrganisationsTaxpayerNumberServesAsItsCreditCodeAndAPersonsAsItsIdNumber() {
        List<byte[]> out = sta.toCanonical(bytes("agency/sta-csv/batch.csv"));

        assertThat(json(out.get(1)).at("/payload/subjects/0/uscc").asString()).isEqualTo("91330100MA27XY3P10");
        assertThat(json(out.get(2)).at("/payload/subjects/0/idNumber").asString()).isEqualTo("330106199503141237");
    }

    @Test
    void roundTripOfAnStaClueKeepsEveryField() {
        byte[] canonical = bytes("canonical/sta.clue.transfer.json");

        List<byte[]> back = sta.toCanonical(sta.fromCanonical(canonical));

        assertThat(back).hasSize(1);
        assertThat(json(back.get(0))).isEqualTo(json(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "canonical/clue.transfer.json",
        "canonical/design-section-10.json",
        "canonical/clue.transfer-full.json",
        "canonical/sta.clue.transfer.json"})
    void roundTripKeepsEveryFieldTheFormatCarries(String fixture) {
        JsonNode canonical = json(bytes(fixture));

        List<byte[]> back = sta.toCanonical(sta.fromCanonical(bytes(fixture)));

        assertThat(back).hasSize(1);
        assertThat(instants(json(back.get(0)))).isEqualTo(instants(without(canonical, NOT_CARRIED)));
    }

    @Test
    void outboundWritesTheHeaderAndOneRowInBeijingTime() {
        String file = utf8(sta.fromCanonical(bytes("canonical/design-section-10.json")));

        String[] lines = file.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("xiaoxi_id,fasongfang,jieshoufang,anjian_bianhao,fasong_shijian,");
        assertThat(lines[0].split(",")).hasSize(61);
        // 08:15Z is 16:15 in Beijing.
        assertThat(lines[1]).startsWith("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10,SAMR-330106,CAC-330100,"
                + "SAMR-330106-2026-00042,2026-11-22 16:15:00,sensitive,originator-consent,");
        assertThat(lines[1]).contains(",203,Art.18(3),").contains(",202,Art.18(4),");
    }

    @Test
    void valuesWithDelimitersQuotesAndLineBreaksAreQuoted() {
        String file = utf8(sta.fromCanonical(bytes("canonical/clue.transfer-full.json")));

        assertThat(file).contains("\"MCN agency has hosts sell unlicensed health food with fabricated sales counters; "
                + "tipping income undeclared.\nSecond line: \"\"quoted\"\", commas,");
        assertThat(file).contains(",MPS-330000;STA-330000,");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRejectedNamingTheRow() {
        String[] lines = text("agency/sta-csv/batch.csv").split("\r\n");
        lines[2] = lines[2].substring(0, lines[2].lastIndexOf(','));
        byte[] file = String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);

        MappingException e = catchThrowableOfType(MappingException.class, () -> sta.toCanonical(file));

        assertThat(e.location()).isEqualTo("row 2");
        assertThat(e.getMessage()).isEqualTo("Row 2 has 60 fields but the header has 61 (line 3 of the file).");
    }

    @Test
    void anUnknownCategoryCodeIsRejectedAtItsRowAndColumn() {
        String file = text("agency/sta-csv/batch.csv").replace(",103,", ",109,");

        MappingException e = rejected(file);

        assertThat(e.location()).isEqualTo("row 3, column wf2_leibie");
        assertThat(e.getMessage()).contains("'109'").contains("weifaLeibie");
        assertThat(e.toIssue().code()).isEqualTo(IssueCode.MAPPING_FAILED);
    }

    @Test
    void aTimeNotInTheAgencysFormatIsRejectedAtItsRowAndColumn() {
        String file = text("agency/sta-csv/batch.csv").replace("2026-11-27 09:00:05", "27/11/2026 09:00");

        MappingException e = rejected(file);

        assertThat(e.location()).isEqualTo("row 2, column fasong_shijian");
        assertThat(e.getMessage()).contains("yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void anUnknownHeaderColumnIsRejectedAtTheHeader() {
        String file = text("agency/sta-csv/batch.csv").replaceFirst("fenxiang", "fenxiang_x");

        MappingException e = rejected(file);

        assertThat(e.location()).isEqualTo("header, column 7");
        assertThat(e.getMessage()).contains("'fenxiang_x'");
    }

    @Test
    void aColumnNamedTwiceIsRejectedAtTheHeader() {
        String file = text("agency/sta-csv/batch.csv").replaceFirst("fenxiang", "miji");

        assertThat(rejected(file).getMessage()).contains("miji twice");
    }

    @Test
    void aHeaderMayListSomeColumnsInAnyOrder() {
        String file = "wf1_leibie,wf1_miaoshu,zhaiyao,xiaoxi_id,fasong_shijian,xzqh_dm,nsr1_leixing,nsr1_juese,"
                + "nsr1_mc,nsr1_nsrsbh,fasongfang,anjian_bianhao,miji,fenxiang,jieshoufang\r\n"
                + "101,Tips to a personal account,Undeclared tipping income,0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9,"
                + "2026-12-01 08:00:00,330106,ZRR,marketer,Sun Example,330106199503141237,STA-330106,"
                + "STA-330106-2026-00001,internal,allowed,SAMR-330106\r\n";

        List<byte[]> out = sta.toCanonical(file.getBytes(StandardCharsets.UTF_8));

        assertThat(out).hasSize(1);
        assertValid(out.get(0), "sta");
        assertThat(json(out.get(0)).at("/sentAt").asString()).isEqualTo("2026-12-01T08:00:00+08:00");
    }

    @Test
    void aFileWithOnlyItsHeaderHoldsNoMessages() {
        String header = text("agency/sta-csv/batch.csv").split("\r\n")[0] + "\r\n";

        assertThat(sta.toCanonical(header.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void anEmptyFileIsRejected() {
        assertThat(catchThrowableOfType(MappingException.class, () -> sta.toCanonical(new byte[0])).getMessage())
                .contains("header row");
    }

    @Test
    void aByteOrderMarkFromASpreadsheetIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(bom);
        file.writeBytes(bytes("agency/sta-csv/batch.csv"));

        assertThat(sta.toCanonical(file.toByteArray())).hasSize(3);
    }

    @Test
    void blankLinesAreSkippedAndDoNotCountAsRows() {
        String file = text("agency/sta-csv/batch.csv").replace("\r\n6f5e4d3c", "\r\n\r\n6f5e4d3c")
                .replace(",103,", ",109,");

        assertThat(rejected(file).location()).isEqualTo("row 3, column wf2_leibie");
    }

    @Test
    void anUnterminatedQuoteIsRejectedNamingTheRow() {
        String file = text("agency/sta-csv/batch.csv").replace(",Zhejiang,", ",\"Zhejiang,");

        MappingException e = rejected(file);

        assertThat(e.location()).startsWith("row ");
        assertThat(e.getMessage()).contains("not well-formed CSV");
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        byte[] file = text("agency/sta-csv/batch.csv").getBytes(java.nio.charset.Charset.forName("GB18030"));

        assertThat(catchThrowableOfType(MappingException.class, () -> sta.toCanonical(file)).getMessage())
                .isEqualTo("The file is not valid UTF-8 text.");
    }

    @Test
    void aFileOfMoreThanTenThousandRowsIsRejectedQuickly() {
        String[] lines = text("agency/sta-csv/batch.csv").split("\r\n");
        StringBuilder file = new StringBuilder(lines[0]).append("\r\n");
        // Cheap rows: the codec stops at row 10,001, before any mapping runs on the rest.
        String row = ",".repeat(60) + "\r\n";
        file.append(row.repeat(10_001));

        MappingException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> catchThrowableOfType(
                MappingException.class, () -> sta.toCanonical(file.toString().getBytes(StandardCharsets.UTF_8))));

        assertThat(e.location()).isEqualTo("row 10001");
        assertThat(e.getMessage()).contains("more than 10000 rows");
    }

    @Test
    void aFileOfTenThousandRowsIsMapped() {
        String[] lines = text("agency/sta-csv/batch.csv").split("\r\n");
        StringBuilder file = new StringBuilder(lines[0]).append("\r\n");
        for (int i = 0; i < 10_000; i++) {
            file.append(lines[1 + i % 3]).append("\r\n");
        }

        List<byte[]> out = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> sta.toCanonical(file.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(out).hasSize(10_000);
        assertThat(json(out.get(9_999)).get("caseRef").asString()).isEqualTo("STA-330000-2026-T0088");
    }

    @Test
    void outboundRefusesMoreSubjectsThanTheFileHasColumnsFor() {
        ObjectNode clue = TestFiles.object("canonical/clue.transfer-full.json");
        ArrayNode subjects = (ArrayNode) clue.at("/payload/subjects");
        subjects.add(subjects.get(0).deepCopy());

        MappingException e = catchThrowableOfType(MappingException.class,
                () -> sta.fromCanonical(TestFiles.bytes(clue)));

        assertThat(e.location()).isEqualTo("/payload/subjects/3");
        assertThat(e.getMessage()).isEqualTo("The sta-csv format carries at most 3 subjects per clue.");
    }

    @Test
    void outboundRefusesATypeStaDoesNotCarry() {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> sta.fromCanonical(bytes("canonical/clue.status.json")));

        assertThat(e.location()).isEqualTo("/type");
    }

    @Test
    void theTaxationProfilesIssueCanNameTheStaColumn() {
        // An organisation given by its credit code alone: the base schema is met, the taxation profile is not.
        String file = text("agency/sta-csv/batch.csv").replace(",91330000MA28QW6T4M,91330000MA28QW6T4M,",
                ",,91330000MA28QW6T4M,");
        byte[] canonical = sta.toCanonical(file.getBytes(StandardCharsets.UTF_8)).get(0);

        Issue issue = TestFiles.validate(canonical, "sta").firstBlocking();

        assertThat(issue.code()).isEqualTo(IssueCode.PROFILE_CONSTRAINT);
        assertThat(issue.location()).isEqualTo("/payload/subjects/1/taxpayerId");
        assertThat(sta.agencyLocation("clue.transfer", issue.location(), 0)).hasValue("row 1, column nsr2_nsrsbh");
    }

    @Test
    void canonicalPointersTranslateToRowsAndColumns() {
        assertThat(sta.agencyLocation("clue.transfer", "/payload/violations/2/category", 4))
                .hasValue("row 5, column wf3_leibie");
        assertThat(sta.agencyLocation("clue.transfer", "/recipients/1", 0)).hasValue("row 1, column jieshoufang");
        // Nothing closer to name than the row.
        assertThat(sta.agencyLocation("clue.transfer", "/schemaVersion", 6)).hasValue("row 7");
    }

    private MappingException rejected(String file) {
        return catchThrowableOfType(MappingException.class,
                () -> sta.toCanonical(file.getBytes(StandardCharsets.UTF_8)));
    }
}
