package io.cluehub.adapters.format;

import static io.cluehub.adapters.format.FormatFolders.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The helpers a mapping may call, the limits on evaluation and what a mapping may produce, through a probe format
 * whose inbound mapping does what the input's {@code probe} field asks.
 */
class MappingHelpersTest {

    @TempDir
    static Path operator;

    private static AgencyFormat probe;

    @BeforeAll
    static void writeProbeFormat() {
        Path folder = operator.resolve("probe-json");
        write(folder, "format.yml", """
                id: probe-json
                version: "0.1"
                syntax: json
                description: exercises the mapping helpers
                messageTypes: [probe.test]
                codeLists: [colours]
                """);
        write(folder, "codes/colours.json", """
                {"R": "red", "G": {"canonical": "green", "label": "绿"}, "V": "green"}
                """);
        write(folder, "inbound.jsonata", """
                (
                  probe = "code" ? { "c": $code("colours", value, ["items", 2, "colour"]) } :
                  probe = "codes" ? { "c": $codes.colours.G } :
                  probe = "uncode" ? { "u": $uncode("colours", value, "value") } :
                  probe = "fail" ? $fail(["a", 0, "b/c"], "custom message") :
                  probe = "failNoPath" ? $fail() :
                  probe = "integer" ? { "n": $integer(value, "value") } :
                  probe = "parseTime" ? { "t": $parseTime(value, "yyyy-MM-dd HH:mm:ss", "Asia/Shanghai", "value") } :
                  probe = "formatTime" ? { "t": $formatTime(value, "yyyyMMddHHmmss", "Asia/Shanghai", "value") } :
                  probe = "prefixed" ? { "p": $prefixed($, "g1_"), "none": $prefixed($, "g9_") } :
                  probe = "missing" ? { "c": $code("colours", nothing, "x"), "n": $integer(nothing),
                                        "t": $parseTime(nothing, "yyyy", "UTC") } :
                  probe = "loop" ? ( $f := function($n) { $f($n + 1) + 1 }; { "x": $f(0) } ) :
                  probe = "spin" ? { "x": $reduce([1..9000000], function($a, $b) { $a + $b }) } :
                  probe = "typeError" ? { "x": $substring(value, "not a number") } :
                  probe = "nulls" ? { "a": null, "b": value, "c": [1, null, 2], "d": 2.0, "e": 2.5, "f": {} } :
                  probe = "array" ? [1, 2] :
                  probe = "inMap" ? { "x": $map([1], function($v) { $fail("value", "inside a map") }) } :
                  probe = "unsupported" ? { "type": "clue.transfer" } :
                  probe = "eval" ? $lookup({ "f": $eval }, "f")("1 + 1") :
                  {}
                )
                """);
        write(folder, "outbound.jsonata", """
                probe = "function" ? { "f": function($x) { $x } } : probe = "string" ? "text" : { "echo": $ }
                """);
        probe = FormatRegistry.load(Optional.of(operator)).find("probe-json").orElseThrow();
    }

    @Test
    void codeMapsAgencyCodesAndNamesTheLocationOfAMiss() {
        assertThat(in("{\"probe\": \"code\", \"value\": \"G\"}").get("c").asString()).isEqualTo("green");

        MappingException e = failure("{\"probe\": \"code\", \"value\": \"B\"}");
        assertThat(e.location()).isEqualTo("/items/2/colour");
        assertThat(e.getMessage()).isEqualTo("Unknown colours code 'B': expected one of R, G, V.");
    }

    @Test
    void codesAreBoundAsAnObject() {
        assertThat(in("{\"probe\": \"codes\"}").get("c").asString()).isEqualTo("green");
    }

    @Test
    void uncodeTakesTheFirstAgencyCodeOfACanonicalValue() {
        assertThat(in("{\"probe\": \"uncode\", \"value\": \"green\"}").get("u").asString()).isEqualTo("G");

        MappingException e = failure("{\"probe\": \"uncode\", \"value\": \"blue\"}");
        assertThat(e.location()).isEqualTo("/value");
        assertThat(e.getMessage()).isEqualTo("The probe-json format has no colours code for 'blue'.");
    }

    @Test
    void failRejectsAtTheGivenPathEscapedAsAJsonPointer() {
        MappingException e = failure("{\"probe\": \"fail\"}");

        assertThat(e.location()).isEqualTo("/a/0/b~1c");
        assertThat(e.getMessage()).isEqualTo("custom message");

        MappingException bare = failure("{\"probe\": \"failNoPath\"}");
        assertThat(bare.location()).isEmpty();
        assertThat(bare.getMessage()).isEqualTo("The message cannot be mapped.");
    }

    @Test
    void integerAcceptsDigitsAndWholeNumbersOnly() {
        assertThat(in("{\"probe\": \"integer\", \"value\": \" 1048576 \"}").get("n").asLong()).isEqualTo(1048576L);
        assertThat(in("{\"probe\": \"integer\", \"value\": 12.0}").get("n").isIntegralNumber()).isTrue();
        assertThat(failure("{\"probe\": \"integer\", \"value\": \"12 KB\"}").location()).isEqualTo("/value");
        assertThat(failure("{\"probe\": \"integer\", \"value\": 1.5}").getMessage()).contains("whole number");
    }

