package io.cluehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns the hub's flight recording of the throughput phase into a text profile (JDK 17's {@code jfr} tool has no
 * {@code view}): where the CPU goes (top frames, by library, by hub step, by thread), what the intake threads wait on
 * (native I/O, fsync, parking, monitors), what allocates, and what the GC did.
 */
final class JfrSummary {

    /** Thread names of the hub's intake consumers (Camel JMS consumers of hub.inbound). */
    private static final String INTAKE_THREAD = "JmsConsumer[hub.inbound]";
    private static final int TOP = 20;

    /** Subsystems worth a number of their own: a sample counts once for each whose frames appear on its stack. */
    private static final String[][] SUBSYSTEMS = {
        {"H2 commit (MVStore serialises and writes a chunk)", "org.h2.mvstore.MVStore.commit"},
        {"H2, all of it", "org.h2."},
        {"Spring JdbcTemplate calls", "org.springframework.jdbc.core.JdbcTemplate."},
        {"archive append (head lock, hash, insert)", "io.cluehub.archive.ArchiveStore.append"},
        {"JSON Schema validation (networknt)", "com.networknt."},
        {"Jackson, all of it", "tools.jackson.", "com.fasterxml.jackson."},
        {"SHA-256", "sun.security.provider.SHA", "java.security.MessageDigest."},
        {"Camel split (send step)", "org.apache.camel.processor.MulticastProcessor."},
        {"Camel JMS producer (deliveries, receipts)", "org.apache.camel.component.jms.JmsProducer."},
        {"Camel JMS consumer binding (reading the message)", "org.apache.camel.component.jms.JmsBinding.extract",
            "org.apache.camel.component.jms.JmsMessage."},
        {"Spring JMS transaction commit", "org.springframework.jms.connection.JmsTransactionManager.doCommit"},
        {"Artemis client calls (in-VM)", "org.apache.activemq.artemis.core.client."},
        {"Artemis duplicate-id cache", "org.apache.activemq.artemis.core.postoffice.impl.PersistentDuplicateIDCache"},
        {"Artemis journal", "org.apache.activemq.artemis.core.journal.", "org.apache.activemq.artemis.core.io."},
        {"logging", "ch.qos.logback.", "org.slf4j."},
    };

    private JfrSummary() {
    }

