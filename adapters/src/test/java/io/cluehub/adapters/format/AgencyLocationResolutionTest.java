package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;

/**
 * The {@code locations} table of each reference format is complete and true: for every value of a message mapped in,
 * the agency location it names exists in the agency's message and holds a value.
 */
class AgencyLocationResolutionTest {

    private static final Pattern CSV_LOCATION = Pattern.compile("row (\\d+)(?:, column (\\S+))?");

    static Stream<Arguments> messages() {
        List<String> transfers = List.of("canonical/clue.transfer-full.json", "canonical/design-section-10.json",
                "canonical/sta.clue.transfer.json");
        List<String> statuses = List.of("canonical/clue.status.json", "canonical/clue.status-declined.json",
                "canonical/clue.status-referred.json");
        Stream.Builder<Arguments> out = Stream.builder();
        for (String id : List.of("samr-json", "mps-xml", "sta-csv")) {
            transfers.forEach(f -> out.add(Arguments.of(id, f)));
            if (!"sta-csv".equals(id)) {
                statuses.forEach(f -> out.add(Arguments.of(id, f)));
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messages")
    void everyCanonicalValueHasAnAgencyLocationThatHoldsIt(String formatId, String fixture) throws Exception {
        AgencyFormat format = TestFiles.format(formatId);
        byte[] agency = format.fromCanonical(TestFiles.bytes(fixture));
        JsonNode canonical = TestFiles.json(format.toCanonical(agency).get(0));
        String type = canonical.get("type").asString();

        for (String pointer : TestFiles.leafPointers(canonical)) {
            String location = format.agencyLocation(type, pointer, 0).orElse(null);
            assertThat(location).as("%s has a location for %s", formatId, pointer).isNotNull();
            assertThat(holdsAValue(format.syntax(), agency, location))
                    .as("%s: %s (for %s) holds a value", formatId, location, pointer).isTrue();
        }
    }

    private static boolean holdsAValue(Syntax syntax, byte[] agency, String location) throws Exception {
        switch (syntax) {
            case JSON -> {
                JsonNode node = TestFiles.json(agency).at(location);
                return !node.isMissingNode() && !node.isNull();
            }
            case XML -> {
                Document doc = SafeXml.parse("test", agency);
                Node node = (Node) XPathFactory.newInstance().newXPath().evaluate(location, doc, XPathConstants.NODE);
                return node != null && !node.getTextContent().isBlank();
            }
            case CSV -> {
                Matcher m = CSV_LOCATION.matcher(location);
                assertThat(m.matches()).as("CSV location %s", location).isTrue();
                try (CSVParser parser = CSVParser.parse(new String(agency, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                    List<CSVRecord> rows = parser.getRecords();
                    int row = Integer.parseInt(m.group(1));
                    if (m.group(2) == null) {
                        return row <= rows.size();
                    }
                    Map<String, String> cells = rows.get(row - 1).toMap();
                    return cells.containsKey(m.group(2)) && !cells.get(m.group(2)).isBlank();
                }
            }
            default -> throw new IllegalArgumentException(syntax.name());
        }
    }
}
