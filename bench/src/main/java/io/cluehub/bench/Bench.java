package io.cluehub.bench;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Shared bits of the benchmark: its options, its console log, its JSON mapper. */
final class Bench {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long STARTED = System.nanoTime();

    private Bench() {
    }

    /** A bench CLI logs to stdout: the run script shows it and keeps it. */
    static void log(String format, Object... args) {
        System.out.printf("[bench %s +%4ds] %s%n", LocalTime.now().format(CLOCK),
                (System.nanoTime() - STARTED) / 1_000_000_000L, String.format(format, args));
        System.out.flush();
    }

    /**
     * Options, as {@code --name=value} arguments. Defaults fit the whole run (with the build) in under ten minutes on
     * two cores.
     *
     * @param hubJar the packaged hub
     * @param resultsDir where latest.json, latest.html, profile.txt and hub.jfr go
     * @param workDir scratch directories of the two nodes (wiped at start)
     * @param deadlineSeconds hard budget of this process; phases that would not fit are skipped and say so
     * @param producers sending connections (simulated office systems, all authenticated as the §10 sender)
     * @param window messages in flight at most while measuring throughput (released on delivery)
     * @param relayThreads threads of the raw relay: as many as the hub's intake consumers
     * @param rawWarmupSeconds unmeasured full load on the raw broker before anything is measured
     * @param hubWarmupSeconds unmeasured full load on the hub (its JIT needs far longer than the broker's)
     * @param profileSeconds the last seconds of the hub's warm-up, recorded with JFR
     * @param rounds throughput slices per system, alternating raw and hub
     * @param sliceSeconds measured length of each throughput slice
     * @param rates fixed offered rates, messages per second
     * @param rateWarmupSeconds unrecorded start of each fixed-rate phase
     * @param rateSeconds recorded part of each fixed-rate phase
     * @param drainSeconds longest wait after a phase for its messages to arrive
     * @param hubJvmOptions options of both nodes' JVMs
     * @param hubArgs extra {@code --cluehub.*} arguments for the hub only (e.g. {@code --cluehub.intake.consumers=8})
     * @param label what was measured (bench/run passes the commit, "+uncommitted" if the hub's modules had changes)
     * @param relayBatch most messages per raw relay transaction: the hub's {@code cluehub.intake.batch-size} (32, or
     *     what {@code --hub-args} sets), so that both commit the same way
     * @param diagnosticUnbatched one extra, diagnostic raw slice with one message per transaction (the baseline
     *     before the hub's group commit), not part of the ratio
     * @param settleDisk write the page cache's dirty data out before each measured phase ({@link DirtyPages})
     */
    record Options(Path hubJar, Path resultsDir, Path workDir, long deadlineSeconds, int producers, int window,
            int relayThreads, int rawWarmupSeconds, int hubWarmupSeconds, int profileSeconds, int rounds,
            int sliceSeconds, List<Integer> rates,
            int rateWarmupSeconds, int rateSeconds, int drainSeconds, List<String> hubJvmOptions,
            List<String> hubArgs, int relayBatch, boolean diagnosticUnbatched, boolean settleDisk, String label) {

        static Options parse(String[] args) {
            Path hubJar = Path.of("routes/target/clue-hub.jar");
            Path resultsDir = Path.of("bench/results");
            Path workDir = Path.of("bench/target/work");
            long deadline = 480;
            int producers = 8;
            int window = 100;
            Integer relayThreads = null;
            int rawWarmup = 20;
            int hubWarmup = 120;
            int profile = 30;
            int rounds = 3;
            int slice = 10;
            List<Integer> rates = List.of(250, 500, 1000);
            int rateWarmup = 3;
            int rateSeconds = 15;
            int drain = 60;
            // The hub's documented JVM options (README, "Configuration"), both nodes alike.
            List<String> jvm = List.of("-Xmx512m", "-XX:+UseParallelGC");
            List<String> hubArgs = List.of();
            Integer relayBatch = null;
            boolean diagnosticUnbatched = true;
            boolean settleDisk = true;
            String label = "";
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("Expected --name=value, got " + arg);
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                switch (name) {
                    case "hub-jar" -> hubJar = Path.of(value);
                    case "results" -> resultsDir = Path.of(value);
                    case "work" -> workDir = Path.of(value);
                    case "deadline-seconds" -> deadline = Long.parseLong(value);
                    case "producers" -> producers = Integer.parseInt(value);
                    case "window" -> window = Integer.parseInt(value);
                    case "relay-threads" -> relayThreads = Integer.parseInt(value);
                    case "raw-warmup-seconds" -> rawWarmup = Integer.parseInt(value);
                    case "hub-warmup-seconds" -> hubWarmup = Integer.parseInt(value);
                    case "profile-seconds" -> profile = Integer.parseInt(value);
                    case "rounds" -> rounds = Integer.parseInt(value);
                    case "slice-seconds" -> slice = Integer.parseInt(value);
                    case "rates" -> {
                        List<Integer> parsed = new ArrayList<>();
                        for (String r : value.split(",")) {
                            parsed.add(Integer.parseInt(r.strip()));
                        }
                        rates = List.copyOf(parsed);
                    }
                    case "rate-warmup-seconds" -> rateWarmup = Integer.parseInt(value);
                    case "rate-seconds" -> rateSeconds = Integer.parseInt(value);
                    case "drain-seconds" -> drain = Integer.parseInt(value);
                    case "node-jvm" -> jvm = List.of(value.strip().split("\\s+"));
                    case "hub-args" -> hubArgs = value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
                    case "relay-batch" -> relayBatch = Integer.parseInt(value);
                    case "diagnostic-unbatched" -> diagnosticUnbatched = Boolean.parseBoolean(value);
                    case "settle-disk" -> settleDisk = Boolean.parseBoolean(value);
                    case "label" -> label = value;
                    default -> throw new IllegalArgumentException("Unknown option --" + name);
                }
            }
            if (relayThreads == null) {
                // As many relay threads as the hub has intake consumers (its default is 2).
                relayThreads = 2;
                for (String a : hubArgs) {
                    if (a.startsWith("--cluehub.intake.consumers=")) {
                        relayThreads = Integer.parseInt(a.substring(a.indexOf('=') + 1));
                    }
                }
            }
            if (relayBatch == null) {
                // The hub's intake batch size (its default is 32).
                relayBatch = 32;
                for (String a : hubArgs) {
                    if (a.startsWith("--cluehub.intake.batch-size=")) {
                        relayBatch = Integer.parseInt(a.substring(a.indexOf('=') + 1));
                    }
                }
            }
            return new Options(hubJar, resultsDir, workDir, deadline, producers, window, relayThreads, rawWarmup,
                    hubWarmup, Math.min(profile, hubWarmup), rounds, slice, rates, rateWarmup, rateSeconds, drain, jvm,
                    hubArgs, relayBatch, diagnosticUnbatched, settleDisk, label);
        }
    }
}