    @Test
    void parseTimeReadsAgencyLocalTime() {
        assertThat(in("{\"probe\": \"parseTime\", \"value\": \"2026-11-22 16:15:00\"}").get("t").asString())
                .isEqualTo("2026-11-22T16:15:00+08:00");

        MappingException e = failure("{\"probe\": \"parseTime\", \"value\": \"2026-11-31 16:15:00\"}");
        assertThat(e.location()).isEqualTo("/value");
        assertThat(e.getMessage()).isEqualTo("Expected a time like yyyy-MM-dd HH:mm:ss.");
    }

    @Test
    void formatTimeWritesAgencyLocalTime() {
        assertThat(in("{\"probe\": \"formatTime\", \"value\": \"2026-11-22T08:15:00Z\"}").get("t").asString())
                .isEqualTo("20261122161500");
        assertThat(failure("{\"probe\": \"formatTime\", \"value\": \"2026-11-22\"}").getMessage())
                .contains("RFC 3339");
    }

    @Test
    void prefixedPicksAColumnGroup() {
        JsonNode out = in("{\"probe\": \"prefixed\", \"g1_a\": \"x\", \"g1_b\": \"y\", \"g10\": \"z\"}");

        assertThat(out.get("p"))
                .isEqualTo(TestFiles.json("{\"a\":\"x\",\"b\":\"y\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(out.has("none")).isFalse();
    }

    @Test
    void helpersPassMissingValuesThrough() {
        assertThat(in("{\"probe\": \"missing\"}").isEmpty()).isTrue();
    }

    @Test
    void endlessRecursionIsStoppedAsAMappingFailure() {
        MappingException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> failure("{\"probe\": \"loop\"}"));

        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).startsWith("The inbound.jsonata mapping of probe-json")
                .containsAnyOf("Stack overflow", "recursed too deeply");
    }

    @Test
    void aLongRunningEvaluationIsStoppedAsAMappingFailure() {
        MappingException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> failure("{\"probe\": \"spin\"}"));

        assertThat(e.getMessage()).startsWith("The inbound.jsonata mapping of probe-json failed")
                .contains("timeout");
    }

    @Test
    void aJsonataErrorIsAMappingFailureWithoutTheValue() {
        MappingException e = failure("{\"probe\": \"typeError\", \"value\": \"330106199503141237\"}");

        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).startsWith("The inbound.jsonata mapping of probe-json failed: ")
                .doesNotContain("330106199503141237");
    }

    @Test
    void nullsAreLeftOutAndWholeNumbersStayIntegers() {
        String out = TestFiles.utf8(
                probe.toCanonical("{\"probe\": \"nulls\"}".getBytes(StandardCharsets.UTF_8)).get(0));

        assertThat(out).isEqualTo("{\"c\":[1,2],\"d\":2,\"e\":2.5,\"f\":{}}");
    }

    @Test
    void anInboundMappingMustProduceAnObject() {
        assertThat(failure("{\"probe\": \"array\"}").getMessage()).contains("produced no envelope");
    }

    @Test
    void aFailureInsideAHigherOrderFunctionKeepsItsLocation() {
        MappingException e = failure("{\"probe\": \"inMap\"}");

        assertThat(e.location()).isEqualTo("/value");
        assertThat(e.getMessage()).isEqualTo("inside a map");
    }

    @Test
    void anInboundMessageOfATypeTheFormatDoesNotCarryIsRefused() {
        assertThat(failure("{\"probe\": \"unsupported\"}").getMessage())
                .isEqualTo("The probe-json format does not carry clue.transfer messages.");
    }

    @Test
    void evalIsNotAvailableEvenIndirectly() {
        MappingException e = failure("{\"probe\": \"eval\"}");

        assertThat(e.getMessage()).contains("$eval is not available");
    }

    @Test
    void anOutboundMappingMustProduceJson() {
        assertThat(out("{\"type\": \"probe.test\", \"probe\": \"function\"}").getMessage())
                .contains("not JSON");
        assertThat(out("{\"type\": \"probe.test\", \"probe\": \"string\"}").getMessage())
                .contains("must produce a JSON object");
        assertThat(out("{\"probe\": \"x\"}").location()).isEqualTo("/type");
        assertThat(TestFiles.utf8(probe.fromCanonical("{\"type\": \"probe.test\"}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("{\"echo\":{\"type\":\"probe.test\"}}");
    }

    private JsonNode in(String body) {
        return TestFiles.json(probe.toCanonical(body.getBytes(StandardCharsets.UTF_8)).get(0));
    }

    private MappingException failure(String body) {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> probe.toCanonical(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("mapping of %s", body).isNotNull();
        assertThat(e.formatId()).isEqualTo("probe-json");
        return e;
    }

    private MappingException out(String body) {
        MappingException e = catchThrowableOfType(MappingException.class,
                () -> probe.fromCanonical(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("outbound mapping of %s", body).isNotNull();
        return e;
    }
}
