package io.cluehub.it.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jackson 3 tree helpers that never throw on an absent field, so assertions can report what was there. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    public static JsonNode parse(byte[] json) {
        return MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
    }

    /** The string at a JSON Pointer; {@code null} if absent or JSON null; a non-string value in its JSON form. */
    public static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    /** The elements of the array at a JSON Pointer; empty if absent. */
    public static List<JsonNode> array(JsonNode node, String pointer) {
        List<JsonNode> result = new ArrayList<>();
        JsonNode value = node.at(pointer);
        if (value.isArray()) {
            value.forEach(result::add);
        }
        return result;
    }

    /** The strings of the array at a JSON Pointer; empty if absent. */
    public static List<String> strings(JsonNode node, String pointer) {
        return array(node, pointer).stream().map(element -> text(element, "")).toList();
    }

    /** True when the field at a JSON Pointer is absent or JSON null. */
    public static boolean absent(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isMissingNode() || value.isNull();
    }
}
