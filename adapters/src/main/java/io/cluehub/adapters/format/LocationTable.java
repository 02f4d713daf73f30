package io.cluehub.adapters.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code locations} of a {@code format.yml}: for each message type, canonical JSON Pointer patterns and the place
 * in the agency's message each value comes from. A {@code *} in a pointer matches an array index; the {@code *}s of
 * the agency location are replaced by those indices in order, counted the agency's way (from 0 in JSON, from 1 in
 * XML and in numbered CSV column groups). A pointer with no entry falls back to its nearest ancestor that has one.
 * XML locations without a leading {@code /} start at the message type's document element ({@code .} is that
 * element itself).
 */
final class LocationTable {

    private final Syntax syntax;
    private final Map<String, Map<String, String>> byType;
    private final Map<String, String> xmlRoots;

    LocationTable(FormatDescriptor descriptor) {
        this.syntax = descriptor.syntax();
        this.byType = descriptor.locations();
        this.xmlRoots = descriptor.xml() == null ? Map.of() : descriptor.xml().roots();
    }

    Optional<String> locate(String messageType, String canonicalPointer, int messageIndex) {
        if (messageType == null || canonicalPointer == null) {
            return Optional.empty();
        }
        Map<String, String> table = new LinkedHashMap<>(byType.getOrDefault(FormatDescriptor.ENVELOPE_LOCATIONS,
                Map.of()));
        table.putAll(byType.getOrDefault(messageType, Map.of()));
        List<String> segments = segments(canonicalPointer);
        for (int len = segments.size(); len > 0; len--) {
            List<String> prefix = segments.subList(0, len);
            for (Map.Entry<String, String> e : table.entrySet()) {
                List<String> indices = match(segments(e.getKey()), prefix);
                if (indices != null) {
                    return Optional.of(render(messageType, e.getValue(), indices, messageIndex));
                }
            }
        }
        // A CSV message is a row: that much is always known.
        return syntax == Syntax.CSV ? Optional.of(Locations.csv(messageIndex + 1L).whole()) : Optional.empty();
    }

    private String render(String messageType, String pattern, List<String> indices, int messageIndex) {
        int base = syntax == Syntax.JSON ? 0 : 1;
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && next < indices.size()) {
                sb.append(Long.parseLong(indices.get(next++)) + base);
            } else {
                sb.append(c);
            }
        }
        String location = sb.toString();
        return switch (syntax) {
            case JSON -> location;
            // Relative XML locations start at the message type's document element; "." is that element.
            case XML -> location.startsWith("/") ? location
                    : ".".equals(location) ? "/" + xmlRoots.get(messageType)
                    : "/" + xmlRoots.get(messageType) + "/" + location;
            case CSV -> Locations.csv(messageIndex + 1L).render(List.of(location));
        };
    }

    /** The indices matched by the {@code *}s of {@code pattern}, or {@code null} when it does not match. */
    private static List<String> match(List<String> pattern, List<String> pointer) {
        if (pattern.size() != pointer.size()) {
            return null;
        }
        List<String> indices = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = pointer.get(i);
            if ("*".equals(p)) {
                if (!s.matches("0|[1-9][0-9]{0,8}")) {
                    return null;
                }
                indices.add(s);
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return indices;
    }

    private static List<String> segments(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        String body = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        return Arrays.stream(body.split("/", -1)).map(s -> s.replace("~1", "/").replace("~0", "~")).toList();
    }
}
