package io.cluehub.adapters.format;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a format folder's {@code format.yml} declares. See the adapters README for the file's reference.
 *
 * @param id the format id, equal to the folder name, e.g. {@code samr-json}
 * @param version the version of the definition, e.g. {@code 1.0}
 * @param syntax the wire syntax
 * @param description one line on the format
 * @param messageTypes the canonical message types the format carries
 * @param codeLists the code lists of the folder's {@code codes/} directory, bound into the mappings as {@code $codes}
 * @param xml XML settings (root element per message type, repeating elements); {@code null} unless the syntax is XML
 * @param csv CSV settings; {@code null} unless the syntax is CSV
 * @param locations canonical JSON Pointer patterns to agency locations, per message type, with an {@code envelope}
 *     section that applies to every type
 */
public record FormatDescriptor(
        String id,
        String version,
        Syntax syntax,
        String description,
        Set<String> messageTypes,
        List<String> codeLists,
        XmlSettings xml,
        CsvSettings csv,
        Map<String, Map<String, String>> locations) {

    /** The section of {@code locations} that applies to every message type. */
    public static final String ENVELOPE_LOCATIONS = "envelope";
    /** The most data rows a CSV format may accept in one file. */
    public static final int MAX_CSV_ROWS = 10_000;

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern CODE_LIST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern MESSAGE_TYPE = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+");
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
    private static final Set<String> TOP_KEYS =
            Set.of("id", "version", "syntax", "description", "messageTypes", "codeLists", "xml", "csv", "locations");
    private static final Set<String> XML_KEYS = Set.of("roots", "repeat");
    private static final Set<String> CSV_KEYS =
            Set.of("messageType", "delimiter", "charset", "maxRows", "columns");

    public FormatDescriptor {
        messageTypes = Collections.unmodifiableSet(new LinkedHashSet<>(messageTypes));
        codeLists = List.copyOf(codeLists);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        locations.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        locations = Collections.unmodifiableMap(copy);
    }

    /**
     * XML settings.
     *
     * @param roots the document element of each message type, e.g. {@code clue.transfer: JingQingXianSuo}
     * @param repeat the elements that may occur more than once under their parent; they always read as arrays, even
     *     when a document holds one, and no other element may repeat
     */
    public record XmlSettings(Map<String, String> roots, Set<String> repeat) {
        public XmlSettings {
            roots = Collections.unmodifiableMap(new LinkedHashMap<>(roots));
            repeat = Collections.unmodifiableSet(new LinkedHashSet<>(repeat));
        }
    }

    /**
     * CSV settings.
     *
     * @param messageType the message type every row maps to
     * @param delimiter the field delimiter
     * @param charset the file's character set (a leading byte order mark is skipped)
     * @param maxRows the most data rows a file may hold
     * @param columns every column the format knows, in the order outbound files write them; an inbound header may
     *     hold them in any order and leave some out, but may not name others
     */
    public record CsvSettings(String messageType, char delimiter, Charset charset, int maxRows, List<String> columns) {
        public CsvSettings {
            columns = List.copyOf(columns);
        }
    }

    /** Reads and checks a {@code format.yml}; {@code folder} names it in errors. */
    static FormatDescriptor parse(String folder, byte[] yaml) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(yaml);
        } catch (JacksonException e) {
            throw new FormatDefinitionException(folder, "format.yml is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatDefinitionException(folder, "format.yml must be a mapping (id, version, syntax, ...)");
        }
        Reader r = new Reader(folder);
        r.onlyKeys(root, TOP_KEYS, "format.yml");
        String id = r.text(root, "id", true);
        if (!ID.matcher(id).matches()) {
            throw r.fail("id '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64)");
        }
        if (FormatRegistry.CANONICAL.equals(id)) {
            throw r.fail("the id 'canonical' is reserved for the canonical JSON format");
        }
        String version = r.text(root, "version", true);
        String syntaxName = r.text(root, "syntax", true);
        Syntax syntax = Syntax.byName(syntaxName);
        if (syntax == null) {
            throw r.fail("syntax '" + syntaxName + "' must be json, xml or csv");
        }
        String description = r.text(root, "description", false);
        List<String> types = r.list(root, "messageTypes", false);
        for (String t : types) {
            if (!MESSAGE_TYPE.matcher(t).matches()) {
                throw r.fail("messageTypes: '" + t + "' is not a message type such as clue.transfer");
            }
        }
        List<String> codeLists = r.list(root, "codeLists", false);
        for (String c : codeLists) {
            if (!CODE_LIST_NAME.matcher(c).matches()) {
                throw r.fail("codeLists: '" + c + "' must be letters, digits, '_' or '-' (the file codes/" + c
                        + ".json)");
            }
        }
        if (new LinkedHashSet<>(codeLists).size() != codeLists.size()) {
            throw r.fail("codeLists names a list twice");
        }

        XmlSettings xml = null;
        CsvSettings csv = null;
        JsonNode xmlNode = root.get("xml");
        JsonNode csvNode = root.get("csv");
        if (syntax != Syntax.XML && xmlNode != null) {
            throw r.fail("an xml section is only for syntax xml");
        }
        if (syntax != Syntax.CSV && csvNode != null) {
            throw r.fail("a csv section is only for syntax csv");
        }
        if (syntax == Syntax.XML) {
            xml = parseXml(r, xmlNode, types);
        }
        if (syntax == Syntax.CSV) {
            csv = parseCsv(r, csvNode);
            if (types.isEmpty()) {
                types = List.of(csv.messageType());
            } else if (!types.equals(List.of(csv.messageType()))) {
                throw r.fail("a csv format carries exactly the type of csv.messageType (" + csv.messageType() + ")");
            }
        }
        if (types.isEmpty()) {
            throw r.fail("messageTypes must name at least one message type");
        }
        Map<String, Map<String, String>> locations = parseLocations(r, root.get("locations"), types);
        return new FormatDescriptor(id, version, syntax, description, new LinkedHashSet<>(types), codeLists, xml, csv,
                locations);
    }

    private static XmlSettings parseXml(Reader r, JsonNode node, List<String> types) {
        if (node == null || !node.isObject()) {
            throw r.fail("syntax xml needs an xml section with roots (message type -> document element)");
        }
        r.onlyKeys(node, XML_KEYS, "xml");
        JsonNode rootsNode = node.get("roots");
        if (rootsNode == null || !rootsNode.isObject() || rootsNode.isEmpty()) {
            throw r.fail("xml.roots must map each message type to its document element");
        }
        Map<String, String> roots = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : rootsNode.properties()) {
            String element = e.getValue().isValueNode() ? e.getValue().asString() : "";
            if (!XML_NAME.matcher(element).matches()) {
                throw r.fail("xml.roots." + e.getKey() + " must be an XML element name");
            }
            if (!seen.add(element)) {
                throw r.fail("xml.roots uses the element " + element + " for two message types");
            }
            roots.put(e.getKey(), element);
        }
        if (!roots.keySet().equals(new LinkedHashSet<>(types))) {
            throw r.fail("xml.roots must name a document element for exactly the messageTypes " + types);
        }
        List<String> repeat = r.list(node, "repeat", false);
        for (String element : repeat) {
            if (!XML_NAME.matcher(element).matches()) {
                throw r.fail("xml.repeat: '" + element + "' is not an XML element name");
            }
        }
        return new XmlSettings(roots, new LinkedHashSet<>(repeat));
    }

    private static CsvSettings parseCsv(Reader r, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw r.fail("syntax csv needs a csv section (messageType, columns)");
        }
        r.onlyKeys(node, CSV_KEYS, "csv");
        String type = r.text(node, "messageType", true);
        if (!MESSAGE_TYPE.matcher(type).matches()) {
            throw r.fail("csv.messageType '" + type + "' is not a message type such as clue.transfer");
        }
        String delimiter = node.has("delimiter") ? r.text(node, "delimiter", true) : ",";
        if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
                || delimiter.charAt(0) == '\r') {
            throw r.fail("csv.delimiter must be one character other than a quote or a line break");
        }
        Charset charset;
        String charsetName = node.has("charset") ? r.text(node, "charset", true) : "UTF-8";
        try {
            charset = Charset.forName(charsetName);
        } catch (RuntimeException e) {
            throw r.fail("csv.charset '" + charsetName + "' is not a character set this JVM knows");
        }
        int maxRows = MAX_CSV_ROWS;
        if (node.has("maxRows")) {
            JsonNode m = node.get("maxRows");
            if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > MAX_CSV_ROWS) {
                throw r.fail("csv.maxRows must be a whole number from 1 to " + MAX_CSV_ROWS);
            }
            maxRows = m.asInt();
        }
        List<String> columns = r.list(node, "columns", true);
        if (columns.isEmpty()) {
            throw r.fail("csv.columns must list the columns");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String c : columns) {
            if (c.isBlank() || !unique.add(c)) {
                throw r.fail("csv.columns must be distinct and not blank ('" + c + "')");
            }
        }
        return new CsvSettings(type, delimiter.charAt(0), charset, maxRows, columns);
    }

    private static Map<String, Map<String, String>> parseLocations(Reader r, JsonNode node, List<String> types) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw r.fail("locations must map 'envelope' or a message type to (canonical pointer: agency location)");
        }
        for (Map.Entry<String, JsonNode> section : node.properties()) {
            String name = section.getKey();
            if (!ENVELOPE_LOCATIONS.equals(name) && !types.contains(name)) {
                throw r.fail("locations." + name + ": must be 'envelope' or one of the messageTypes " + types);
            }
            if (!section.getValue().isObject()) {
                throw r.fail("locations." + name + " must map canonical pointers to agency locations");
            }
            Map<String, String> table = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : section.getValue().properties()) {
                if (!e.getKey().startsWith("/")) {
                    throw r.fail("locations." + name + ": '" + e.getKey() + "' is not a JSON Pointer (/payload/...)");
                }
                if (!e.getValue().isString() || e.getValue().asString().isBlank()) {
                    throw r.fail("locations." + name + "." + e.getKey() + " must be an agency location");
                }
                table.put(e.getKey(), e.getValue().asString());
            }
            out.put(name, table);
        }
        return out;
    }

    /** Typed reads from the YAML tree that name the folder and key in every error. */
    private record Reader(String folder) {

        FormatDefinitionException fail(String message) {
            return new FormatDefinitionException(folder, "format.yml: " + message);
        }

        void onlyKeys(JsonNode node, Set<String> allowed, String where) {
            Iterator<String> names = node.propertyNames().iterator();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw fail(where + " has an unknown key '" + name + "' (known: " + new TreeSet<>(allowed)
                            + ")");
                }
            }
        }

        String text(JsonNode node, String key, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    throw fail(key + " is required");
                }
                return "";
            }
            if (!v.isValueNode()) {
                throw fail(key + " must be a single value");
            }
            String s = v.asString().strip();
            if (required && s.isEmpty()) {
                throw fail(key + " must not be empty");
            }
            return s;
        }

        List<String> list(JsonNode node, String key, boolean required) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    throw fail(key + " is required");
                }
                return List.of();
            }
            if (!v.isArray()) {
                throw fail(key + " must be a list");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.asString().isBlank()) {
                    throw fail(key + " must list non-empty names");
                }
                out.add(item.asString().strip());
            }
            return out;
        }
    }
}
