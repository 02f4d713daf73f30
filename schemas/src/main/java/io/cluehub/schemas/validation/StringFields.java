package io.cluehub.schemas.validation;

import java.util.ArrayList;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Visits every string value in a message with the name of the property that holds it (for array items, the name of
 * the array), building the JSON Pointer only when a rule asks for it. Rules that hold wherever a property appears
 * (every {@code uscc}, every {@code divisionCode}) use this instead of knowing each type's layout.
 */
final class StringFields {

    /** Called for each string value. */
    interface Visitor {
        void visit(String property, String value, Path path);
    }

    /** The path of the value being visited. */
    static final class Path {
        private final ArrayList<Object> segments = new ArrayList<>();

        String pointer() {
            StringBuilder sb = new StringBuilder();
            for (Object s : segments) {
                sb.append('/').append(s instanceof Integer ? s.toString() : JsonPointers.escape((String) s));
            }
            return sb.toString();
        }
    }

    private StringFields() {}

    static void walk(JsonNode root, Visitor visitor) {
        walk(root, null, new Path(), visitor);
    }

    private static void walk(JsonNode node, String property, Path path, Visitor visitor) {
        if (node.isString()) {
            visitor.visit(property, node.stringValue(), path);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                path.segments.add(e.getKey());
                walk(e.getValue(), e.getKey(), path, visitor);
                path.segments.remove(path.segments.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.segments.add(i);
                walk(node.get(i), property, path, visitor);
                path.segments.remove(path.segments.size() - 1);
            }
        }
    }
}