    /**
     * The JDK's {@code profile} settings with lower thresholds, so that short waits show: every fsync, every contended
     * monitor, parks from 100 µs; Java and native stacks sampled every 10 ms alike, so their counts add up.
     */
    static Path writeSettings(Path dir) {
        Path source = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        try {
            String jfc = Files.readString(source, StandardCharsets.UTF_8);
            jfc = threshold(jfc, "jdk.FileForce", "threshold", "0 ms");
            jfc = threshold(jfc, "jdk.JavaMonitorEnter", "threshold", "0 ms");
            jfc = threshold(jfc, "jdk.JavaMonitorWait", "threshold", "100 us");
            jfc = threshold(jfc, "jdk.ThreadPark", "threshold", "100 us");
            jfc = threshold(jfc, "jdk.NativeMethodSample", "period", "10 ms");
            jfc = threshold(jfc, "jdk.ObjectAllocationSample", "throttle", "1000/s");
            jfc = threshold(jfc, "jdk.ThreadCPULoad", "period", "1 s");
            Path target = dir.resolve("bench-profile.jfc");
            Files.writeString(target, jfc, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot derive JFR settings from " + source, e);
        }
    }

    private static String threshold(String jfc, String event, String setting, String value) {
        Pattern block = Pattern.compile("(<event name=\"" + Pattern.quote(event) + "\">.*?</event>)", Pattern.DOTALL);
        Matcher m = block.matcher(jfc);
        if (!m.find()) {
            throw new IllegalStateException("No " + event + " in profile.jfc");
        }
        String replaced = m.group(1).replaceAll("<setting name=\"" + setting + "\"[^>]*>[^<]*</setting>",
                "<setting name=\"" + setting + "\">" + value + "</setting>");
        return jfc.substring(0, m.start(1)) + replaced + jfc.substring(m.end(1));
    }

    /** Counts of things, ranked. */
    static final class Tally {
        private final Map<String, long[]> counts = new HashMap<>();
        long total;
        /** What percentages are of, when not the sum of the counts (inclusive tallies count a sample many times). */
        long denominator;

        long base() {
            return denominator > 0 ? denominator : total;
        }

        void add(String key, long value) {
            counts.computeIfAbsent(key, k -> new long[2])[0] += value;
            counts.get(key)[1]++;
            total += value;
        }

        void remove(String key, long value) {
            long[] c = counts.get(key);
            c[0] -= value;
            c[1]--;
            total -= value;
        }

        List<Map.Entry<String, long[]>> top(int n) {
            return counts.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                    .limit(n).toList();
        }
    }

    /** Analyses {@code recording}, writes the text profile to {@code out}, and returns its headline figures. */
    static Map<String, Object> analyse(Path recording, Path out) throws IOException {
        return analyse(recording, out, "Hub flight recording at full load (after every measured phase)");
    }

    /** As {@link #analyse(Path, Path)}, with a title saying what the recording covers. */
    static Map<String, Object> analyse(Path recording, Path out, String title) throws IOException {
        Tally selfFrames = new Tally();
        Tally firstOwnFrames = new Tally();
        Tally layers = new Tally();
        Tally threads = new Tally();
        Tally hubInclusive = new Tally();
        Tally intakeHubInclusive = new Tally();
        Tally intakeLayers = new Tally();
        Tally intakeNative = new Tally();
        Tally nativeByThread = new Tally();
        Tally allocByFrame = new Tally();
        Tally allocByClass = new Tally();
        // A thread's first allocation sample weighs everything it allocated since it started, before the recording
        // too (two such samples once weighed 25 GB each, three quarters of the total): it is taken out at the end.
        Map<Long, RecordedEvent> firstAllocation = new HashMap<>();
        Tally monitorEnter = new Tally();
        Tally monitorWait = new Tally();
        Tally parks = new Tally();
        Tally intakeParks = new Tally();
        Tally fsyncByFile = new Tally();
        Tally fsyncByThread = new Tally();
        Tally eventCounts = new Tally();
        Tally intakeWaits = new Tally();
        Tally threadCpu = new Tally();
        Tally subsystems = new Tally();
        Tally roundTrips = new Tally();
        Tally intakeSubsystems = new Tally();
        long compileMsFirst = -1;
        long compileMsLast = -1;
        Set<Long> intakeThreads = new HashSet<>();
        long intakeJavaSamples = 0;
        long intakeNativeSamples = 0;
        long gcCount = 0;
        Duration gcPauses = Duration.ZERO;
        Duration gcLongest = Duration.ZERO;
        long heapUsedMax = 0;
        long heapAfterGcMax = 0;
        double cpuJvm = 0;
        double cpuMachine = 0;
        long cpuSamples = 0;
        Instant first = null;
        Instant last = null;
        // The recorded interval, from the once-a-second CPU load events (others carry JVM-start timestamps).
        Instant firstCpu = null;
        Instant lastCpu = null;

        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                eventCounts.add(type, 1);
                Instant t = e.getStartTime();
                if (first == null || t.isBefore(first)) {
                    first = t;
                }
                if (last == null || t.isAfter(last)) {
                    last = t;
                }
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = e.getStackTrace();
                        String thread = threadName(e.getThread("sampledThread"));
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        List<RecordedFrame> frames = stack.getFrames();
                        selfFrames.add(frame(frames.get(0)), 1);
                        String own = firstOwnFrame(frames);
                        firstOwnFrames.add(own, 1);
                        layers.add(layer(own), 1);
                        threads.add(normalise(thread), 1);
                        Set<String> seen = new HashSet<>();
                        boolean intake = thread.contains(INTAKE_THREAD);
                        if (intake) {
                            intakeThreads.add(e.getThread("sampledThread").getJavaThreadId());
                        }
                        for (RecordedFrame f : frames) {
                            String name = frame(f);
                            if (name.startsWith("io.cluehub.") && seen.add(name)) {
                                hubInclusive.add(name, 1);
                                if (intake) {
                                    intakeHubInclusive.add(name, 1);
                                }
                            }
                        }
                        for (String[] subsystem : SUBSYSTEMS) {
                            if (onStack(frames, subsystem)) {
                                subsystems.add(subsystem[0], 1);
                                if (intake) {
                                    intakeSubsystems.add(subsystem[0], 1);
                                }
                            }
                        }
                        if (intake) {
                            intakeJavaSamples++;
                            intakeLayers.add(layer(own), 1);
                        }
                    }
                    case "jdk.NativeMethodSample" -> {
                        RecordedStackTrace stack = e.getStackTrace();
                        String thread = threadName(e.getThread("sampledThread"));
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        nativeByThread.add(normalise(thread), 1);
                        if (thread.contains(INTAKE_THREAD)) {
                            intakeNativeSamples++;
                            intakeNative.add(frame(stack.getFrames().get(0)) + "  <-  "
                                    + firstOwnFrame(stack.getFrames()), 1);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        allocByClass.add(allocatedClass(e), e.getLong("weight"));
                        allocByFrame.add(ownFrameOf(e), e.getLong("weight"));
                        RecordedThread thread = e.getThread();
                        if (thread != null) {
                            firstAllocation.merge(thread.getJavaThreadId(), e,
                                    (a, b) -> b.getStartTime().isBefore(a.getStartTime()) ? b : a);
                        }
                    }
                    case "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait" -> {
                        String what = className(e.getClass("monitorClass")) + "  at  " + ownFrameOf(e);
                        long nanos = e.getDuration().toNanos();
                        (type.endsWith("Enter") ? monitorEnter : monitorWait).add(what, nanos);
                        if (threadName(e.getThread()).contains(INTAKE_THREAD)) {
                            intakeWaits.add(what, nanos);
                        }
                    }
                    case "jdk.ThreadPark" -> {
                        String where = ownFrameOf(e);
                        parks.add(where, e.getDuration().toNanos());
                        if (threadName(e.getThread()).contains(INTAKE_THREAD)) {
                            intakeParks.add(where, e.getDuration().toNanos());
                            RecordedStackTrace stack = e.getStackTrace();
                            if (stack != null && where.endsWith("ChannelImpl.sendBlocking")) {
                                roundTrips.add(caller(stack.getFrames()), e.getDuration().toNanos());
                            }
                        }
                    }
                    case "jdk.FileForce" -> {
                        fsyncByFile.add(fileKind(e.getString("path")), e.getDuration().toNanos());
                        fsyncByThread.add(normalise(threadName(e.getThread())), e.getDuration().toNanos());
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        Duration pauses = e.getDuration("sumOfPauses");
                        gcPauses = gcPauses.plus(pauses);
                        if (pauses.compareTo(gcLongest) > 0) {
                            gcLongest = pauses;
                        }
                    }
                    case "jdk.GCHeapSummary" -> {
                        long used = e.getLong("heapUsed");
                        heapUsedMax = Math.max(heapUsedMax, used);
                        if ("After GC".equals(e.getString("when"))) {
                            heapAfterGcMax = Math.max(heapAfterGcMax, used);
                        }
                    }
                    case "jdk.ThreadCPULoad" -> {
                        // Fraction of the machine; one event per Java thread per second: the sum over a thread's
                        // events is its CPU in "machine-seconds".
                        long microMachineSeconds = Math.round((e.getFloat("user") + e.getFloat("system")) * 1e6);
                        threadCpu.add(normalise(threadName(e.getThread())), microMachineSeconds);
                    }
                    case "jdk.CompilerStatistics" -> {
                        long spent = e.getLong("totalTimeSpent");
                        if (compileMsFirst < 0) {
                            compileMsFirst = spent;
                        }
                        compileMsLast = spent;
                    }
                    case "jdk.CPULoad" -> {
                        firstCpu = firstCpu == null || t.isBefore(firstCpu) ? t : firstCpu;
                        lastCpu = lastCpu == null || t.isAfter(lastCpu) ? t : lastCpu;
                        cpuJvm += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        cpuMachine += e.getFloat("machineTotal");
                        cpuSamples++;
                    }
                    default -> {
                        // counted above
                    }
                }
            }
        }

        for (RecordedEvent e : firstAllocation.values()) {
            allocByClass.remove(allocatedClass(e), e.getLong("weight"));
            allocByFrame.remove(ownFrameOf(e), e.getLong("weight"));
        }

        double seconds = firstCpu != null && lastCpu.isAfter(firstCpu)
                ? Duration.between(firstCpu, lastCpu).toMillis() / 1000.0 + 1.0
                : first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        hubInclusive.denominator = selfFrames.total;
        subsystems.denominator = selfFrames.total;
        intakeSubsystems.denominator = intakeJavaSamples;
        intakeHubInclusive.denominator = intakeJavaSamples;
        Tally budget = new Tally();
        budget.add("running Java code (or runnable, waiting for a core)", intakeJavaSamples * 10_000_000L);
        budget.add("in native code (I/O)", intakeNativeSamples * 10_000_000L);
        for (Map.Entry<String, long[]> e : intakeParks.top(Integer.MAX_VALUE)) {
            budget.add("parked at " + e.getKey(), e.getValue()[0]);
        }
        for (Map.Entry<String, long[]> e : intakeWaits.top(Integer.MAX_VALUE)) {
            budget.add("monitor wait/enter: " + e.getKey(), e.getValue()[0]);
        }
        long wall = (long) (intakeThreads.size() * seconds * 1e9);
        long accounted = budget.total;
        budget.denominator = wall;
        if (wall > accounted) {
            budget.add("unaccounted: short parks (< 100 us), waiting for a core, sampling gaps", wall - accounted);
        }
        StringBuilder text = new StringBuilder();
        text.append(title).append(": ").append(recording.getFileName())
                .append(String.format(Locale.ROOT, ", %.1f s%n", seconds));
        text.append("Settings: JDK profile.jfc, thresholds lowered (fsync 0, monitor enter 0, park/wait 100 us),"
                + " Java and native stacks sampled every 10 ms.\n");
        text.append(String.format(Locale.ROOT, "CPU: hub JVM %.0f%% of the machine, machine total %.0f%% (mean of %d"
                        + " samples; 100%% = both cores)%n", pct(cpuJvm, cpuSamples), pct(cpuMachine, cpuSamples),
                cpuSamples));
        double javaThreadsPct = seconds <= 0 ? 0 : 100.0 * threadCpu.total / 1e6 / seconds;
        long compilerMicro = threadCpu.counts.entrySet().stream().filter(en -> en.getKey().contains("CompilerThread"))
                .mapToLong(en -> en.getValue()[0]).sum();
        double jitPct = seconds <= 0 ? 0 : 100.0 * compilerMicro / 1e6 / seconds;
        text.append(String.format(Locale.ROOT, "CPU by thread (jdk.ThreadCPULoad): %.0f%% of the machine, of which the"
                        + " JIT compiler threads %.0f%% (%.1f s of compile time in the recording): the hub's own work"
                        + " %.0f%%%n", javaThreadsPct, jitPct,
                compileMsLast < 0 ? 0 : (compileMsLast - compileMsFirst) / 1000.0, javaThreadsPct - jitPct));
        text.append(String.format(Locale.ROOT, "GC: %d collections, %.0f ms paused in total, longest %.1f ms;"
                        + " heap used max %.0f MiB, after GC max %.0f MiB%n", gcCount, gcPauses.toNanos() / 1e6,
                gcLongest.toNanos() / 1e6, heapUsedMax / 1048576.0, heapAfterGcMax / 1048576.0));
        text.append(String.format(Locale.ROOT, "Allocation (sampled estimate): %.0f MiB/s%n",
                seconds <= 0 ? 0 : allocByClass.total / 1048576.0 / seconds));

        threadCpu.denominator = (long) (seconds * 1e6);
        section(text, "CPU by thread (jdk.ThreadCPULoad; % of the machine, digits folded)", threadCpu, 12, false,
                1e6 * Math.max(seconds, 1e-9) / 100.0);
        section(text, "CPU samples (Java) by library of the first non-JDK frame", layers, TOP, false);
        section(text, "CPU samples by thread (digits folded)", threads, TOP, false);
        section(text, "Top " + TOP + " hot frames (self, top of stack)", selfFrames, TOP, false);
        section(text, "Top " + TOP + " hot frames (first non-JDK frame: JDK internals charged to their caller)",
                firstOwnFrames, TOP, false);
        section(text, "Subsystems, inclusive (share of all Java samples with them on the stack; they overlap)",
                subsystems, SUBSYSTEMS.length, false);
        section(text, "Hub methods, inclusive (share of all Java samples containing them)", hubInclusive, 30, false);
        text.append(String.format(Locale.ROOT, "%nIntake threads (%s): %d Java samples, %d native samples"
                + " (10 ms each)%n", INTAKE_THREAD, intakeJavaSamples, intakeNativeSamples));
        section(text, "Intake threads: where their wall-clock time goes (" + intakeThreads.size() + " threads x "
                + String.format(Locale.ROOT, "%.1f", seconds) + " s)", budget, 15, true);
        section(text, "Intake threads: blocking broker round trips (parks >= 100 us in ChannelImpl.sendBlocking)"
                + " by caller  ->  JMS call", roundTrips, 10, true);
        section(text, "Intake threads: Java samples by library", intakeLayers, TOP, false);
        section(text, "Intake threads: subsystems, inclusive", intakeSubsystems, SUBSYSTEMS.length, false);
        section(text, "Intake threads: hub methods, inclusive", intakeHubInclusive, 30, false);
        section(text, "Intake threads: native samples (I/O, fsync) top frame <- first non-JDK frame", intakeNative,
                15, false);
        section(text, "Intake threads: parked (ms total) at first non-JDK frame", intakeParks, 15, true);
        section(text, "Native samples by thread (JFR takes at most one native sample per period: undercounted)",
                nativeByThread, 15, false);
        section(text, "fsync (jdk.FileForce, ms total) by file", fsyncByFile, 10, true);
        section(text, "fsync (ms total) by thread", fsyncByThread, 10, true);
        section(text, "Contended monitor enter (ms total) by monitor class at first non-JDK frame", monitorEnter, 15,
                true);
        section(text, "Monitor wait (ms total) by monitor class at first non-JDK frame", monitorWait, 10, true);
        section(text, "Parked (ms total, all threads, includes idle pools) at first non-JDK frame", parks, 15, true);
        section(text, "Allocation (sampled bytes, MiB) by first non-JDK frame", allocByFrame, 15, false, 1048576.0);
        section(text, "Allocation (sampled bytes, MiB) by class", allocByClass, 15, false, 1048576.0);
        section(text, "Event counts", eventCounts, 40, false);
        Files.writeString(out, text.toString(), StandardCharsets.UTF_8);

        Map<String, Object> headline = new LinkedHashMap<>();
        headline.put("recording_seconds", round(seconds));
        headline.put("cpu_hub_jvm_pct", round(pct(cpuJvm, cpuSamples)));
        headline.put("cpu_machine_pct", round(pct(cpuMachine, cpuSamples)));
        headline.put("gc_count", gcCount);
        headline.put("gc_pause_ms_total", round(gcPauses.toNanos() / 1e6));
        headline.put("heap_used_max_mb", round(heapUsedMax / 1048576.0));
        headline.put("heap_after_gc_max_mb", round(heapAfterGcMax / 1048576.0));
        headline.put("cpu_threads_pct", round(javaThreadsPct));
        headline.put("cpu_jit_compiler_pct", round(jitPct));
        headline.put("subsystems_inclusive", shares(subsystems, SUBSYSTEMS.length));
        List<Map<String, Object>> byThread = new ArrayList<>();
        for (Map.Entry<String, long[]> e : threadCpu.top(8)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("thread", e.getKey());
            row.put("machine_pct", round(seconds <= 0 ? 0 : 100.0 * e.getValue()[0] / 1e6 / seconds));
            byThread.add(row);
        }
        headline.put("cpu_by_thread", byThread);
        headline.put("jit_compile_s", round(compileMsLast < 0 ? 0 : (compileMsLast - compileMsFirst) / 1000.0));
        headline.put("by_library", shares(layers, TOP));
        headline.put("top_frames_self", shares(selfFrames, TOP));
        headline.put("top_frames_first_non_jdk", shares(firstOwnFrames, TOP));
        headline.put("hub_methods_inclusive", shares(hubInclusive, TOP));
        headline.put("intake_native_top", shares(intakeNative, 10));
        headline.put("fsync_ms_by_file", durations(fsyncByFile, 10));
        headline.put("monitor_enter_ms", durations(monitorEnter, 10));
        headline.put("intake_parked_ms", durations(intakeParks, 10));
        headline.put("intake_wall_clock", durations(budget, 15));
        headline.put("intake_broker_round_trips", durations(roundTrips, 10));
        return headline;
    }

    static void section(StringBuilder text, String title, Tally tally, int n, boolean nanos) {
        section(text, title, tally, n, nanos, 1.0);
    }

    private static void section(StringBuilder text, String title, Tally tally, int n, boolean nanos, double unit) {
        text.append('\n').append(title).append('\n');
        if (tally.total == 0) {
            text.append("  (none)\n");
            return;
        }
        for (Map.Entry<String, long[]> e : tally.top(n)) {
            long v = e.getValue()[0];
            if (nanos) {
                text.append(String.format(Locale.ROOT, "  %9.1f ms %6d events %5.1f%%  %s%n", v / 1e6,
                        e.getValue()[1], 100.0 * v / tally.base(), e.getKey()));
            } else if (unit != 1.0) {
                text.append(String.format(Locale.ROOT, "  %9.1f %5.1f%%  %s%n", v / unit, 100.0 * v / tally.base(),
                        e.getKey()));
            } else {
                text.append(String.format(Locale.ROOT, "  %7d %5.1f%%  %s%n", v, 100.0 * v / tally.base(), e.getKey()));
            }
        }
    }

    private static List<Map<String, Object>> shares(Tally tally, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : tally.top(n)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("frame", e.getKey());
            row.put("samples", e.getValue()[0]);
            row.put("pct", round(100.0 * e.getValue()[0] / Math.max(1, tally.base())));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> durations(Tally tally, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : tally.top(n)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("what", e.getKey());
            row.put("ms", round(e.getValue()[0] / 1e6));
            row.put("events", e.getValue()[1]);
            row.put("pct", round(100.0 * e.getValue()[0] / Math.max(1, tally.base())));
            rows.add(row);
        }
        return rows;
    }

    private static double pct(double sum, long n) {
        return n == 0 ? 0 : 100.0 * sum / n;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The first frame outside the JMS client and JDK: who asked for a blocking broker round trip. */
    private static String caller(List<RecordedFrame> frames) {
        String jmsCall = "?";
        for (RecordedFrame f : frames) {
            String name = frame(f);
            if (isJdk(name) || name.startsWith("org.apache.activemq.") || name.startsWith("jdk.proxy")
                    || name.contains("CachingConnectionFactory$CachedSessionInvocationHandler")) {
                if (name.startsWith("org.apache.activemq.artemis.jms.")) {
                    jmsCall = name;
                }
                continue;
            }
            return name + "  ->  " + jmsCall;
        }
        return jmsCall;
    }

    private static boolean onStack(List<RecordedFrame> frames, String[] subsystem) {
        for (RecordedFrame f : frames) {
            String name = frame(f);
            for (int i = 1; i < subsystem.length; i++) {
                if (name.startsWith(subsystem[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String frame(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "?";
        }
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static boolean isJdk(String frame) {
        return frame.startsWith("java.") || frame.startsWith("javax.") || frame.startsWith("jdk.")
                || frame.startsWith("sun.") || frame.startsWith("com.sun.");
    }

    private static String firstOwnFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String name = frame(f);
            if (!isJdk(name)) {
                return name;
            }
        }
        return frames.isEmpty() ? "?" : frame(frames.get(0));
    }

    private static String ownFrameOf(RecordedEvent e) {
        RecordedStackTrace stack = e.getStackTrace();
        return stack == null ? "?" : firstOwnFrame(stack.getFrames());
    }

    /** Which library a frame belongs to. */
    static String layer(String frame) {
        String[][] prefixes = {
            {"io.cluehub.", "hub code (io.cluehub)"},
            {"org.h2.", "H2 database"},
            {"com.zaxxer.hikari.", "HikariCP"},
            {"org.apache.activemq.artemis.core.journal.", "Artemis journal"},
            {"org.apache.activemq.artemis.core.io.", "Artemis journal"},
            {"org.apache.activemq.artemis.core.persistence.", "Artemis journal"},
            {"org.apache.activemq.artemis.core.server.", "Artemis broker"},
            {"org.apache.activemq.artemis.core.postoffice.", "Artemis broker"},
            {"org.apache.activemq.artemis.core.protocol.", "Artemis broker"},
            {"org.apache.activemq.artemis.core.security.", "Artemis broker"},
            {"org.apache.activemq.artemis.spi.", "Artemis broker"},
            {"org.apache.activemq.artemis.core.paging.", "Artemis broker"},
            {"org.apache.activemq.artemis.core.transaction.", "Artemis broker"},
            {"org.apache.activemq.artemis.core.client.", "Artemis client"},
            {"org.apache.activemq.artemis.jms.", "Artemis client"},
            {"org.apache.activemq.artemis.utils.", "Artemis thread pools and utilities"},
            {"org.apache.activemq.artemis.", "Artemis (other)"},
            {"org.apache.camel.component.jms.", "Camel JMS"},
            {"org.apache.camel.", "Camel core"},
            {"org.springframework.jms.", "Spring JMS"},
            {"org.springframework.jdbc.", "Spring JDBC"},
            {"org.springframework.transaction.", "Spring tx"},
            {"org.springframework.", "Spring (other)"},
            {"tools.jackson.", "Jackson"},
            {"com.fasterxml.jackson.", "Jackson"},
            {"com.networknt.", "JSON Schema validator"},
            {"io.netty.", "Netty"},
            {"org.apache.tomcat.", "Tomcat"},
            {"org.slf4j.", "logging"},
            {"ch.qos.logback.", "logging"},
        };
        for (String[] p : prefixes) {
            if (frame.startsWith(p[0])) {
                return p[1];
            }
        }
        return isJdk(frame) ? "JDK (no library frame on stack)" : "other: " + frame.replaceAll("^((?:[a-z0-9_]+\\.){1,3}).*$", "$1");
    }

    private static String fileKind(String path) {
        if (path == null) {
            return "?";
        }
        if (path.contains("/data/db/")) {
            return "H2 database (" + Path.of(path).getFileName() + ")";
        }
        if (path.contains("/data/broker/journal")) {
            return "Artemis message journal";
        }
        if (path.contains("/data/broker/bindings")) {
            return "Artemis bindings journal";
        }
        if (path.contains("/data/broker/")) {
            return "Artemis (other): " + Path.of(path).getFileName();
        }
        return path;
    }

    private static String allocatedClass(RecordedEvent allocation) {
        return className(allocation.getClass("objectClass"));
    }

    private static String className(RecordedClass c) {
        return c == null ? "?" : c.getName();
    }

    private static String threadName(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return name == null ? "?" : name;
    }

    static String normalise(String thread) {
        return thread.replaceAll("\\d+", "#");
    }
}
