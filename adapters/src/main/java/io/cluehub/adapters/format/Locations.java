package io.cluehub.adapters.format;

import java.util.List;

/**
 * Renders a path through a message tree (property names and 0-based array indices, as a mapping expression passes
 * them to {@code $code}, {@code $fail} and the other helpers) as a location the reader of that message understands.
 */
final class Locations {

    private Locations() {
    }

    /** Renders a path of one message; the empty path is the whole message (or, in CSV, the whole row). */
    @FunctionalInterface
    interface Renderer {
        String render(List<?> path);

        default String whole() {
            return render(List.of());
        }
    }

    /** RFC 6901 JSON Pointer: {@code ["neirong", "weifa", 0, "leibie"]} is {@code /neirong/weifa/0/leibie}. */
    static String pointer(List<?> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            sb.append('/').append(segment(segment).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /**
     * XPath-like, 1-based: {@code ["JingQingXianSuo", "WeiFaXingWeiLieBiao", "WeiFaXingWei", 0, "LeiBie"]} is
     * {@code /JingQingXianSuo/WeiFaXingWeiLieBiao/WeiFaXingWei[1]/LeiBie}; an {@code @name} step is an attribute and
     * {@code #text} the element's own text.
     */
    static String xpath(List<?> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Number n) {
                sb.append('[').append(n.longValue() + 1).append(']');
            } else if (!XmlCodec.TEXT.equals(segment(segment))) {
                sb.append('/').append(segment(segment));
            }
        }
        return sb.toString();
    }

    /**
     * A CSV cell: {@code row 3, column wf1_leibie}; a further index names an item of a list-valued cell
     * ({@code row 3, column jieshoufang, item 2}). Rows count data rows from 1; the header is not a row.
     */
    static Renderer csv(long row) {
        return path -> {
            StringBuilder sb = new StringBuilder("row ").append(row);
            if (!path.isEmpty()) {
                sb.append(", column ").append(segment(path.get(0)));
                for (Object more : path.subList(1, path.size())) {
                    if (more instanceof Number n) {
                        sb.append(", item ").append(n.longValue() + 1);
                    } else {
                        sb.append(", ").append(segment(more));
                    }
                }
            }
            return sb.toString();
        };
    }

    private static String segment(Object o) {
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(o);
    }
}
