package io.cluehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's dirty page cache, written out before each measured phase. The hub's H2 file grows by 20-30 KiB a
 * message and the kernel writes that back in bursts up to 30 s later, into whatever phase runs then; a journal sync
 * caught behind such a burst stalls, and with it every blocking send. With the hub's database on tmpfs the raw
 * broker's p99 at 1,000 msg/s was 17 ms instead of 200-435 (2026-12-07), so one system's writes were being charged to
 * the other. Written out first, each phase pays only for the writes it makes itself.
 */
final class DirtyPages {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /** What one flush found and how long it took. */
    record Flush(long dirtyKib, long millis) {
    }

    private DirtyPages() {
    }

    /** Runs {@code sync} (at most {@code timeoutSeconds}) and says how much was dirty before it. */
    static Flush flush(long timeoutSeconds) {
        long dirty = dirtyKib();
        long start = System.nanoTime();
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
            if (!sync.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                sync.destroyForcibly();
                Bench.log("sync did not finish in %d s; the phase starts anyway", timeoutSeconds);
            }
        } catch (IOException e) {
            Bench.log("cannot run sync: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Flush(dirty, (System.nanoTime() - start) / 1_000_000);
    }

    /** Dirty plus under-writeback page cache, KiB; -1 where /proc/meminfo cannot be read. */
    static long dirtyKib() {
        try {
            long kib = 0;
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
                    kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return kib;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
