package io.cluehub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmReportTest {

    private static final long HEAP = 512L * 1024 * 1024;

    @Test
    void namesCoresHeapAndCollectors() {
        assertThat(JvmReport.line("17.0.15+6", 2, HEAP, List.of("PS Scavenge", "PS MarkSweep")))
                .isEqualTo("JVM 17.0.15+6: 2 cores, usable heap 512 MiB, garbage collectors PS Scavenge, PS MarkSweep");
    }

    @Test
    void pointsToTheParallelCollectorWhenG1RunsOnFewCores() {
        assertThat(JvmReport.line("17.0.15+6", 2, HEAP, List.of("G1 Young Generation", "G1 Old Generation")))
                .startsWith("JVM 17.0.15+6: 2 cores, usable heap 512 MiB, garbage collectors G1 Young Generation")
                .contains("On 2 cores the parallel collector (java -XX:+UseParallelGC -jar ...)");
    }

    @Test
    void leavesG1AloneOnMoreCores() {
        assertThat(JvmReport.line("17.0.15+6", 8, HEAP, List.of("G1 Young Generation", "G1 Old Generation")))
                .doesNotContain("UseParallelGC");
    }
}
