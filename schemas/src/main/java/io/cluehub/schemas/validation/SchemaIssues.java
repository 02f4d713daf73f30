package io.cluehub.schemas.validation;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns networknt errors into issues an integrator can act on: a stable code per keyword, a location that points at
 * the offending (or missing) property, and a sentence that says what is wanted, worded from the schema's own
 * descriptions and, for conditional rules, from the {@code if} that made them apply.
 */
final class SchemaIssues {

    /** Values of these properties are personal data or free text and are never echoed into diagnostics. */
    private static final Set<String> UNECHOED = Set.of(
            "idNumber", "phone", "name", "address", "taxpayerId", "accountId", "summary", "description", "opinion",
            "question", "background", "note", "reason", "decision", "conditions", "task");

    private static final int MAX_ECHO = 64;
    private static final int MAX_LISTED = 20;

    private static final Map<String, IssueCode> CODES = Map.ofEntries(
            Map.entry("required", IssueCode.SCHEMA_REQUIRED),
            Map.entry("dependentRequired", IssueCode.SCHEMA_REQUIRED),
            Map.entry("type", IssueCode.SCHEMA_TYPE),
            Map.entry("enum", IssueCode.SCHEMA_ENUM),
            Map.entry("const", IssueCode.SCHEMA_ENUM),
            Map.entry("pattern", IssueCode.SCHEMA_FORMAT),
            Map.entry("format", IssueCode.SCHEMA_FORMAT),
            Map.entry("additionalProperties", IssueCode.SCHEMA_ADDITIONAL_PROPERTY),
            Map.entry("unevaluatedProperties", IssueCode.SCHEMA_ADDITIONAL_PROPERTY),
            Map.entry("minLength", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("maxLength", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("minItems", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("maxItems", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("minimum", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("maximum", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("exclusiveMinimum", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("exclusiveMaximum", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("minProperties", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("maxProperties", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("minContains", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("maxContains", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("uniqueItems", IssueCode.SCHEMA_CONSTRAINT),
            Map.entry("multipleOf", IssueCode.SCHEMA_CONSTRAINT));

    private final SchemaCatalog catalog;

    SchemaIssues(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    static IssueCode codeFor(String keyword) {
        return keyword == null ? IssueCode.SCHEMA_VIOLATION : CODES.getOrDefault(keyword, IssueCode.SCHEMA_VIOLATION);
    }

    /**
     * Issues for {@code errors}, de-duplicated by code and location.
     *
     * @param override a code to use for every issue (profiles report {@link IssueCode#PROFILE_CONSTRAINT}), or null
     * @param suffix text appended to every diagnostics sentence, or empty
     */
    List<Issue> toIssues(List<Error> errors, IssueCode override, String suffix) {
        List<Issue> out = new ArrayList<>(errors.size());
        Set<String> seen = new LinkedHashSet<>();
        for (Error e : errors) {
            IssueCode code = codeFor(e.getKeyword());
            String location = location(e);
            if (!seen.add(code + " " + location)) {
                continue;
            }
            String text = diagnostics(e, location);
            if (!suffix.isEmpty()) {
                text = text.endsWith(".") ? text.substring(0, text.length() - 1) + suffix + "." : text + suffix;
            }
            out.add(Issue.error(override != null ? override : code, location, text));
        }
        return out;
    }

    private static String location(Error e) {
        String base = pointer(e.getInstanceLocation());
        String keyword = e.getKeyword();
        String property = e.getProperty();
        if (property != null && ("required".equals(keyword) || "dependentRequired".equals(keyword)
                || "additionalProperties".equals(keyword) || "unevaluatedProperties".equals(keyword))) {
            return JsonPointers.child(base, property);
        }
        return base;
    }

    static String pointer(NodePath path) {
        if (path == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object el = path.getElement(i);
            sb.append('/');
            sb.append(el instanceof Integer ? el.toString() : JsonPointers.escape(String.valueOf(el)));
        }
        return sb.toString();
    }

    private String diagnostics(Error e, String location) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        JsonNode keywordNode = schemaNodeAt(e.getSchemaLocation(), 0);
        JsonNode owner = schemaNodeAt(e.getSchemaLocation(), 1);
        String at = where(location);
        switch (keyword) {
            case "required":
            case "dependentRequired": {
                String parent = where(pointer(e.getInstanceLocation()));
                return "Property '" + e.getProperty() + "' is required in " + parent + " but is missing"
                        + because(e.getSchemaLocation()) + ".";
            }
            case "type": {
                String expected = keywordNode == null ? "another type" : article(text(keywordNode));
                return at + " must be " + expected + ", but it is " + article(jsonType(e.getInstanceNode())) + ".";
            }
            case "enum": {
                String value = echo(e, location);
                return (value == null ? at + " is not an allowed value" : at + " is " + value
                        + ", which is not an allowed value") + "; use one of: " + listValues(keywordNode) + ".";
            }
            case "const": {
                String value = echo(e, location);
                return at + (value == null ? "" : " is " + value + ", but it") + " must be "
                        + (keywordNode == null ? "another value" : keywordNode.toString()) + ".";
            }
            case "pattern":
            case "format": {
                String wanted = describe(owner);
                if (wanted == null) {
                    wanted = "pattern".equals(keyword)
                            ? "a string matching " + (keywordNode == null ? "the pattern" : text(keywordNode))
                            : "a valid " + (keywordNode == null ? "value" : text(keywordNode));
                }
                String value = echo(e, location);
                return value == null
                        ? at + " is not " + wanted + " (the value is not repeated here: it may be personal data)."
                        : at + " is " + value + ", which is not " + wanted + ".";
            }
            case "additionalProperties":
            case "unevaluatedProperties": {
                String parent = where(pointer(e.getInstanceLocation()));
                return "Property '" + e.getProperty() + "' is not allowed in " + parent + allowed(owner) + ".";
            }
            case "minLength":
                return keywordNode != null && keywordNode.asInt() == 1
                        ? at + " must not be empty."
                        : at + " must be at least " + num(keywordNode) + " characters long.";
            case "maxLength":
                return at + " must be at most " + num(keywordNode) + " characters long.";
            case "minItems":
                return at + " must hold at least " + num(keywordNode) + " item" + plural(keywordNode) + ".";
            case "maxItems":
                return at + " must hold at most " + num(keywordNode) + " item" + plural(keywordNode) + ".";
            case "uniqueItems":
                return at + " must not hold the same item twice.";
            case "minimum":
                return at + " must be at least " + num(keywordNode) + ".";
            case "maximum":
                return at + " must be at most " + num(keywordNode) + ".";
            case "minProperties":
                return at + " must have at least " + num(keywordNode) + " propert"
                        + (keywordNode != null && keywordNode.asInt() == 1 ? "y" : "ies") + ".";
            default:
                return at + ": " + stripLocation(e.getMessage()) + ".";
        }
    }

    /** " because kind is 'organisation'" when the failed keyword sits in the then/else of an if on one property. */
    private String because(SchemaLocation loc) {
        if (loc == null || loc.getFragment() == null) {
            return "";
        }
        NodePath frag = loc.getFragment();
        for (int i = frag.getNameCount() - 1; i >= 0; i--) {
            String seg = String.valueOf(frag.getElement(i));
            if ("then".equals(seg) || "else".equals(seg)) {
                JsonNode container = nodeAt(loc, i);
                JsonNode cond = container == null ? null : container.get("if");
                if (cond == null || !cond.path("properties").isObject()) {
                    return "";
                }
                Iterator<Map.Entry<String, JsonNode>> it = cond.path("properties").properties().iterator();
                if (!it.hasNext()) {
                    return "";
                }
                Map.Entry<String, JsonNode> first = it.next();
                JsonNode value = first.getValue();
                JsonNode values = value.get("enum");
                String shown = value.has("const") ? "'" + text(value.get("const")) + "'"
                        : values != null && values.size() == 1 ? "'" + text(values.get(0)) + "'"
                        : values != null ? "one of " + listValues(values) : null;
                if (shown == null || it.hasNext()) {
                    return "";
                }
                String verb = "then".equals(seg) ? " is " : " is not ";
                return " because " + first.getKey() + verb + shown;
            }
        }
        return "";
    }

    /** The schema node {@code up} levels above the keyword the location names (0 = the keyword's own value). */
    private JsonNode schemaNodeAt(SchemaLocation loc, int up) {
        if (loc == null || loc.getFragment() == null) {
            return null;
        }
        return nodeAt(loc, loc.getFragment().getNameCount() - up);
    }

    /** The node at the first {@code count} segments of the location's fragment. */
    private JsonNode nodeAt(SchemaLocation loc, int count) {
        JsonNode doc = loc.getAbsoluteIri() == null ? null : catalog.document(loc.getAbsoluteIri().toString());
        if (doc == null || count < 0) {
            return null;
        }
        NodePath frag = loc.getFragment();
        JsonNode node = doc;
        for (int i = 0; i < count && node != null; i++) {
            Object el = frag.getElement(i);
            node = el instanceof Integer idx ? node.get(idx) : node.get(String.valueOf(el));
        }
        return node;
    }

    private static String describe(JsonNode schema) {
        if (schema == null) {
            return null;
        }
        JsonNode d = schema.get("description");
        return d != null && d.isString() ? d.stringValue() : null;
    }

    private static String allowed(JsonNode schema) {
        JsonNode props = schema == null ? null : schema.get("properties");
        if (props == null || !props.isObject() || props.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>(props.propertyNames());
        return "; the allowed properties are " + String.join(", ", names);
    }

    private static String listValues(JsonNode values) {
        if (values == null || !values.isArray()) {
            return "the listed values";
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (JsonNode v : values) {
            if (n == MAX_LISTED) {
                sb.append(", …");
                break;
            }
            if (n++ > 0) {
                sb.append(", ");
            }
            sb.append(text(v));
        }
        return sb.toString();
    }

    /** The offending value quoted for diagnostics, or null when it must not be repeated. */
    private static String echo(Error e, String location) {
        String last = location.substring(location.lastIndexOf('/') + 1);
        JsonNode v = e.getInstanceNode();
        if (v == null || (v.isString() && (UNECHOED.contains(last) || isArrayIn(location, UNECHOED)))) {
            return null;
        }
        String s = v.isString() ? "'" + v.stringValue() + "'" : v.toString();
        return s.length() > MAX_ECHO ? s.substring(0, MAX_ECHO) + "…'" : s;
    }

    /** Whether the location is an item of an array property named in {@code names} (e.g. /x/roles/0). */
    private static boolean isArrayIn(String location, Set<String> names) {
        int slash = location.lastIndexOf('/');
        if (slash <= 0 || !location.substring(slash + 1).chars().allMatch(Character::isDigit)) {
            return false;
        }
        String parent = location.substring(0, slash);
        return names.contains(parent.substring(parent.lastIndexOf('/') + 1));
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "the message" : pointer;
    }

    private static String jsonType(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isString()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        return v.isNumber() ? "number" : "value";
    }

    private static String article(String type) {
        return switch (type) {
            case "null" -> "null";
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String num(JsonNode n) {
        return n == null ? "the limit of" : text(n);
    }

    private static String text(JsonNode n) {
        return n.isString() ? n.stringValue() : n.toString();
    }

    private static String plural(JsonNode n) {
        return n != null && n.asInt() == 1 ? "" : "s";
    }

    private static String stripLocation(String message) {
        if (message == null) {
            return "breaks a schema rule";
        }
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    }
}
