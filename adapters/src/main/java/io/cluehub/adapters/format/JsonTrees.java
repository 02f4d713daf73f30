package io.cluehub.adapters.format;

import io.cluehub.schemas.validation.JsonDiagnostics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON bodies to and from the plain {@code Map}/{@code List}/scalar trees the mappings work on. Reading is strict
 * (duplicate keys, trailing content and deep nesting are refused); writing leaves out {@code null}s, which the
 * canonical schemas never allow, and writes whole numbers as integers.
 */
final class JsonTrees {

    static final int MAX_NESTING_DEPTH = 64;
    private static final int MAX_ECHO = 160;

    private static final JsonMapper MAPPER;

    static {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Error messages must not quote the sender's content back into logs.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        MAPPER = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    private JsonTrees() {
    }

    /**
     * Reads a JSON body. A body that is not well-formed JSON is a {@link MappingException} located at the JSON Pointer
     * of the value being read when the parser stopped.
     */
    static Object read(String formatId, byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new MappingException(formatId, "", "The " + what + " is empty.");
        }
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(body);
            Object tree = MAPPER.readValue(parser, Object.class);
            if (tree == null) {
                throw new MappingException(formatId, "", "The " + what + " holds no JSON value.");
            }
            return tree;
        } catch (JacksonException e) {
            String pointer = "";
            if (parser != null) {
                try {
                    pointer = parser.streamReadContext().pathAsPointer().toString();
                } catch (RuntimeException ignored) {
                    // The location stays the whole message.
                }
            }
            throw new MappingException(formatId, pointer, malformed(what, e));
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /** Writes a tree a mapping produced as UTF-8 JSON, leaving out nulls. */
    static byte[] write(String formatId, Object tree, String what) {
        Object clean = clean(formatId, tree, what);
        try {
            return MAPPER.writeValueAsBytes(clean);
        } catch (JacksonException e) {
            throw new MappingException(formatId, "", "The " + what + " could not be written as JSON.", e);
        }
    }

    /**
     * A copy of {@code tree} with only JSON values: maps with string keys (null values left out), lists (null items
     * left out), strings, booleans and numbers (whole doubles become longs).
     */
    static Object clean(String formatId, Object tree, String what) {
        return clean(formatId, tree, what, 0);
    }

    private static Object clean(String formatId, Object o, String what, int depth) {
        if (depth > MAX_NESTING_DEPTH) {
            throw new MappingException(formatId, "", "The " + what + " nests deeper than " + MAX_NESTING_DEPTH
                    + " levels.");
        }
        if (o == null || o instanceof String || o instanceof Boolean) {
            return o;
        }
        if (o instanceof Number n) {
            return number(n);
        }
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = clean(formatId, e.getValue(), what, depth + 1);
                if (v != null) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                Object v = clean(formatId, item, what, depth + 1);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        throw new MappingException(formatId, "", "The " + what + " holds a value that is not JSON (a "
                + o.getClass().getSimpleName() + "); check the mapping expression.");
    }

    private static Object number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            return d;
        }
        if (n instanceof BigDecimal bd) {
            try {
                return bd.toBigIntegerExact();
            } catch (ArithmeticException notWhole) {
                return bd;
            }
        }
        if (n instanceof BigInteger || n instanceof Long || n instanceof Integer || n instanceof Short
                || n instanceof Byte) {
            return n;
        }
        return n.doubleValue();
    }

    /** The text form of a scalar for XML and CSV: whole numbers without a fraction. */
    static String scalarText(Object o) {
        Object n = o instanceof Number num ? number(num) : o;
        if (n instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return String.valueOf(n);
    }

    private static String malformed(String what, JacksonException e) {
        return JsonDiagnostics.malformed(what, e, MAX_ECHO);
    }
}
