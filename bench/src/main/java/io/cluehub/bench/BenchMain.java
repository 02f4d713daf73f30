package io.cluehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The benchmark: the packaged hub against the raw broker, side by side, in one run. Starts both nodes, drives each with
 * the same simulated offices (maximum sustained throughput, then fixed offered rates), records the hub with JFR during
 * its throughput phase, measures memory at the end, and writes {@code latest.json}, {@code latest.html} and
 * {@code profile.txt}. Every wait is bounded; the whole run keeps to {@code --deadline-seconds}.
 */
public final class BenchMain {

    private static final String HUB = "hub";
    private static final String RAW = "raw";
    private static final long SECOND = 1_000_000_000L;
    /** Kept back from the deadline for memory readings, the profile analysis and the report. */
    private static final long RESERVE_SECONDS = 40;

    private final Bench.Options options;
    private final long deadlineNanos;
    private final ClueTemplate template = ClueTemplate.load();
    private final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();
    private CpuMeter cpu;

    private BenchMain(Bench.Options options) {
        this.options = options;
        this.deadlineNanos = System.nanoTime() + options.deadlineSeconds() * SECOND;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && "analyse".equals(args[0])) {
            // Re-analyse a recording: analyse <recording.jfr> <profile.txt>
            JfrSummary.analyse(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length == 3 && "cpu".equals(args[0])) {
            // Re-read async-profiler's stacks: cpu <hub-cpu.collapsed> <seconds profiled>
            System.out.print(CpuProfile.summary(Path.of(args[1]), Double.parseDouble(args[2]),
                    Runtime.getRuntime().availableProcessors()));
            return;
        }
        Bench.Options options = Bench.Options.parse(args);
        BenchMain bench = new BenchMain(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> bench.nodes.forEach(NodeProcess::kill), "kill-nodes"));
        int exit;
        try {
            exit = bench.run();
        } catch (Exception | Error e) {
            Bench.log("FAILED: %s", e);
            e.printStackTrace(System.out);
            exit = 2;
        } finally {
            bench.nodes.forEach(NodeProcess::close);
        }
        System.exit(exit);
    }

    private long remainingSeconds() {
        return (deadlineNanos - System.nanoTime()) / SECOND;
    }

    @SuppressWarnings("unchecked")
    private int run() throws Exception {
        Files.createDirectories(options.resultsDir());
        // Nothing from an earlier run may pass for this one's.
        for (String stale : List.of("latest.json", "latest.html", "profile.txt", "profile-idle.txt", "hub.jfr",
                "hub-idle.jfr")) {
            Files.deleteIfExists(options.resultsDir().resolve(stale));
        }
        Path work = options.workDir().toAbsolutePath().normalize();
        Files.createDirectories(work);
        if (!Files.isRegularFile(options.hubJar())) {
            throw new IllegalStateException("No hub jar at " + options.hubJar() + "; build it first");
        }
        Bench.log("hub jar %s; message %d bytes (DESIGN.md §10); deadline %d s", options.hubJar(), template.sizeBytes(),
                options.deadlineSeconds());

        double speedAtStart = MachineSpeed.measure("start");
        // A private copy: other builds may replace routes/target/clue-hub.jar while the nodes run from it.
        Path jar = work.resolve("clue-hub.jar");
        Files.copy(options.hubJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        String rawPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        NodeProcess hub = NodeProcess.launch(HUB, jar, work.resolve(HUB), options.hubJvmOptions(), options.hubArgs());
        nodes.add(hub);
        NodeProcess raw = NodeProcess.launch(RAW, jar, work.resolve(RAW), options.hubJvmOptions(),
                List.of("--cluehub.intake.enabled=false", "--cluehub.broker.password=" + rawPassword));
        nodes.add(raw);
        hub.awaitHealthy(Duration.ofSeconds(150));
        raw.awaitHealthy(Duration.ofSeconds(60));
        Bench.log("both nodes UP");
        cpu = new CpuMeter(hub.pid(), raw.pid());

        Tracker hubTracker = new Tracker(HUB);
        Tracker rawTracker = new Tracker(RAW);
        RssSampler rss = new RssSampler(hub);
        try (Traffic hubTraffic = new Traffic(HUB, hub, true, options.producers(), hubTracker, template);
                Traffic rawTraffic = new Traffic(RAW, raw, false, options.producers(), rawTracker, template);
                RawRelay relay = new RawRelay(raw.brokerUrl(), "cluehub-hub", rawPassword, options.relayThreads(),
                        options.relayBatch())) {
            smoke(HUB, hubTraffic, hub);
            smoke(RAW, rawTraffic, raw);

            Path jfr = options.resultsDir().toAbsolutePath().resolve("hub.jfr");
            warmUp(RAW, rawTraffic, options.rawWarmupSeconds(), null, "warm-up");
            // No recording yet: starting or stopping one retransforms the JDK's instrumented I/O classes, which throws
            // away thousands of the hub's compiled methods (the profile is taken after every measured phase).
            warmUp(HUB, hubTraffic, options.hubWarmupSeconds(), null, "warm-up");
            Throughput rawThroughput = new Throughput(RAW);
            Throughput hubThroughput = new Throughput(HUB);
            long epoch = System.nanoTime();
            Path idleJfr = options.resultsDir().toAbsolutePath().resolve("hub-idle.jfr");
            for (int round = 0; round < options.rounds(); round++) {
                if (remainingSeconds() - RESERVE_SECONDS < 2L * (options.sliceSeconds() + 5)) {
                    Bench.log("throughput round %d skipped: %d s left", round + 1, remainingSeconds());
                    break;
                }
                slice(RAW, rawTraffic, rawThroughput);
                slice(HUB, hubTraffic, hubThroughput);
            }
            Bench.log("throughput: hub %.0f msg/s %s, raw %.0f msg/s %s", hubThroughput.perSecond(),
                    hubThroughput.perSlice(), rawThroughput.perSecond(), rawThroughput.perSlice());
            Throughput diagnostic = diagnosticSlice(relay, rawTraffic);

            List<Phase[]> rates = new ArrayList<>();
            for (int rate : options.rates()) {
                Phase r = fixedRate(RAW, rawTraffic, rate);
                Phase h = fixedRate(HUB, hubTraffic, rate);
                rates.add(new Phase[] {h, r});
            }

            long finalWait = Math.max(1, Math.min(30, remainingSeconds() - RESERVE_SECONDS + 10));
            awaitAll(hubTracker, rawTracker, finalWait);
            Map<String, Object> memory = memory(hub, raw, rss, hubTracker);
            double speedAtEnd = MachineSpeed.measure("end");
            // The profile, after everything measured: full load on the hub, recorded at its end, then the hub with no
            // traffic of its own.
            String cpuText = "";
            if (remainingSeconds() - RESERVE_SECONDS > options.profileSeconds() + 45L) {
                Recording loaded = new Recording(hub, work, jfr, CpuProfile.of(hub.pid(), work,
                        options.resultsDir().resolve("hub-cpu.html"), options.resultsDir().resolve("hub-cpu.collapsed")));
                warmUp(HUB, hubTraffic, options.profileSeconds() + 5, loaded, "profile");
                cpuText = loaded.cpuSummary();
                Recording idle = new Recording(hub, work, idleJfr, null);
                idle.start();
                Thread.sleep(10_000);
                idle.stop();
            } else {
                Bench.log("profile skipped: %d s left", remainingSeconds());
            }
            Map<String, Object> profile = profile(jfr, cpuText);
            if (Files.isRegularFile(idleJfr)) {
                try {
                    profile.put("hub_without_traffic", JfrSummary.analyse(idleJfr,
                            options.resultsDir().resolve("profile-idle.txt"),
                            "Hub flight recording with no traffic of its own (after the profile at full load)"));
                } catch (IOException | RuntimeException e) {
                    Bench.log("idle profile analysis failed: %s", e);
                }
            }
            Map<String, Object> result = result(hubThroughput, rawThroughput, rates, hubTracker, rawTracker, relay,
                    memory, profile);
            result.put("machine_speed", MachineSpeed.json(speedAtStart, speedAtEnd));
            if (diagnostic != null) {
                Map<String, Object> d = throughputJson(diagnostic);
                d.put("relay_batch", 1);
                d.put("note", "not part of the ratio: the raw broker with one message per transaction (the baseline "
                        + "before the hub's group commit)");
                ((Map<String, Object>) result.get("throughput")).put("raw_diagnostic", d);
            }
            String profileText = Files.exists(options.resultsDir().resolve("profile.txt"))
                    ? Files.readString(options.resultsDir().resolve("profile.txt")) : "(no profile)";
            if (Files.exists(options.resultsDir().resolve("profile-idle.txt"))) {
                profileText += "\n\n" + Files.readString(options.resultsDir().resolve("profile-idle.txt"));
            }
            Files.writeString(options.resultsDir().resolve("latest.json"), Bench.JSON.writeValueAsString(result),
                    StandardCharsets.UTF_8);
            Files.writeString(options.resultsDir().resolve("latest.html"),
                    Report.html(result, epoch, hubThroughput, rawThroughput, rates, profileText), StandardCharsets.UTF_8);
            summary(result);
        } finally {
            rss.close();
        }
        return 0;
    }

    /** A handful of messages at a gentle rate: proves the set-up end to end before anything is measured. */
    private void smoke(String system, Traffic traffic, NodeProcess node) throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L;
        Phase phase = new Phase(system, "smoke", 50, start, start, start + SECOND, null);
        traffic.runFixedRate(phase, 0, 1);
        if (!traffic.awaitDrained(phase, 60 * SECOND)) {
            throw new IllegalStateException(system + ": " + phase.outstanding() + " of " + phase.sent.sum()
                    + " smoke messages did not arrive within 60 s (send failures " + phase.sendFailures.sum()
                    + "); see " + node.workDir().resolve("node.log"));
        }
        Bench.log("%s: smoke test passed (%d messages, p50 %.1f ms)", system, phase.sent.sum(),
                Phase.ms(phase.latency, 50));
    }

    /**
     * Full load, unmeasured: until the system is warm (JIT, caches, pools), or, with a recording, for the profile at
     * the end of the run, JFR covering its last {@code --profile-seconds}: the hub's profile is taken at full load, and
     * no measured figure carries its overhead or the recompilation that starting and stopping a recording causes.
     */
    private void warmUp(String system, Traffic traffic, int seconds, Recording recording, String what)
            throws Exception {
        if (seconds <= 0) {
            return;
        }
        long start = System.nanoTime();
        long end = start + seconds * SECOND;
        Phase phase = new Phase(system, what, 0, start, end, end, new Semaphore(options.window()));
        Bench.log("%s: %s at full load for %d s (%d producers, window %d)%s", system, what, seconds,
                options.producers(), options.window(),
                recording == null ? "" : ", JFR over the last " + options.profileSeconds() + " s");
        Thread profiler = null;
        if (recording != null) {
            long profileFrom = end - options.profileSeconds() * SECOND;
            profiler = new Thread(() -> {
                long wait = profileFrom - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                recording.start();
            }, "jfr-start");
            profiler.setDaemon(true);
            profiler.start();
        }
        CpuMeter.Usage before = cpu.read();
        traffic.runThroughput(phase);
        CpuMeter.Usage used = cpu.read().minus(before);
        if (profiler != null) {
            profiler.join(30_000);
            recording.stop();
        }
        boolean drained = traffic.awaitDrained(phase, Math.min(options.drainSeconds(), 30) * SECOND);
        Bench.log("%s: %s done: %d delivered (%.0f msg/s), drained %s; cpu %s", system, what, phase.delivered.sum(),
                phase.delivered.sum() / (double) seconds, drained, used.toMap(system, phase.delivered.sum()));
    }

    /**
     * One measured throughput slice: as fast as the window allows; a second to settle, then {@code --slice-seconds}
     * counted; then the slice's messages drain, so that the other system's slice starts on an idle machine.
     */
    private void slice(String system, Traffic traffic, Throughput throughput) throws InterruptedException {
        settleDisk(system, "slice " + (throughput.slices.size() + 1));
        long start = System.nanoTime();
        long from = start + SECOND;
        long to = from + options.sliceSeconds() * SECOND;
        Phase phase = new Phase(system, "throughput", 0, start, from, to, new Semaphore(options.window()));
        AtomicReference<CpuMeter.Usage> atMeasure = new AtomicReference<>();
        Thread meter = new Thread(() -> {
            long wait = from - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            atMeasure.set(cpu.read());
        }, "cpu-meter");
        meter.setDaemon(true);
        meter.start();
        traffic.runThroughput(phase);
        CpuMeter.Usage end = cpu.read();
        meter.join(1000);
        CpuMeter.Usage used = atMeasure.get() == null ? CpuMeter.Usage.ZERO : end.minus(atMeasure.get());
        phase.cpu = used.toMap(system, phase.deliveredInMeasure.sum());
        throughput.cpu = throughput.cpu.plus(used);
        throughput.slices.add(phase);
        boolean drained = traffic.awaitDrained(phase, Math.min(options.drainSeconds(), 30) * SECOND);
        Bench.log("%s: slice %d: %.0f msg/s (%d in %d s; drained %s; cpu %s)", system, throughput.slices.size(),
                phase.deliveredPerSecond(), phase.deliveredInMeasure.sum(), options.sliceSeconds(), drained,
                phase.cpu);
    }

    /**
     * Before a measured phase: the page cache's dirty data written out ({@link DirtyPages}), so that no phase runs into
     * the writeback of the phases before it, the other system's included.
     */
    private void settleDisk(String system, String phase) {
        if (!options.settleDisk()) {
            return;
        }
        DirtyPages.Flush flush = DirtyPages.flush(60);
        if (flush.millis() >= 100) {
            Bench.log("%s: before %s, %d MiB of dirty page cache written out in %d ms", system, phase,
                    flush.dirtyKib() / 1024, flush.millis());
        }
    }

    /**
     * Not part of the comparison: one raw slice with one message per transaction, as the baseline was measured before
     * the hub's intake committed in batches, to show what group commit does for the bus alone.
     */
    private Throughput diagnosticSlice(RawRelay relay, Traffic rawTraffic) throws Exception {
        if (!options.diagnosticUnbatched() || options.relayBatch() == 1
                || remainingSeconds() - RESERVE_SECONDS < options.sliceSeconds() + 60) {
            return null;
        }
        Throughput diagnostic = new Throughput(RAW);
        relay.batchSize(1);
        try {
            Bench.log("raw: diagnostic slice with one message per transaction");
            slice(RAW, rawTraffic, diagnostic);
        } finally {
            relay.batchSize(options.relayBatch());
        }
        return diagnostic;
    }

    /** A fixed offered rate, warm-up unrecorded; then waits for the phase's messages so the next phase starts clean. */
    private Phase fixedRate(String system, Traffic traffic, int rate) throws InterruptedException {
        String name = "rate-" + rate;
        long need = options.rateWarmupSeconds() + options.rateSeconds() + 5;
        if (remainingSeconds() - RESERVE_SECONDS < need) {
            Bench.log("%s: %s skipped: %d s left", system, name, remainingSeconds());
            return Phase.skipped(system, name, rate, "not enough time left in the run's budget");
        }
        settleDisk(system, name);
        long start = System.nanoTime() + 50_000_000L;
        long from = start + options.rateWarmupSeconds() * SECOND;
        long to = from + options.rateSeconds() * SECOND;
        Phase phase = new Phase(system, name, rate, start, from, to, null);
        CpuMeter.Usage begin = cpu.read();
        traffic.runFixedRate(phase, options.rateWarmupSeconds(), options.rateSeconds());
        phase.cpu = cpu.read().minus(begin).toMap(system, phase.delivered.sum());
        long drainBudget = Math.max(1, Math.min(options.drainSeconds(), remainingSeconds() - RESERVE_SECONDS));
        boolean drained = traffic.awaitDrained(phase, drainBudget * SECOND);
        Bench.log("%s: %4d msg/s offered, %.0f achieved: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms (%d recorded;%s)",
                system, rate, phase.achievedSendRate(), Phase.ms(phase.reported(), 50), Phase.ms(phase.reported(), 90),
                Phase.ms(phase.reported(), 99), Phase.maxMs(phase.reported()), phase.reported().getTotalCount(),
                drained ? " all arrived" : " " + phase.outstanding() + " NOT ARRIVED after " + drainBudget + " s");
        if (phase.overloaded != null) {
            Bench.log("%s: %d msg/s NOT SUSTAINED: %s", system, rate, phase.overloaded);
        }
        Bench.log("%s: cpu %s", system, phase.cpu);
        return phase;
    }

    private void awaitAll(Tracker hub, Tracker raw, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * SECOND;
        while ((hub.lost() > 0 || raw.lost() > 0 || hub.receiptsMissing() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /**
     * JFR on the hub, driven with jcmd, over its throughput phase; with a {@link CpuProfile} of every thread alongside
     * when async-profiler can run here.
     */
    private static final class Recording {
        private final NodeProcess node;
        private final Path settings;
        private final Path file;
        private final CpuProfile cpu;
        private long startedNanos;
        private double seconds;

        Recording(NodeProcess node, Path work, Path file, CpuProfile cpu) {
            this.node = node;
            this.settings = JfrSummary.writeSettings(work);
            this.file = file;
            this.cpu = cpu;
        }

        void start() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                Bench.log("hub: cannot delete the old %s: %s", file, e);
            }
            String out = node.jcmd("JFR.start", "name=bench", "settings=" + settings, "filename=" + file);
            Bench.log("hub: JFR.start: %s", out.strip().replace('\n', ' '));
            if (cpu != null) {
                cpu.start();
            }
            startedNanos = System.nanoTime();
        }

        void stop() {
            seconds = (System.nanoTime() - startedNanos) / 1e9;
            if (cpu != null) {
                cpu.stop();
            }
            String out = node.jcmd("JFR.stop", "name=bench");
            Bench.log("hub: JFR.stop: %s", out.strip().replace('\n', ' '));
        }

        /** The CPU profile as text, or empty. */
        String cpuSummary() {
            if (cpu == null || !Files.isRegularFile(cpu.collapsed())) {
                return "";
            }
            try {
                return CpuProfile.summary(cpu.collapsed(), seconds, Runtime.getRuntime().availableProcessors());
            } catch (IOException | RuntimeException e) {
                Bench.log("CPU profile analysis failed: %s", e);
                return "";
            }
        }
    }

    /** The hub's resident set, sampled every second over the run, for its peak under load. */
    private static final class RssSampler implements AutoCloseable {
        private final AtomicLong peakKb = new AtomicLong();
        private final Thread thread;

        RssSampler(NodeProcess node) {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Long rss = node.procStatus().get("VmRSS");
                    if (rss != null) {
                        peakKb.accumulateAndGet(rss, Math::max);
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peakKb() {
            return peakKb.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    private Map<String, Object> memory(NodeProcess hub, NodeProcess raw, RssSampler rss, Tracker hubTracker) {
        Map<String, Object> memory = new LinkedHashMap<>();
        Map<String, Object> ofHub = memoryOf(hub);
        memory.put(HUB, ofHub);
        ofHub.put("rss_mb_peak_sampled", mb(rss.peakKb()));
        // The embedded H2 file after every measured phase: what a message costs on the disk, compaction included.
        Path database = hub.workDir().resolve("data").resolve("db").resolve("cluehub.mv.db");
        try {
            long bytes = Files.size(database);
            long messages = hubTracker.registered.sum();
            ofHub.put("database_file_mb", round(bytes / 1048576.0));
            ofHub.put("database_kib_per_message",
                    messages == 0 ? null : round(bytes / 1024.0 / messages));
            Bench.log("hub: H2 file %.0f MiB after %d messages (%.1f KiB a message)", bytes / 1048576.0, messages,
                    messages == 0 ? 0 : bytes / 1024.0 / messages);
        } catch (IOException e) {
            Bench.log("hub: no H2 file at %s: %s", database, e);
        }
        memory.put(RAW, memoryOf(raw));
        return memory;
    }

    private Map<String, Object> memoryOf(NodeProcess node) {
        Map<String, Object> m = new LinkedHashMap<>();
        long[] before = node.heapInfo();
        node.jcmd("GC.run");
        long[] after = node.heapInfo();
        Map<String, Long> status = node.procStatus();
        m.put("heap_used_mb_before_gc", mb(before[1]));
        m.put("heap_used_mb_after_gc", mb(after[1]));
        m.put("heap_committed_mb", mb(after[0]));
        m.put("rss_mb", mb(status.getOrDefault("VmRSS", -1L)));
        m.put("rss_mb_peak", mb(status.getOrDefault("VmHWM", -1L)));
        Bench.log("%s: heap used %.0f MiB before GC, %.0f MiB after, committed %.0f MiB; RSS %.0f MiB (peak %.0f)",
                node.name(), mb(before[1]), mb(after[1]), mb(after[0]), mb(status.getOrDefault("VmRSS", -1L)),
                mb(status.getOrDefault("VmHWM", -1L)));
        return m;
    }

    private Map<String, Object> profile(Path jfr, String cpuText) {
        if (!Files.isRegularFile(jfr)) {
            Bench.log("no JFR recording at %s", jfr);
            return new LinkedHashMap<>(Map.of("error", "no recording"));
        }
        try {
            Path text = options.resultsDir().resolve("profile.txt");
            Map<String, Object> headline = JfrSummary.analyse(jfr, text);
            if (!cpuText.isEmpty()) {
                Files.writeString(text, "\n\n" + cpuText, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            Bench.log("profile: %s (%d MiB recording)", options.resultsDir().resolve("profile.txt"),
                    Files.size(jfr) / 1048576);
            return headline;
        } catch (IOException | RuntimeException e) {
            Bench.log("profile analysis failed: %s", e);
            return new LinkedHashMap<>(Map.of("error", String.valueOf(e)));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(Throughput hubTp, Throughput rawTp, List<Phase[]> rates, Tracker hub, Tracker raw,
            RawRelay relay, Map<String, Object> memory, Map<String, Object> profile) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        r.put("machine", machine());
        r.put("hub_version", options.label());
        double hubRate = hubTp.perSecond();
        double rawRate = rawTp.perSecond();
        r.put("hub_msgs_per_s", round(hubRate));
        r.put("raw_msgs_per_s", round(rawRate));
        r.put("ratio", round2(hubRate / rawRate));
        for (Phase[] pair : rates) {
            for (Phase p : pair) {
                String prefix = HUB.equals(p.system) ? "" : "raw_";
                r.put(prefix + "p50_ms_at_" + p.rate, round2(Phase.ms(p.reported(), 50)));
                r.put(prefix + "p90_ms_at_" + p.rate, round2(Phase.ms(p.reported(), 90)));
                r.put(prefix + "p99_ms_at_" + p.rate, round2(Phase.ms(p.reported(), 99)));
                r.put(prefix + "max_ms_at_" + p.rate, round2(Phase.maxMs(p.reported())));
                r.put(prefix + "sustained_" + p.rate, p.skipped == null && p.overloaded == null && p.drained);
            }
        }
        r.put("lost", hub.lost());
        r.put("duplicated", hub.duplicates.sum());
        r.put("raw_lost", raw.lost());
        r.put("raw_duplicated", raw.duplicates.sum());
        @SuppressWarnings("unchecked")
        Map<String, Object> hubMemory = (Map<String, Object>) memory.get(HUB);
        r.put("heap_mb", hubMemory.get("heap_used_mb_after_gc"));
        r.put("heap_mb_before_gc", hubMemory.get("heap_used_mb_before_gc"));
        r.put("heap_mb_peak_in_profile", profile.get("heap_used_max_mb"));
        r.put("rss_mb", hubMemory.get("rss_mb"));
        r.put("rss_mb_peak", hubMemory.get("rss_mb_peak"));

        Map<String, Object> targets = new LinkedHashMap<>();
        double ratio = hubRate / rawRate;
        targets.put("ratio hub/raw >= 0.6", target(Double.isFinite(ratio) ? Math.round(ratio * 1000) / 1000.0 : null,
                ratio >= 0.6));
        Object p99 = r.get("p99_ms_at_1000");
        targets.put("p99 <= 20 ms at 1000 msg/s", target(p99, p99 instanceof Double d && d <= 20.0
                && ratePhase(rates, HUB, 1000) != null && ratePhase(rates, HUB, 1000).drained
                && ratePhase(rates, HUB, 1000).overloaded == null));
        double heap = r.get("heap_mb") instanceof Double d ? d : Double.NaN;
        // Without a profile phase (no time left for it) there is no peak to quote: say so rather than print 0.
        Double heapPeak = r.get("heap_mb_peak_in_profile") instanceof Double d ? d : null;
        targets.put("heap <= 512 MiB (after GC at end; peak in profile)",
                target(r.get("heap_mb") + (heapPeak == null ? " (no profile, no peak)" : " (peak " + heapPeak + ")"),
                        heap <= 512 && (heapPeak == null || heapPeak <= 512)));
        long receiptsMissing = hub.receiptsMissing();
        targets.put("nothing lost or duplicated (deliveries and receipts)",
                target("lost " + hub.lost() + ", duplicated " + hub.duplicates.sum() + ", receipts missing "
                        + receiptsMissing + ", receipts duplicated " + hub.receiptDuplicates.sum(),
                        hub.lost() == 0 && hub.duplicates.sum() == 0 && receiptsMissing == 0
                                && hub.receiptDuplicates.sum() == 0 && hub.sendFailures() == 0));
        r.put("targets", targets);

        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put(HUB, throughputJson(hubTp));
        throughput.put(RAW, throughputJson(rawTp));
        r.put("throughput", throughput);
        Map<String, Object> latency = new LinkedHashMap<>();
        for (String system : List.of(HUB, RAW)) {
            Map<String, Object> bySystem = new LinkedHashMap<>();
            for (Phase[] pair : rates) {
                for (Phase p : pair) {
                    if (p.system.equals(system)) {
                        bySystem.put(Integer.toString(p.rate), phaseJson(p));
                    }
                }
            }
            latency.put(system, bySystem);
        }
        r.put("latency", latency);

        Map<String, Object> delivery = new LinkedHashMap<>();
        for (Tracker t : List.of(hub, raw)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("sent", t.registered.sum());
            d.put("send_failures", t.sendFailures());
            d.put("lost", t.lost());
            d.put("duplicated", t.duplicates.sum());
            d.put("unexpected", t.unexpected.sum());
            d.put("unidentified", t.unidentified.sum());
            delivery.put(t.system, d);
        }
        ((Map<String, Object>) delivery.get(RAW)).put("relay_rollbacks", relay.rolledBack());
        r.put("delivery", delivery);
        Map<String, Object> receipts = new LinkedHashMap<>();
        receipts.put("received", hub.receipts.sum());
        receipts.put("accepted", hub.receiptsAccepted.sum());
        receipts.put("rejected", hub.receiptsRejected.sum());
        receipts.put("missing", receiptsMissing);
        receipts.put("duplicated", hub.receiptDuplicates.sum());
        receipts.put("unexpected", hub.receiptsUnexpected.sum());
        r.put("receipts", receipts);
        r.put("memory", memory);
        r.put("profile", profile);

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("message_bytes", template.sizeBytes());
        settings.put("producers", options.producers());
        settings.put("window", options.window());
        settings.put("settle_disk", options.settleDisk());
        settings.put("relay_threads", options.relayThreads());
        settings.put("relay_batch", options.relayBatch());
        settings.put("raw_warmup_s", options.rawWarmupSeconds());
        settings.put("hub_warmup_s", options.hubWarmupSeconds());
        settings.put("hub_profiled_s", options.profileSeconds());
        settings.put("throughput_rounds", options.rounds());
        settings.put("throughput_slice_s", options.sliceSeconds());
        settings.put("rates", options.rates());
        settings.put("rate_warmup_s", options.rateWarmupSeconds());
        settings.put("rate_recorded_s", options.rateSeconds());
        settings.put("node_jvm_options", options.hubJvmOptions());
        settings.put("hub_args", options.hubArgs());
        settings.put("jfr", "hub only, the last " + options.profileSeconds() + " s of a full-load phase after "
                + "every measured one (starting a recording deoptimizes the hub's compiled code), then 10 s idle");
        r.put("settings", settings);
        return r;
    }

    private static Phase ratePhase(List<Phase[]> rates, String system, int rate) {
        for (Phase[] pair : rates) {
            for (Phase p : pair) {
                if (p.system.equals(system) && p.rate == rate && p.skipped == null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Map<String, Object> target(Object value, boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("value", value);
        t.put("met", met);
        return t;
    }

    private static Map<String, Object> throughputJson(Throughput t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivered_per_s", round(t.perSecond()));
        m.put("delivered", t.delivered());
        m.put("measured_s", round(t.seconds()));
        m.put("per_slice", t.perSlice());
        m.put("cpu", t.cpu.toMap(t.system, t.delivered()));
        return m;
    }

    private static Map<String, Object> phaseJson(Phase p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.skipped != null) {
            m.put("skipped", p.skipped);
            return m;
        }
        if (p.rate > 0) {
            m.put("offered_per_s", p.rate);
            m.put("achieved_send_per_s", round(p.achievedSendRate()));
        } else {
            m.put("delivered_per_s", round(p.deliveredPerSecond()));
            m.put("delivered_in_measure", p.deliveredInMeasure.sum());
            m.put("measured_s", round(p.measureSeconds()));
            List<Long> perSecond = new ArrayList<>();
            int seconds = (int) Math.ceil((p.measureToNanos - p.startNanos) / 1e9);
            for (int s = 0; s < Math.min(seconds, p.timeline.length()); s++) {
                perSecond.add(p.timeline.get(s));
            }
            m.put("delivered_each_second", perSecond);
        }
        if (p.overloaded != null) {
            m.put("not_sustained", p.overloaded);
        }
        m.put("sent", p.sent.sum());
        Histogram h = p.reported();
        m.put("latency_basis", p.overloaded != null
                ? "every message of the phase, until sending stopped (rate not sustained)"
                : "messages due after the warm-up");
        m.put("recorded", h.getTotalCount());
        m.put("all_arrived", p.drained);
        m.put("p50_ms", round2(Phase.ms(h, 50)));
        m.put("p90_ms", round2(Phase.ms(h, 90)));
        m.put("p99_ms", round2(Phase.ms(h, 99)));
        m.put("p999_ms", round2(Phase.ms(h, 99.9)));
        m.put("max_ms", round2(Phase.maxMs(h)));
        m.put("service_p50_ms", round2(Phase.ms(p.serviceLatency, 50)));
        m.put("service_p99_ms", round2(Phase.ms(p.serviceLatency, 99)));
        m.put("cpu", p.cpu);
        return m;
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        String memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().orElse("MemTotal: 0 kB").replaceAll("\\D+", "");
        m.put("memory_gib", round(Long.parseLong(memTotal) / 1048576.0));
        m.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    private static void summary(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n==== Clue Hub benchmark, %s, hub %s ====%n", r.get("date"),
                r.get("hub_version")));
        s.append(String.format(Locale.ROOT, "throughput  hub %s msg/s   raw %s msg/s   ratio %s%n",
                r.get("hub_msgs_per_s"), r.get("raw_msgs_per_s"), r.get("ratio")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> latency =
                (Map<String, Map<String, Map<String, Object>>>) r.get("latency");
        for (String system : List.of(HUB, RAW)) {
            latency.get(system).forEach((rate, p) -> s.append(String.format(Locale.ROOT,
                    "latency %-3s @%5s msg/s  p50 %s  p90 %s  p99 %s  max %s ms%s%s%n", system, rate, p.get("p50_ms"),
                    p.get("p90_ms"), p.get("p99_ms"), p.get("max_ms"),
                    p.containsKey("skipped") ? "  SKIPPED: " + p.get("skipped") : "",
                    p.containsKey("not_sustained") ? "  NOT SUSTAINED: " + p.get("not_sustained") : "")));
        }
        s.append(String.format(Locale.ROOT, "hub memory  heap %s MiB after GC (%s before), RSS %s MiB (peak %s)%n",
                r.get("heap_mb"), r.get("heap_mb_before_gc"), r.get("rss_mb"), r.get("rss_mb_peak")));
        @SuppressWarnings("unchecked")
        Map<String, Object> speed = (Map<String, Object>) r.get("machine_speed");
        if (speed != null) {
            s.append(String.format(Locale.ROOT, "machine     SHA-256 %s MiB/s per core at the start, %s at the end%n",
                    speed.get("sha256_mib_per_s_per_core_at_start"), speed.get("sha256_mib_per_s_per_core_at_end")));
        }
        s.append(String.format(Locale.ROOT, "lost %s  duplicated %s  (raw: lost %s, duplicated %s)%n", r.get("lost"),
                r.get("duplicated"), r.get("raw_lost"), r.get("raw_duplicated")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> targets = (Map<String, Map<String, Object>>) r.get("targets");
        targets.forEach((name, t) -> s.append(String.format(Locale.ROOT, "target %-55s %-5s %s%n", name,
                Boolean.TRUE.equals(t.get("met")) ? "MET" : "MISS", t.get("value"))));
        System.out.print(s);
    }

    private static Double mb(long kb) {
        return kb < 0 ? null : round(kb / 1024.0);
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : null;
    }

    private static Double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }
}
