package io.cluehub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The self-contained HTML page of a run: inline SVG charts and tables, no scripts, no external resources. Throughput of
 * hub and baseline side by side, the throughput timeline, the latency distribution at each fixed rate, memory, loss and
 * the profile summary.
 */
final class Report {

    static final String HUB_COLOUR = "#c0392b";
    static final String RAW_COLOUR = "#2471a3";

    private Report() {
    }

    /** One line on a chart. */
    record Series(String name, String colour, List<double[]> points) {
    }

    static String html(Map<String, Object> result, long epochNanos, Throughput hubThroughput, Throughput rawThroughput,
            List<Phase[]> rates, String profileText) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Clue Hub benchmark</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 10px;")
                .append("text-align:right}th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}")
                .append(".ok{color:#1e8449;font-weight:bold}.miss{color:#c0392b;font-weight:bold}")
                .append("pre{background:#f7f7f7;padding:10px;overflow-x:auto;font-size:12px}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:16px}</style></head><body>");
        h.append("<h1>Clue Hub against the raw broker</h1>");
        h.append("<p>").append(esc(String.valueOf(result.get("date")))).append(" &middot; ")
                .append(esc(String.valueOf(result.get("machine")))).append(" &middot; hub ")
                .append(esc(String.valueOf(result.get("hub_version")))).append("</p>");
        h.append("<p>Hub: the packaged <code>clue-hub.jar</code> (embedded Artemis, H2, every pipeline step on). "
                + "Baseline: the same jar as a broker-only node (same acceptor, same journal, same address settings), "
                + "relayed <code>hub.inbound</code> &rarr; <code>agency.CAC-330100.inbox</code> by a plain transacted "
                + "JMS loop. Same producers, same consumers, same DESIGN.md &sect;10 message, TCP on loopback.</p>");

        h.append("<h2>Targets</h2><table><tr><th>target</th><th>value</th><th>met</th></tr>");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> targets = (Map<String, Map<String, Object>>) result.get("targets");
        targets.forEach((name, t) -> h.append("<tr><td>").append(esc(name)).append("</td><td>")
                .append(esc(String.valueOf(t.get("value")))).append("</td><td class=\"")
                .append(Boolean.TRUE.equals(t.get("met")) ? "ok\">yes" : "miss\">no").append("</td></tr>"));
        h.append("</table>");

        h.append("<h2>Maximum sustained throughput</h2><p>Producers send as fast as a window of messages in flight "
                + "allows; deliveries per second at the recipient, counted in measured slices that alternate between "
                + "raw broker and hub (so that load from other processes on a shared machine falls on both alike), "
                + "after an unmeasured warm-up of each. Both commit the same way: what the broker has ready, up to the "
                + "hub's intake batch size per transaction. * diagnostic only, not part of the ratio: the raw broker "
                + "with one message per transaction.</p><div class=\"charts\">");
        double hub = num(result.get("hub_msgs_per_s"));
        double raw = num(result.get("raw_msgs_per_s"));
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostic = (Map<String, Object>) ((Map<String, Object>) result.get("throughput"))
                .get("raw_diagnostic");
        List<String[]> labels = new ArrayList<>(List.of(new String[] {"hub", HUB_COLOUR},
                new String[] {"raw broker", RAW_COLOUR}));
        double[] values = diagnostic == null ? new double[] {hub, raw}
                : new double[] {hub, raw, num(diagnostic.get("delivered_per_s"))};
        if (diagnostic != null) {
            labels.add(new String[] {"raw, 1 message per transaction*", "#85c1e9"});
        }
        h.append(bars("Messages per second, end to end", labels, values,
                String.format(Locale.ROOT, "ratio hub / raw = %.2f", num(result.get("ratio")))));
        List<Series> timeline = new ArrayList<>();
        timeline.add(new Series("hub", HUB_COLOUR, timeline(hubThroughput, epochNanos)));
        timeline.add(new Series("raw broker", RAW_COLOUR, timeline(rawThroughput, epochNanos)));
        h.append(lineChart("Deliveries per second, alternating measured slices", timeline, "seconds", "msg/s", false,
                false, -1));
        h.append("</div>");

