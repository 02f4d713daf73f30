package io.cluehub.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CPU profile of every thread of the hub, taken with async-profiler alongside the flight recording of the profile
 * phase. JFR's method sampler takes a few threads running Java code per period: in the recording of 2026-12-07 the
 * broker's threads used 30 % of the machine and got 47 of 1,480 samples, so where the broker's time goes was unknown.
 * async-profiler samples each thread by the CPU time it uses (perf events, or a CPU timer where the kernel refuses
 * them), through Java, JVM, native and kernel frames.
 *
 * <p>The profiler is async-profiler's own build from Maven Central ({@code tools.profiler:async-profiler}), loaded
 * into the running hub through the JDK's attach API when the phase starts (the measured phases run without it). It
 * writes a flame graph ({@code hub-cpu.html}) and the collapsed stacks ({@code hub-cpu.collapsed}), which
 * {@link #summary} turns into text for {@code profile.txt}.
 */
final class CpuProfile {

    /** Every 10 ms of CPU time, per thread. */
    static final long INTERVAL_MS = 10;
    private static final String INTAKE = "intake consumers";
    private static final String BROKER = "broker (Artemis threads, the in-VM connector's included)";
    private static final Pattern THREAD = Pattern.compile("^\\[(.*) tid=\\d+]$");
    private static final Pattern SYSCALL = Pattern.compile("^__(?:x64|arm64)_sys_(\\w+)_\\[k]$");

    private final Path library;
    private final long pid;
    private final Path html;
    private final Path collapsed;

    private CpuProfile(Path library, long pid, Path html, Path collapsed) {
        this.library = library;
        this.pid = pid;
        this.html = html;
        this.collapsed = collapsed;
    }

    /**
     * A profiler for the process {@code pid}, its library unpacked into {@code work}; null (with the reason logged)
     * where async-profiler has no build for this machine.
     */
    static CpuProfile of(long pid, Path work, Path html, Path collapsed) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String platform = arch.equals("amd64") || arch.equals("x86_64") ? "linux-x64"
                : arch.equals("aarch64") ? "linux-arm64" : null;
        if (!os.contains("linux") || platform == null) {
            Bench.log("async-profiler: no build for %s/%s; CPU profile of every thread skipped", os, arch);
            return null;
        }
        try (InputStream in = CpuProfile.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            if (in == null) {
                Bench.log("async-profiler: %s/libasyncProfiler.so not on the class path; CPU profile skipped", platform);
                return null;
            }
            Path library = work.resolve("libasyncProfiler.so").toAbsolutePath();
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(html);
            Files.deleteIfExists(collapsed);
            return new CpuProfile(library, pid, html.toAbsolutePath(), collapsed.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack async-profiler into " + work, e);
        }
    }

    void start() {
        command("start,event=cpu,interval=" + INTERVAL_MS + "ms,threads");
    }

    /** Writes the flame graph and the collapsed stacks, and stops. */
    void stop() {
        command("dump,file=" + html + ",title=Clue Hub at full load: CPU of every thread");
        command("stop,file=" + collapsed + ",collapsed,ann");
    }

    Path collapsed() {
        return collapsed;
    }

    private void command(String command) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgentPath(library.toString(), command);
            } finally {
                vm.detach();
            }
            Bench.log("hub: async-profiler %s", command.substring(0, command.indexOf(',')));
        } catch (Exception e) { // NOPMD: the attach API throws four unrelated checked exceptions; any of them skips
            Bench.log("hub: async-profiler %s failed: %s", command, e);
        }
    }

    /**
     * The collapsed stacks as text: how much of the machine ({@code cores} cores over {@code seconds}) each group of
     * threads took, where the top of their stacks was (Java, JVM or native, kernel), and which library and frames
     * the broker's threads and all of them spent it in.
     */
    static String summary(Path collapsed, double seconds, int cores) throws IOException {
        JfrSummary.Tally threads = new JfrSummary.Tally();
        JfrSummary.Tally groups = new JfrSummary.Tally();
        JfrSummary.Tally where = new JfrSummary.Tally();
        JfrSummary.Tally libraries = new JfrSummary.Tally();
        JfrSummary.Tally brokerLibraries = new JfrSummary.Tally();
        JfrSummary.Tally intakeLibraries = new JfrSummary.Tally();
        JfrSummary.Tally selfFrames = new JfrSummary.Tally();
        JfrSummary.Tally brokerSelf = new JfrSummary.Tally();
        JfrSummary.Tally syscalls = new JfrSummary.Tally();
        for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            List<String> frames = List.of(line.substring(0, space).split(";"));
            Matcher t = THREAD.matcher(frames.get(0));
            String thread = t.matches() ? JfrSummary.normalise(t.group(1)) : "?";
            String group = group(thread);
            boolean broker = group.equals(BROKER);
            threads.add(thread, samples);
            groups.add(group, samples);
            String top = frames.get(frames.size() - 1);
            where.add(top.endsWith("_[k]") ? "kernel" : isJava(top) ? "Java code" : "JVM and native libraries (GC, JIT,"
                    + " libc, crypto)", samples);
            String own = firstOwnJavaFrame(frames);
            String library = own == null ? "no Java frame (JVM threads, native)" : JfrSummary.layer(own);
            libraries.add(library, samples);
            String self = name(top);
            selfFrames.add(self, samples);
            if (group.equals(INTAKE)) {
                intakeLibraries.add(library, samples);
            }
            if (broker) {
                brokerLibraries.add(library, samples);
                brokerSelf.add(self, samples);
            }
            for (String f : frames) {
                Matcher s = SYSCALL.matcher(f);
                if (s.matches()) {
                    syscalls.add(s.group(1) + (broker ? " (broker threads)" : ""), samples);
                    break;
                }
            }
        }
        StringBuilder text = new StringBuilder();
        double cpuSeconds = groups.total * INTERVAL_MS / 1000.0;
        text.append(String.format(Locale.ROOT, "Hub CPU, every thread (async-profiler, a sample every %d ms of a thread's"
                + " CPU time, Java, JVM, native and kernel frames): %d samples, %.1f s of CPU in %.1f s, %.0f%% of the"
                + " machine (%d cores); flame graph: hub-cpu.html%n", INTERVAL_MS, groups.total, cpuSeconds, seconds,
                seconds <= 0 ? 0 : 100.0 * cpuSeconds / seconds / cores, cores));
        machineShares(text, "Hub CPU by group of threads (async-profiler; % of the machine)", groups, seconds, cores);
        JfrSummary.section(text, "Hub CPU by where the top of the stack is (async-profiler)", where, 5, false);
        machineShares(text, "Hub CPU by thread (async-profiler; % of the machine, digits folded)", threads, seconds,
                cores);
        JfrSummary.section(text, "Hub CPU by library of the first non-JDK Java frame, every thread (async-profiler)",
                libraries, 20, false);
        JfrSummary.section(text, "Intake threads: CPU by library of the first non-JDK Java frame, native code (the"
                + " signatures' AWS-LC) included (async-profiler)", intakeLibraries, 15, false);
        JfrSummary.section(text, "Broker threads: CPU by library of the first non-JDK Java frame (async-profiler)",
                brokerLibraries, 15, false);
        JfrSummary.section(text, "Broker threads: top frames, self (async-profiler)", brokerSelf, 20, false);
        JfrSummary.section(text, "Top frames, self, every thread (async-profiler)", selfFrames, 25, false);
        JfrSummary.section(text, "System calls on the stack (async-profiler)", syscalls, 15, false);
        return text.toString();
    }

    private static void machineShares(StringBuilder text, String title, JfrSummary.Tally tally, double seconds,
            int cores) {
        text.append('\n').append(title).append('\n');
        for (Map.Entry<String, long[]> e : tally.top(20)) {
            double pct = seconds <= 0 ? 0 : 100.0 * e.getValue()[0] * INTERVAL_MS / 1000.0 / seconds / cores;
            text.append(String.format(Locale.ROOT, "  %7d %5.1f%%  %s%n", e.getValue()[0], pct, e.getKey()));
        }
    }

    /** Which part of the hub a thread belongs to, by its name (digits folded). */
    static String group(String thread) {
        if (thread.contains("JmsConsumer[hub.inbound]")) {
            return INTAKE;
        }
        if (thread.contains("activemq") || thread.contains("artemis")) {
            return BROKER;
        }
        if (thread.startsWith("H#-") || thread.startsWith("MVStore")) {
            // H2's writer threads (names with digits folded): commits serialised and saved, the file compacted.
            return "H2 writer threads (commits serialised and saved, compaction)";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("VM Thread") || thread.contains("ParGC")
                || thread.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (thread.contains("CompilerThre")) { // native thread names are cut at 15 characters
            return "JIT compiler";
        }
        if (thread.startsWith("http-nio")) {
            return "HTTP server";
        }
        if (thread.startsWith("Camel")) {
            return "Camel threads (timers, SFTP polls, routes)";
        }
        if (thread.contains("JFR")) {
            return "flight recorder";
        }
        return "other";
    }

    /** Java frames carry async-profiler's annotation: compiled, inlined, interpreted, C1. */
    private static boolean isJava(String frame) {
        return frame.endsWith("_[j]") || frame.endsWith("_[i]") || frame.endsWith("_[0]") || frame.endsWith("_[1]");
    }

    private static String name(String frame) {
        String f = frame.replaceAll("_\\[.]$", "");
        return isJava(frame) ? f.replace('/', '.') : f + (frame.endsWith("_[k]") ? " (kernel)" : "");
    }

    private static String firstOwnJavaFrame(List<String> frames) {
        String firstJava = null;
        for (int i = frames.size() - 1; i > 0; i--) {
            String f = frames.get(i);
            if (!isJava(f)) {
                continue;
            }
            String name = name(f);
            if (!JfrSummary.isJdk(name)) {
                return name;
            }
            if (firstJava == null) {
                firstJava = name;
            }
        }
        return firstJava;
    }
}
