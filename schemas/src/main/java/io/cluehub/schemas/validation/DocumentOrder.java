package io.cluehub.schemas.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Orders issues as their locations appear in the message, so an integrator reads them top to bottom. A location that
 * does not exist in the message (a missing required property) sorts first within its parent. The sort is stable:
 * issues at the same location keep the order the chain found them in.
 */
final class DocumentOrder {

    private DocumentOrder() {}

    static List<Issue> sort(JsonNode message, List<Issue> issues) {
        if (issues.size() < 2 || message == null) {
            return issues;
        }
        Map<String, int[]> keys = new HashMap<>();
        for (Issue i : issues) {
            keys.computeIfAbsent(i.location(), loc -> key(message, loc));
        }
        List<Issue> sorted = new ArrayList<>(issues);
        sorted.sort(Comparator.comparing(i -> keys.get(i.location()), DocumentOrder::compare));
        return sorted;
    }

    private static int[] key(JsonNode message, String pointer) {
        if (pointer.isEmpty()) {
            return new int[0];
        }
        String[] tokens = pointer.substring(1).split("/", -1);
        int[] key = new int[tokens.length];
        JsonNode node = message;
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t].replace("~1", "/").replace("~0", "~");
            int index = -1;
            JsonNode next = null;
            if (node != null && node.isObject()) {
                int n = 0;
                for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); n++) {
                    if (it.next().equals(token)) {
                        index = n;
                        next = node.get(token);
                        break;
                    }
                }
            } else if (node != null && node.isArray()) {
                try {
                    index = Integer.parseInt(token);
                    next = node.get(index);
                } catch (NumberFormatException e) {
                    index = -1;
                }
            }
            key[t] = index;
            node = next;
        }
        return key;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