        h.append("<h2>Latency at fixed offered rates</h2><p>From the moment each message was due to be sent (its slot in "
                + "the rate schedule; a late send counts against the system) to its arrival at the recipient. "
                + "HdrHistogram, microsecond resolution. Percentile axis: 0, 90, 99, 99.9, 99.99 %.</p>");
        h.append("<table><tr><th>rate</th><th>system</th><th>sent/s achieved</th><th>messages</th><th>p50 ms</th>"
                + "<th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>sustained</th></tr>");
        for (Phase[] pair : rates) {
            for (Phase p : pair) {
                if (p == null) {
                    continue;
                }
                if (p.skipped != null) {
                    h.append("<tr><td>").append(p.rate).append("</td><td>").append(p.system)
                            .append("</td><td colspan=\"8\">skipped: ").append(esc(p.skipped)).append("</td></tr>");
                    continue;
                }
                h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.0f</td><td>%d</td><td>%.2f</td>"
                                + "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%s</td></tr>",
                        p.rate, p.system, p.achievedSendRate(), p.reported().getTotalCount(),
                        Phase.ms(p.reported(), 50), Phase.ms(p.reported(), 90), Phase.ms(p.reported(), 99),
                        Phase.ms(p.reported(), 99.9), Phase.maxMs(p.reported()),
                        p.overloaded != null ? "NO: " + esc(p.overloaded) : p.drained ? "yes" : "NO: not all arrived"));
            }
        }
        h.append("</table><div class=\"charts\">");
        for (Phase[] pair : rates) {
            List<Series> series = new ArrayList<>();
            int rate = 0;
            for (Phase p : pair) {
                if (p != null && p.skipped == null && p.reported().getTotalCount() > 0) {
                    rate = p.rate;
                    series.add(new Series(("hub".equals(p.system) ? "hub" : "raw broker")
                            + (p.overloaded != null ? " (not sustained)" : ""),
                            "hub".equals(p.system) ? HUB_COLOUR : RAW_COLOUR, spectrum(p.reported())));
                }
            }
            if (!series.isEmpty()) {
                h.append(lineChart("Latency distribution at " + rate + " msg/s", series, "percentile", "ms (log)",
                        true, true, -1));
            }
        }
        h.append("</div>");

        h.append("<h2>Memory, loss, receipts</h2><pre>")
                .append(esc(Bench.JSON.writeValueAsString(Map.of(
                        "memory", result.get("memory"),
                        "delivery", result.get("delivery"),
                        "receipts", result.get("receipts")))))
                .append("</pre>");
        h.append("<h2>Hub profile (JFR, throughput phase)</h2><pre>").append(esc(profileText)).append("</pre>");
        h.append("<h2>Everything measured (latest.json)</h2><pre>")
                .append(esc(Bench.JSON.writeValueAsString(result))).append("</pre>");
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Deliveries per second, second by second, over each slice, on the common clock of the throughput rounds. */
    private static List<double[]> timeline(Throughput throughput, long epochNanos) {
        List<double[]> points = new ArrayList<>();
        for (Phase phase : throughput.slices) {
            double offset = (phase.startNanos - epochNanos) / 1e9;
            int seconds = (int) Math.ceil((phase.measureToNanos - phase.startNanos) / 1e9);
            points.add(new double[] {offset, 0});
            for (int s = 0; s < Math.min(seconds, phase.timeline.length()); s++) {
                points.add(new double[] {offset + s + 0.5, phase.timeline.get(s)});
            }
            points.add(new double[] {offset + seconds, 0});
            points.add(new double[] {Double.NaN, Double.NaN});
        }
        return points;
    }

    /** Percentile spectrum: x = log10(1 / (1 - p)), y = latency in ms. */
    private static List<double[]> spectrum(Histogram histogram) {
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo();
            if (p >= 100.0) {
                break;
            }
            points.add(new double[] {Math.log10(100.0 / (100.0 - p)), Math.max(0.01, v.getValueIteratedTo() / 1000.0)});
        }
        points.add(new double[] {Math.min(5, Math.log10(histogram.getTotalCount())),
                Math.max(0.01, histogram.getMaxValue() / 1000.0)});
        return points;
    }

    private static String bars(String title, List<String[]> labels, double[] values, String note) {
        int w = 80 + 150 * values.length;
        int hgt = 300;
        int left = 60;
        int bottom = 40;
        int top = 40;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        max = niceCeiling(max);
        StringBuilder s = svgOpen(w, hgt, title);
        axisY(s, left, top, hgt - bottom, w - 10, 0, max, false);
        int slot = (w - left - 20) / values.length;
        for (int i = 0; i < values.length; i++) {
            double bh = max <= 0 ? 0 : (hgt - bottom - top) * values[i] / max;
            int x = left + 10 + i * slot + slot / 6;
            int bw = slot * 2 / 3;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>",
                    x, hgt - bottom - bh, bw, bh, labels.get(i)[1]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\">"
                    + "%.0f</text>", x + bw / 2, hgt - bottom - bh - 4, values[i]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">%s"
                    + "</text>", x + bw / 2, hgt - bottom + 18, esc(labels.get(i)[0])));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\">%s</text>",
                w - 12, top - 6, esc(note)));
        return s.append("</svg>").toString();
    }

    private static String lineChart(String title, List<Series> series, String xLabel, String yLabel,
            boolean percentileX, boolean logY, double markerX) {
        int w = 520;
        int hgt = 320;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 45;
        double xMax = 0;
        double yMax = 0;
        double yMin = Double.MAX_VALUE;
        for (Series ser : series) {
            for (double[] p : ser.points()) {
                if (Double.isNaN(p[0])) {
                    continue;
                }
                xMax = Math.max(xMax, p[0]);
                yMax = Math.max(yMax, p[1]);
                yMin = Math.min(yMin, p[1]);
            }
        }
        if (percentileX) {
            xMax = Math.max(4, Math.ceil(xMax));
        }
        StringBuilder s = svgOpen(w, hgt, title);
        double lo;
        double hi;
        if (logY) {
            lo = Math.floor(Math.log10(Math.max(0.01, yMin == Double.MAX_VALUE ? 0.1 : yMin)));
            hi = Math.ceil(Math.log10(Math.max(yMax, Math.pow(10, lo + 1))));
        } else {
            lo = 0;
            hi = niceCeiling(yMax);
        }
        double x0 = left;
        double x1 = w - right;
        double y0 = hgt - bottom;
        double y1 = top;
        double finalXMax = Math.max(xMax, 1);
        axisY(s, left, top, hgt - bottom, w - right, lo, hi, logY);
        // x axis
        s.append(String.format(Locale.ROOT, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#555\"/>",
                x0, y0, x1, y0));
        if (percentileX) {
            String[] names = {"0", "90", "99", "99.9", "99.99", "99.999"};
            for (int i = 0; i <= (int) finalXMax && i < names.length; i++) {
                double x = x0 + (x1 - x0) * i / finalXMax;
                s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" "
                        + "font-size=\"11\">%s</text>", x, y0 + 15, names[i]));
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                double v = finalXMax * i / 5;
                double x = x0 + (x1 - x0) * i / 5;
                s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" "
                        + "font-size=\"11\">%.0f</text>", x, y0 + 15, v));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>",
                (x0 + x1) / 2, hgt - 8, esc(xLabel)));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.0f\" font-size=\"12\" transform=\"rotate(-90 14 %.0f)\""
                + " text-anchor=\"middle\">%s</text>", (y0 + y1) / 2, (y0 + y1) / 2, esc(yLabel)));
        if (markerX > 0) {
            double x = x0 + (x1 - x0) * markerX / finalXMax;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#888\" "
                    + "stroke-dasharray=\"4 3\"/>", x, y0, x, y1));
        }
        int legendY = top + 4;
        for (Series ser : series) {
            StringBuilder path = new StringBuilder();
            boolean move = true;
            for (double[] p : ser.points()) {
                if (Double.isNaN(p[0])) {
                    // A gap: the next point starts a new segment.
                    move = true;
                    continue;
                }
                double x = x0 + (x1 - x0) * p[0] / finalXMax;
                double v = logY ? Math.log10(Math.max(p[1], Math.pow(10, lo))) : p[1];
                double y = y0 - (y0 - y1) * (v - lo) / Math.max(1e-9, hi - lo);
                path.append(move ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
                move = false;
            }
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(ser.colour())
                    .append("\" stroke-width=\"2\"/>");
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", left + 10, legendY, ser.colour(),
                    left + 26, legendY + 5, esc(ser.name())));
            legendY += 16;
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder svgOpen(int w, int h, String title) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>", w, h, w, h, esc(title)));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\" stroke=\"#ddd\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                esc(title)));
        return s;
    }

    private static void axisY(StringBuilder s, int left, int top, int bottom, int right, double lo, double hi,
            boolean log) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", left,
                top, left, bottom));
        int ticks = log ? (int) Math.max(1, hi - lo) : 5;
        for (int i = 0; i <= ticks; i++) {
            double y = bottom - (bottom - top) * (double) i / ticks;
            double v = log ? Math.pow(10, lo + i) : lo + (hi - lo) * i / ticks;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    left, y, right, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%s"
                    + "</text>", left - 4, y + 4, label(v)));
        }
    }

    private static String label(double v) {
        if (v == 0) {
            return "0";
        }
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
