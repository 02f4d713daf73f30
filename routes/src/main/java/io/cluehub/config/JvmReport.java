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
 * the parallel collector serves the hub better than G1 (the JVM's default from two cores and 1792 MiB up): in
 * alternating runs of {@code bench/run} on two cores (2026-12-04) 1,086-1,258 msg/s against 1,013-1,133, and it kept up
 * with 1,000 msg/s where G1 fell behind (README, "The JVM"), so the line then says so. A jar cannot choose its
 * collector; whoever starts it does.
 */
@Component
public class JvmReport {

    private static final Logger LOG = LoggerFactory.getLogger(JvmReport.class);
    /** Where the comparison was measured: two cores. On more, nobody has measured, so the line says nothing. */
    static final int FEW_CORES = 2;

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        Runtime runtime = Runtime.getRuntime();
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        LOG.info(line(Runtime.version().toString(), runtime.availableProcessors(), runtime.maxMemory(), collectors));
    }

    /**
     * The line for a JVM of {@code version}: {@code cores}, {@code maxHeap} bytes of usable heap (what
     * {@link Runtime#maxMemory} says: with the parallel collector a survivor space less than {@code -Xmx}), collectors.
     */
    static String line(String version, int cores, long maxHeap, List<String> collectors) {
        String line = "JVM " + version + ": " + cores + (cores == 1 ? " core" : " cores") + ", usable heap "
                + maxHeap / (1024 * 1024) + " MiB, garbage collectors " + String.join(", ", collectors);
        boolean g1 = collectors.stream().anyMatch(name -> name.startsWith("G1 "));
        if (g1 && cores <= FEW_CORES) {
            line += ". On " + cores + (cores == 1 ? " core" : " cores")
                    + " the parallel collector (java -XX:+UseParallelGC -jar ...) serves the hub better than G1"
                    + " (README, The JVM)";
        }
        return line;
    }
}
