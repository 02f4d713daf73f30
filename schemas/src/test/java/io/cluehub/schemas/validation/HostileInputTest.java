package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bodies an attacker or a broken client might send are refused before or while parsing, with FATAL issues. */
class HostileInputTest {

    private static final MessageValidator VALIDATOR = Fixtures.VALIDATOR;

    @Test
    void bodyOverTheLimitIsRefusedUnread() {
        byte[] body = new byte[ValidatorSettings.DEFAULT_MAX_BYTES + 1];
        // Not JSON and not UTF-8: only the size check can have produced the issue.
        Arrays.fill(body, (byte) 0xFF);

        ParseResult result = VALIDATOR.parse(body);

        assertThat(result.json()).isNull();
        assertThat(result.issues()).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.FATAL);
            assertThat(i.code()).isEqualTo(IssueCode.BODY_TOO_LARGE);
            assertThat(i.location()).isEmpty();
            assertThat(i.diagnostics()).contains("1048577 bytes").contains("1048576");
        });
    }

    @Test
    void limitIsConfigurable() {
        MessageValidator small = MessageValidator.create(ValidatorSettings.defaults().withMaxBytes(1_000));

        assertThat(small.parse(Fixtures.section10()).issues()).extracting(Issue::code)
                .containsExactly(IssueCode.BODY_TOO_LARGE);
        assertThat(small.parse("{}".getBytes(StandardCharsets.UTF_8)).readable()).isTrue();
    }

    @Test
    void invalidUtf8IsRefusedWithItsOffset() {
        assertEncodingInvalid(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}, 6); // truncated
        assertEncodingInvalid(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, 1); // overlong '/'
        assertEncodingInvalid(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, 1); // surrogate
        assertEncodingInvalid(new byte[] {'"', (byte) 0x80, '"'}, 1); // lone continuation byte
        assertEncodingInvalid(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, 1);
    }

    @Test
    void utf16IsRefused() {
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);

        assertEncodingInvalid(utf16, 1);
    }

    @Test
    void validMultiByteTextIsRead() {
        byte[] body = "{\"name\":\"杭州市西湖区 \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8);

        ParseResult result = VALIDATOR.parse(body);

        assertThat(result.issues()).isEmpty();
        assertThat(result.json().get("name").stringValue()).isEqualTo("杭州市西湖区 \uD83D\uDE00");
    }

    @Test
    void duplicateKeysAreRefusedAtTheirLocation() {
        ParseResult result = VALIDATOR.parse(
                "{\"payload\":{\"summary\":\"a\",\"summary\":\"b\"}}".getBytes(StandardCharsets.UTF_8));

        assertMalformed(result, "/payload/summary");
        assertThat(result.issues().get(0).diagnostics()).contains("Duplicate").contains("summary");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedFast() {
        byte[] body = new byte[ValidatorSettings.DEFAULT_MAX_BYTES];
        Arrays.fill(body, (byte) '[');

        ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> VALIDATOR.parse(body));

        assertThat(result.json()).isNull();
        assertThat(result.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.JSON_MALFORMED);
            assertThat(i.diagnostics()).contains("nesting depth");
        });
    }

    @Test
    void nestingWithinTheLimitIsRead() {
        String body = "[".repeat(ValidatorSettings.DEFAULT_MAX_NESTING_DEPTH)
                + "]".repeat(ValidatorSettings.DEFAULT_MAX_NESTING_DEPTH);

        assertThat(VALIDATOR.parse(body.getBytes(StandardCharsets.UTF_8)).readable()).isTrue();
    }

    @Test
    void hugeStringIsRefused() {
        String body = "{\"summary\":\"" + "x".repeat(ValidatorSettings.DEFAULT_MAX_STRING_LENGTH + 1) + "\"}";

        ParseResult result = VALIDATOR.parse(body.getBytes(StandardCharsets.UTF_8));

        assertMalformed(result, "/summary");
        assertThat(result.issues().get(0).diagnostics()).contains("String value length");
    }

    @Test
    void hugeNumberIsRefused() {
        String body = "{\"archiveSeq\":" + "9".repeat(ValidatorSettings.DEFAULT_MAX_NUMBER_LENGTH + 1) + "}";

        ParseResult result = VALIDATOR.parse(body.getBytes(StandardCharsets.UTF_8));

        assertMalformed(result, "/archiveSeq");
        assertThat(result.issues().get(0).diagnostics()).contains("Number value length");
    }

    @Test
    void hugePropertyNameIsRefused() {
        String body = "{\"" + "k".repeat(ValidatorSettings.DEFAULT_MAX_NAME_LENGTH + 1) + "\":1}";

        assertThat(VALIDATOR.parse(body.getBytes(StandardCharsets.UTF_8)).issues()).extracting(Issue::code)
                .containsExactly(IssueCode.JSON_MALFORMED);
    }

    @Test
    void trailingContentIsRefused() {
        assertMalformed(VALIDATOR.parse("{\"a\":1} {\"b\":2}".getBytes(StandardCharsets.UTF_8)), "");
    }

    @Test
    void truncatedJsonIsRefusedWhereItStops() {
        ParseResult result = VALIDATOR.parse("{\"payload\":{\"subjects\":[1,".getBytes(StandardCharsets.UTF_8));

        assertMalformed(result, "/payload/subjects/1");
        assertThat(result.issues().get(0).diagnostics()).contains("line 1");
    }

    @Test
    void emptyAndBlankBodiesAreRefused() {
        assertThat(VALIDATOR.parse(new byte[0]).issues()).extracting(Issue::code)
                .containsExactly(IssueCode.JSON_MALFORMED);
        assertThat(VALIDATOR.parse("  \n".getBytes(StandardCharsets.UTF_8)).issues()).extracting(Issue::code)
                .containsExactly(IssueCode.JSON_MALFORMED);
        assertThat(VALIDATOR.parse(null).issues()).extracting(Issue::code)
                .containsExactly(IssueCode.JSON_MALFORMED);
    }

    @Test
    void diagnosticsDoNotQuoteTheBody() {
        ParseResult result = VALIDATOR.parse("{\"idNumber\": x330106199503141237}".getBytes(StandardCharsets.UTF_8));

        assertThat(result.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.JSON_MALFORMED);
            assertThat(i.location()).isEqualTo("/idNumber");
            assertThat(i.diagnostics()).doesNotContain("[Source:").doesNotContain("3301061995");
        });
    }

    @Test
    void validateBytesReturnsTheParseFailureAsAnUnsuccessfulOutcome() {
        ValidationOutcome outcome = VALIDATOR.validate("{".getBytes(StandardCharsets.UTF_8), ValidationOptions.defaults());

        assertThat(outcome.successful()).isFalse();
        assertThat(outcome.issues()).extracting(Issue::severity, Issue::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.FATAL, IssueCode.JSON_MALFORMED));
    }

    private static void assertEncodingInvalid(byte[] body, int offset) {
        ParseResult result = VALIDATOR.parse(body);
        assertThat(result.json()).isNull();
        assertThat(result.issues()).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.FATAL);
            assertThat(i.code()).isEqualTo(IssueCode.ENCODING_INVALID);
            assertThat(i.diagnostics()).contains("byte offset " + offset + " ");
        });
    }

    private static void assertMalformed(ParseResult result, String location) {
        assertThat(result.json()).isNull();
        assertThat(result.issues()).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.FATAL);
            assertThat(i.code()).isEqualTo(IssueCode.JSON_MALFORMED);
            assertThat(i.location()).isEqualTo(location);
        });
    }
}
