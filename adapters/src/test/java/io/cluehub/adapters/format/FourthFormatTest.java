package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's "add a fourth format without Java" walk-through, done: {@code nrta-json} is only files in an operator
 * directory (src/test/resources/operator-formats), and FormatTool checks it as the README says.
 */
class FourthFormatTest {

    private static final Path DIR = FormatFolders.resource("operator-formats");
    private static final String SAMPLE = DIR.resolve("nrta-json/sample.json").toString();

    private final AgencyFormat nrta = FormatRegistry.load(Optional.of(DIR)).find("nrta-json").orElseThrow();

    @Test
    void itsSampleMapsToAValidCanonicalClue() {
        List<byte[]> out = nrta.toCanonical(TestFiles.bytes("operator-formats/nrta-json/sample.json"));

        TestFiles.assertValid(out.get(0), null);
        assertThat(TestFiles.json(out.get(0)).at("/payload/violations/0/category").asString())
                .isEqualTo("virtual-image-misuse");
    }

    @Test
    void itKeepsEveryFieldItCarriesOnARoundTrip() {
        byte[] canonical = TestFiles.bytes("canonical/design-section-10.json");

        assertThat(TestFiles.json(nrta.toCanonical(nrta.fromCanonical(canonical)).get(0)))
                .isEqualTo(TestFiles.json(canonical));
    }

    @Test
    void itsErrorsNameItsOwnFields() {
        ObjectNode sample = TestFiles.object("operator-formats/nrta-json/sample.json");
        ((ObjectNode) sample.at("/body/issues/1")).put("code", "NRTA-777");

        MappingException e = catchThrowableOfType(MappingException.class,
                () -> nrta.toCanonical(TestFiles.bytes(sample)));

        assertThat(e.location()).isEqualTo("/body/issues/1/code");
    }

    @Test
    void formatToolListsAndChecksIt() {
        Output list = tool("list", "--formats", DIR.toString());
        assertThat(list.status).isZero();
        assertThat(list.out).contains("nrta-json 1.0 (json) from " + DIR.resolve("nrta-json"));

        Output in = tool("in", "nrta-json", SAMPLE, "--formats", DIR.toString());
        assertThat(in.status).isZero();
        assertThat(in.out).contains("\"category\" : \"virtual-image-misuse\"")
                .endsWith("VALID" + System.lineSeparator());

        Output roundTrip = tool("roundtrip", "nrta-json", TestFiles.class.getClassLoader()
                .getResource("canonical/design-section-10.json").getPath(), "--formats", DIR.toString());
        assertThat(roundTrip.out).contains("Every field survived the round trip.");
    }

    @Test
    void formatToolNamesInvalidFieldsInTheAgencysTerms() throws Exception {
        ObjectNode sample = TestFiles.object("operator-formats/nrta-json/sample.json");
        ((ObjectNode) sample.at("/body/parties/0")).put("creditCode", "91330106MA2H4L7K07");
        Path file = java.nio.file.Files.createTempFile("nrta", ".json");
        java.nio.file.Files.write(file, TestFiles.bytes(sample));

        Output in = tool("in", "nrta-json", file.toString(), "--formats", DIR.toString());

        assertThat(in.status).isEqualTo(1);
        assertThat(in.out).contains("ERROR USCC_CHECK_CHARACTER at '/body/parties/0/creditCode' "
                + "(canonical '/payload/subjects/0/uscc')").contains("INVALID");
        java.nio.file.Files.delete(file);
    }

    @Test
    void formatToolReportsWhatARoundTripLoses() {
        Output roundTrip = tool("roundtrip", "sta-csv", TestFiles.class.getClassLoader()
                .getResource("canonical/clue.transfer-full.json").getPath());

        assertThat(roundTrip.status).isEqualTo(1);
        assertThat(roundTrip.out).contains("LOST    /inReplyTo").contains("LOST    /payload/liveRooms/0/platform")
                .contains("LOST    /payload/evidence/0/sizeBytes").doesNotContain("/payload/subjects");

        Output utc = tool("roundtrip", "sta-csv", TestFiles.class.getClassLoader()
                .getResource("canonical/design-section-10.json").getPath());
        assertThat(utc.out).contains("CHANGED /sentAt: \"2026-11-22T08:15:00Z\" -> \"2026-11-22T16:15:00+08:00\"");
    }

    @Test
    void formatToolExplainsItsUsage() {
        assertThat(tool().status).isEqualTo(2);
        assertThat(tool("in", "no-such-format", SAMPLE).err).contains("No format 'no-such-format'");
    }

    private record Output(int status, String out, String err) {
    }

    private static Output tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FormatTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
