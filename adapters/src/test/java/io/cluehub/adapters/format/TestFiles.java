package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
import io.cluehub.schemas.validation.ValidatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** Test resources, JSON trees and the hub's validator, shared by the format tests. */
final class TestFiles {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final FormatRegistry BUILT_IN = FormatRegistry.builtIn();

    private static final MessageValidator VALIDATOR = MessageValidator.create(ValidatorSettings.defaults());

    private TestFiles() {
    }

    static AgencyFormat format(String id) {
        return BUILT_IN.find(id).orElseThrow();
    }

    static byte[] bytes(String resource) {
        try (InputStream in = TestFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static JsonNode json(byte[] body) {
        return MAPPER.readTree(body);
    }

    static JsonNode json(String resource) {
        return json(bytes(resource));
    }

    static ObjectNode object(String resource) {
        return (ObjectNode) json(resource);
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Asserts that the hub's validator accepts a canonical message (with an agency profile, or none). */
    static void assertValid(byte[] canonical, String profile) {
        ValidationOutcome outcome = VALIDATOR.validate(canonical, ValidationOptions.defaults().withProfile(profile));
        assertThat(outcome.issues()).as("validation issues of %s", utf8(canonical))
                .noneMatch(i -> i.severity().blocks());
    }

    /** The validation outcome of a canonical message. */
    static ValidationOutcome validate(byte[] canonical, String profile) {
        return VALIDATOR.validate(canonical, ValidationOptions.defaults().withProfile(profile));
    }

    /** A copy with every RFC 3339 date-time written as its UTC instant, for formats that carry the instant only. */
    static JsonNode instants(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), instants(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(item -> copy.add(instants(item)));
            return copy;
        }
        if (node.isString() && node.asString().length() > 19 && node.asString().charAt(10) == 'T') {
            try {
                return StringNode.valueOf(OffsetDateTime.parse(node.asString()).toInstant().toString());
            } catch (DateTimeParseException notATime) {
                return node;
            }
        }
        return node;
    }

    /** A copy without the values at {@code pointers} ({@code *} matches every array item). */
    static JsonNode without(JsonNode node, List<String> pointers) {
        JsonNode copy = node.deepCopy();
        for (String p : pointers) {
            remove(copy, List.of(p.substring(1).split("/")));
        }
        return copy;
    }

    private static void remove(JsonNode node, List<String> path) {
        if (path.isEmpty() || node == null) {
            return;
        }
        String head = path.get(0);
        List<String> rest = path.subList(1, path.size());
        if ("*".equals(head) && node.isArray()) {
            node.forEach(item -> remove(item, rest));
        } else if (node.isObject()) {
            if (rest.isEmpty()) {
                ((ObjectNode) node).remove(head);
            } else {
                remove(node.get(head), rest);
            }
        }
    }

    /** Every JSON Pointer to a scalar of {@code node}. */
    static List<String> leafPointers(JsonNode node) {
        List<String> out = new ArrayList<>();
        leaves(node, "", out);
        return out;
    }

    private static void leaves(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                leaves(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), at + "/" + i, out);
            }
        } else {
            out.add(at);
        }
    }
}
