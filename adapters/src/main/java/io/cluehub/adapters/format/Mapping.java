package io.cluehub.adapters.format;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled mapping file ({@code inbound.jsonata} or {@code outbound.jsonata}) of a format. Expressions come from
 * files the operator controls, never from messages; each evaluation is bounded in time and depth, and {@code $eval}
 * (which would evaluate text) is not available.
 *
 * <p>Besides JSONata's own functions, a mapping may call these helpers. A {@code path} is a list of property names and
 * 0-based indices in the mapping's input, e.g. {@code ["neirong", "weifa", $i, "leibie"]} (a single name may be given
 * as a string); the error's location renders it the way the input's readers count (JSON Pointer, XPath-like for XML,
 * row and column for CSV; a JSON Pointer into the canonical message in outbound mappings).
 * <ul>
 *   <li>{@code $codes} — the format's code lists, {@code $codes.<list>.<agency code>} is the canonical value
 *   <li>{@code $code(list, value, path)} — agency code to canonical value; an unknown code fails at {@code path}
 *   <li>{@code $uncode(list, value, path)} — canonical value to the (first) agency code; fails if there is none
 *   <li>{@code $integer(value, path)} — a whole number from a number or digits; fails at {@code path} otherwise
 *   <li>{@code $parseTime(value, pattern, zone, path)} — agency local time ({@code java.time} pattern such as
 *   {@code yyyy-MM-dd HH:mm:ss}, zone such as {@code Asia/Shanghai}) to an RFC 3339 date-time with offset
 *   <li>{@code $formatTime(value, pattern, zone, path)} — an RFC 3339 date-time to agency local time
 *   <li>{@code $prefixed(object, prefix)} — the properties of {@code object} whose names start with {@code prefix},
 *   named without it (for numbered CSV column groups: {@code $prefixed($, "nsr2_").mc} is column {@code nsr2_mc});
 *   missing when there are none
 *   <li>{@code $fail(path, message)} — rejects the message with {@code message} at {@code path}
 * </ul>
 * All helpers pass a missing value through as missing.
 */
final class Mapping {

    /** How long one evaluation (one message, or one CSV row) may run. */
    static final long TIMEOUT_MILLIS = 2_000;
    /** How deep evaluation may nest (recursive functions are stopped here). */
    static final int MAX_DEPTH = 400;

