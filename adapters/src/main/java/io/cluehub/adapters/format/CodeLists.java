package io.cluehub.adapters.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code lists of one format: for each list (a file {@code codes/<name>.json}), the agency's codes and the canonical
 * value each stands for. An entry is either {@code "SAMR-XJ-01": "false-advertising"} or, with a label for people,
 * {@code "SAMR-XJ-01": {"canonical": "false-advertising", "label": "虚假宣传"}}. Several agency codes may stand for
 * one canonical value; outbound, the first of them in the file is used.
 */
final class CodeLists {

    private static final int MAX_LISTED = 24;

    private final String formatId;
    private final Map<String, Map<String, String>> lists;

    private CodeLists(String formatId, Map<String, Map<String, String>> lists) {
        this.formatId = formatId;
        this.lists = lists;
    }

    static CodeLists load(String formatId, FormatFolder folder, List<String> names) {
        Map<String, Map<String, String>> lists = new LinkedHashMap<>();
        for (String name : names) {
            String file = "codes/" + name + ".json";
            byte[] bytes = folder.read(file)
                    .orElseThrow(() -> new FormatDefinitionException(folder.name(), file + " is missing (listed in "
                            + "codeLists of format.yml)"));
            Object tree;
            try {
                tree = JsonTrees.read(formatId, bytes, file);
            } catch (MappingException e) {
                throw new FormatDefinitionException(folder.name(), file + ": " + e.getMessage(), e);
            }
            if (!(tree instanceof Map<?, ?> map) || map.isEmpty()) {
                throw new FormatDefinitionException(folder.name(), file + " must be a non-empty JSON object of "
                        + "agency code -> canonical value");
            }
            Map<String, String> list = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map<?, ?> entry) {
                    v = entry.get("canonical");
                }
                if (!(v instanceof String s) || s.isBlank()) {
                    throw new FormatDefinitionException(folder.name(), file + ": the code '" + e.getKey()
                            + "' must map to a canonical value (a string, or an object with \"canonical\")");
                }
                list.put(String.valueOf(e.getKey()), s);
            }
            lists.put(name, Collections.unmodifiableMap(list));
        }
        return new CodeLists(formatId, Collections.unmodifiableMap(lists));
    }

    boolean has(String list) {
        return lists.containsKey(list);
    }

    /** Every list as {@code $codes} sees it: list name to (agency code to canonical value). */
    Map<String, Map<String, String>> asMap() {
        return lists;
    }

    /** The canonical value of an agency code; {@code null} for a missing value. */
    String toCanonical(String list, Object value, Locations.Renderer here, List<?> path) {
        Map<String, String> codes = list(list, here);
        String code = code(value, here, path, list);
        if (code == null) {
            return null;
        }
        String canonical = codes.get(code);
        if (canonical == null) {
            throw new MappingException(formatId, here.render(path), "Unknown " + list + " code '" + shorten(code)
                    + "': expected one of " + listed(codes.keySet()) + ".");
        }
        return canonical;
    }

    /** The agency code of a canonical value (the first that stands for it); {@code null} for a missing value. */
    String toAgency(String list, Object value, Locations.Renderer here, List<?> path) {
        Map<String, String> codes = list(list, here);
        String canonical = code(value, here, path, list);
        if (canonical == null) {
            return null;
        }
        for (Map.Entry<String, String> e : codes.entrySet()) {
            if (e.getValue().equals(canonical)) {
                return e.getKey();
            }
        }
        throw new MappingException(formatId, here.render(path), "The " + formatId + " format has no " + list
                + " code for '" + shorten(canonical) + "'.");
    }

    private Map<String, String> list(String list, Locations.Renderer here) {
        Map<String, String> codes = lists.get(list);
        if (codes == null) {
            throw new MappingException(formatId, here.whole(), "The mapping uses a code list '" + list
                    + "' that format.yml does not declare.");
        }
        return codes;
    }

    private String code(Object value, Locations.Renderer here, List<?> path, String list) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return JsonTrees.scalarText(value);
        }
        throw new MappingException(formatId, here.render(path), "Expected a " + list + " code, found "
                + (value instanceof List ? "a list" : "an object") + ".");
    }

    private static String listed(Collection<String> codes) {
        List<String> all = new ArrayList<>(codes);
        if (all.size() <= MAX_LISTED) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, MAX_LISTED)) + " … (" + all.size() + " codes)";
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
