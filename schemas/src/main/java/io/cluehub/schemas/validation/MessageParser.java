package io.cluehub.schemas.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a body into a JSON tree, safely: the size is checked before anything is read, the bytes must be strict UTF-8
 * (no overlong forms, no surrogates, no NUL, so no UTF-16 or UTF-32 either), and the parser refuses duplicate keys,
 * trailing content and anything over the stream-read constraints of the {@link ValidatorSettings}.
 */
final class MessageParser {

    private static final int MAX_ECHO = 200;

    private final ValidatorSettings settings;
    private final JsonMapper mapper;

    MessageParser(ValidatorSettings settings) {
        this.settings = settings;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(settings.maxBytes())
                .maxNestingDepth(settings.maxNestingDepth())
                .maxStringLength(settings.maxStringLength())
                .maxNumberLength(settings.maxNumberLength())
                .maxNameLength(settings.maxNameLength())
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Error messages must not quote the sender's content back into logs.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    JsonMapper mapper() {
        return mapper;
    }

    ParseResult parse(byte[] body) {
        if (body == null) {
            return ParseResult.failed(Issue.fatal(IssueCode.JSON_MALFORMED, "", "The body is empty."));
        }
        if (body.length > settings.maxBytes()) {
            return ParseResult.failed(Issue.fatal(IssueCode.BODY_TOO_LARGE, "",
                    "The body is " + body.length + " bytes; the hub accepts at most " + settings.maxBytes()
                            + " bytes. Send evidence by reference (uri, sha256), not inline."));
        }
        int bad = Utf8.firstInvalid(body);
        if (bad >= 0) {
            String what = body[bad] == 0
                    ? "a NUL byte (UTF-16 and UTF-32 are not accepted)"
                    : "a byte sequence that is not valid UTF-8";
            return ParseResult.failed(Issue.fatal(IssueCode.ENCODING_INVALID, "",
                    "The body must be UTF-8 JSON, but byte offset " + bad + " starts " + what + "."));
        }
        JsonParser parser = null;
        try {
            parser = mapper.createParser(body);
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                return ParseResult.failed(Issue.fatal(IssueCode.JSON_MALFORMED, "", "The body holds no JSON value."));
            }
            return ParseResult.of(tree);
        } catch (JacksonException e) {
            return ParseResult.failed(malformed(parser, e));
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    private static Issue malformed(JsonParser parser, JacksonException e) {
        String pointer = "";
        if (parser != null) {
            try {
                pointer = parser.streamReadContext().pathAsPointer().toString();
            } catch (RuntimeException ignored) {
                // The location stays the whole message.
            }
        }
        return Issue.fatal(IssueCode.JSON_MALFORMED, pointer, JsonDiagnostics.malformed("body", e, MAX_ECHO));
    }
}
