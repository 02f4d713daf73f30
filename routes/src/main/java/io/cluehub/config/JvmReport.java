package io.cluehub.config;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs, once the hub is up, the JVM it runs on: cores, heap ceiling and garbage collector. On a machine with few cores
 * G1 (the JVM's default from two cores and 1792 MiB up) costs the hub a fifth of its throughput against the parallel
 * collector (README, "Configuration": 829-885 against 1,086 msg/s on two cores, 2026-12-04), so the line then says so.
 * A jar cannot choose its collector; whoever starts it does.
 */
@Component
public class JvmReport {

    private static final Logger LOG = LoggerFactory.getLogger(JvmReport.class);
    /** Up to this many cores G1's concurrent work and barriers cost more than its shorter pauses are worth here. */
    static final int FEW_CORES = 4;

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        Runtime runtime = Runtime.getRuntime();
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        LOG.info(line(Runtime.version().toString(), runtime.availableProcessors(), runtime.maxMemory(), collectors));
    }

    /** The line for a JVM of {@code version}: {@code cores}, a heap ceiling of {@code maxHeap} bytes, collectors. */
    static String line(String version, int cores, long maxHeap, List<String> collectors) {
        String line = "JVM " + version + ": " + cores + (cores == 1 ? " core" : " cores") + ", max heap "
                + maxHeap / (1024 * 1024) + " MiB, garbage collectors " + String.join(", ", collectors);
        boolean g1 = collectors.stream().anyMatch(name -> name.startsWith("G1 "));
        if (g1 && cores <= FEW_CORES) {
            line += ". On " + cores + (cores == 1 ? " core" : " cores")
                    + " the parallel collector (java -XX:+UseParallelGC -jar ...) gives the hub about a quarter more"
                    + " throughput than G1 (README, Configuration)";
        }
        return line;
    }
}