    private static final Pattern EVAL = Pattern.compile("\\$eval\\s*\\(");
    private static final Pattern CODE_USE = Pattern.compile("\\$(?:un)?code\\s*\\(\\s*[\"']([^\"']*)[\"']");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]{9,}\"|'[^']{9,}'");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Map<String, DateTimeFormatter> PATTERNS = new ConcurrentHashMap<>();
    private static final int MAX_ECHO = 200;

    private final String formatId;
    private final String file;
    private final Jsonata expression;
    private final CodeLists codes;

    private Mapping(String formatId, String file, Jsonata expression, CodeLists codes) {
        this.formatId = formatId;
        this.file = file;
        this.expression = expression;
        this.codes = codes;
    }

    static Mapping compile(String formatId, FormatFolder folder, String file, CodeLists codes) {
        byte[] bytes = folder.read(file)
                .orElseThrow(() -> new FormatDefinitionException(folder.name(), file + " is missing"));
        String source = new String(bytes, StandardCharsets.UTF_8);
        if (EVAL.matcher(source).find()) {
            throw new FormatDefinitionException(folder.name(), file + " uses $eval, which format mappings may not");
        }
        Matcher uses = CODE_USE.matcher(source);
        while (uses.find()) {
            if (!codes.has(uses.group(1))) {
                throw new FormatDefinitionException(folder.name(), file + " at " + lineColumn(source, uses.start())
                        + " uses the code list '" + uses.group(1) + "', which codeLists of format.yml does not name");
            }
        }
        Jsonata expression;
        try {
            expression = Jsonata.jsonata(source);
        } catch (JException e) {
            throw new FormatDefinitionException(folder.name(), file + " does not compile at "
                    + lineColumn(source, e.getLocation()) + ": " + e.getMessage(), e);
        }
        if (expression.getErrors() != null && !expression.getErrors().isEmpty()) {
            throw new FormatDefinitionException(folder.name(), file + " does not compile: "
                    + expression.getErrors().get(0).getMessage());
        }
        return new Mapping(formatId, file, expression, codes);
    }

    /**
     * Evaluates the mapping on {@code input} (a JSON-like tree). Errors name locations through {@code here}; an error
     * the expression itself raises (a JSONata type error, say) is located at the whole input.
     */
    Object apply(Object input, Locations.Renderer here) {
        Jsonata.Frame frame = expression.createFrame();
        frame.bind("codes", codes.asMap());
        frame.bind("code", fn(args -> codes.toCanonical(string(arg(args, 0)), arg(args, 1), here, path(arg(args, 2)))));
        frame.bind("uncode", fn(args -> codes.toAgency(string(arg(args, 0)), arg(args, 1), here, path(arg(args, 2)))));
        frame.bind("integer", fn(args -> integer(arg(args, 0), here, path(arg(args, 1)))));
        frame.bind("parseTime", fn(args -> parseTime(arg(args, 0), string(arg(args, 1)), string(arg(args, 2)), here,
                path(arg(args, 3)))));
        frame.bind("formatTime", fn(args -> formatTime(arg(args, 0), string(arg(args, 1)), string(arg(args, 2)),
                here, path(arg(args, 3)))));
        frame.bind("prefixed", fn(args -> prefixed(arg(args, 0), string(arg(args, 1)))));
        frame.bind("fail", fn(args -> {
            throw new MappingException(formatId, here.render(path(arg(args, 0))), failMessage(arg(args, 1)));
        }));
        frame.bind("eval", fn(args -> {
            throw new MappingException(formatId, here.whole(), "$eval is not available in format mappings.");
        }));
        frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
        try {
            return expression.evaluate(input, frame);
        } catch (StackOverflowError e) {
            throw new MappingException(formatId, here.whole(), "The " + file + " mapping of " + formatId
                    + " recursed too deeply.");
        } catch (RuntimeException e) {
            MappingException cause = mappingCause(e);
            if (cause != null) {
                throw cause;
            }
            throw new MappingException(formatId, here.whole(), "The " + file + " mapping of " + formatId
                    + " failed: " + describe(e));
        }
    }

    private static Object prefixed(Object object, String prefix) {
        if (!(object instanceof Map<?, ?> map) || prefix == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.startsWith(prefix) && name.length() > prefix.length() && e.getValue() != null) {
                out.put(name.substring(prefix.length()), e.getValue());
            }
        }
        return out.isEmpty() ? null : out;
    }

    private Object integer(Object value, Locations.Renderer here, List<?> path) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return n.longValue();
            }
        } else if (value instanceof String s && INTEGER.matcher(s.strip()).matches()) {
            return Long.parseLong(s.strip().startsWith("+") ? s.strip().substring(1) : s.strip());
        }
        throw new MappingException(formatId, here.render(path), "Expected a whole number.");
    }

    private Object parseTime(Object value, String pattern, String zone, Locations.Renderer here, List<?> path) {
        if (value == null) {
            return null;
        }
        DateTimeFormatter f = formatter(pattern, here);
        ZoneId z = zone(zone, here);
        try {
            LocalDateTime local = LocalDateTime.parse(String.valueOf(value).strip(), f);
            return local.atZone(z).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            throw new MappingException(formatId, here.render(path), "Expected a time like " + pattern + ".");
        }
    }

    private Object formatTime(Object value, String pattern, String zone, Locations.Renderer here, List<?> path) {
        if (value == null) {
            return null;
        }
        DateTimeFormatter f = formatter(pattern, here);
        ZoneId z = zone(zone, here);
        try {
            OffsetDateTime t = OffsetDateTime.parse(String.valueOf(value).strip(),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return t.atZoneSameInstant(z).format(f);
        } catch (DateTimeException e) {
            throw new MappingException(formatId, here.render(path), "Expected an RFC 3339 date-time with offset.");
        }
    }

    private DateTimeFormatter formatter(String pattern, Locations.Renderer here) {
        if (pattern == null) {
            throw new MappingException(formatId, here.whole(), "The " + file + " mapping calls a time helper "
                    + "without a pattern.");
        }
        try {
            return PATTERNS.computeIfAbsent(pattern, p -> new DateTimeFormatterBuilder()
                    .appendPattern(p)
                    // Strict: 2026-11-31 is an error, not 30 November; "yyyy" needs an era to resolve strictly.
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
        } catch (IllegalArgumentException e) {
            throw new MappingException(formatId, here.whole(), "The " + file + " mapping uses an invalid time "
                    + "pattern: " + e.getMessage());
        }
    }

    private ZoneId zone(String zone, Locations.Renderer here) {
        try {
            return ZoneId.of(zone == null ? "Asia/Shanghai" : zone);
        } catch (DateTimeException e) {
            throw new MappingException(formatId, here.whole(), "The " + file + " mapping uses an unknown time zone.");
        }
    }

    private static JFunction fn(java.util.function.Function<List<?>, Object> body) {
        return new JFunction((input, args) -> body.apply(args == null ? List.of() : args), null);
    }

    private static Object arg(List<?> args, int i) {
        return i < args.size() ? args.get(i) : null;
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<?> path(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> list) {
            return list;
        }
        return List.of(o);
    }

    private static String failMessage(Object o) {
        String s = o == null ? "" : String.valueOf(o).strip();
        return s.isEmpty() ? "The message cannot be mapped." : s;
    }

    private static MappingException mappingCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MappingException m) {
                return m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // JSONata quotes the values it choked on; a long one may be personal data.
        m = QUOTED.matcher(m.strip()).replaceAll("'…'");
        return m.length() > MAX_ECHO ? m.substring(0, MAX_ECHO) + "…" : m;
    }

    private static String lineColumn(String source, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(Math.max(offset, 0), source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
