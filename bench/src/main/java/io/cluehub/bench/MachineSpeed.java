package io.cluehub.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast this machine's cores are right now: SHA-256 over a fixed buffer on every core at once, for two seconds.
 *
 * <p>On a shared VM the same code runs at different speeds at different hours (2026-12-04: the same hub gave 829
 * msg/s at 20:31 and 1,133 at 21:38, with the same CPU samples per second in its profile), and {@code /proc/stat}
 * shows no steal time. Measured with the nodes idle, at the start and at the end of a run, this says whether two runs
 * can be compared: only runs at like speeds can. It is a first probe, not a proven one: it was added after the slow
 * hour, so it has never seen one, and SHA-256 runs on the cores' SHA instructions, which may not slow down with
 * whatever slowed the hub (memory bandwidth, a neighbour on the same physical core).
 */
final class MachineSpeed {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final long WARM_UP_MS = 300;
    private static final long MEASURE_MS = 2000;

    private MachineSpeed() {
    }

    /** MiB/s of SHA-256 per core, with every core hashing; logged as {@code when}. */
    static double measure(String when) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicLong bytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long measureFrom = start + WARM_UP_MS * 1_000_000;
        long measureTo = measureFrom + MEASURE_MS * 1_000_000;
        for (int i = 0; i < cores; i++) {
            Thread t = new Thread(() -> hash(measureFrom, measureTo, bytes), "machine-speed-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = MEASURE_MS / 1000.0;
        double perCore = bytes.get() / 1048576.0 / seconds / cores;
        Bench.log("machine speed (%s, nodes idle): SHA-256 %.0f MiB/s per core, %d cores hashing", when, perCore,
                cores);
        return Math.round(perCore * 10) / 10.0;
    }

    private static void hash(long measureFrom, long measureTo, AtomicLong counted) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        long mine = 0;
        long now;
        while ((now = System.nanoTime()) < measureTo) {
            sha.update(buffer);
            if (now >= measureFrom) {
                mine += BUFFER_BYTES;
            }
        }
        sha.digest();
        counted.addAndGet(mine);
    }

    /** Both readings of a run, for {@code latest.json}. */
    static Map<String, Object> json(double atStart, double atEnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sha256_mib_per_s_per_core_at_start", atStart);
        m.put("sha256_mib_per_s_per_core_at_end", atEnd);
        m.put("note", "every core hashing, nodes idle; compare runs only at like speeds");
        return m;
    }
}
