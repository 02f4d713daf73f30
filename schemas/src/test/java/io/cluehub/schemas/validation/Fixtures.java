package io.cluehub.schemas.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test fixtures from {@code src/test/resources/fixtures/}, and one validator shared by all tests. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Creating a validator compiles every schema; tests share one, as the hub does. */
    static final MessageValidator VALIDATOR = MessageValidator.create(ValidatorSettings.defaults());

    private Fixtures() {}

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        return JSON.readTree(bytes(path));
    }

    /** A fresh, mutable copy of the valid message of {@code type}. */
    static ObjectNode valid(String type) {
        return (ObjectNode) json("valid/" + type + ".json");
    }

    /** The DESIGN.md section 10 message, byte for byte as the design gives it. */
    static byte[] section10() {
        return bytes("design-section-10.json");
    }
}
