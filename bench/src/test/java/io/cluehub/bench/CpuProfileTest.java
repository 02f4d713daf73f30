package io.cluehub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text the bench makes of async-profiler's collapsed stacks, from stacks shaped as it writes them. */
class CpuProfileTest {

    @TempDir
    Path dir;

    @Test
    void sharesOfTheMachineByGroupLibrarySelfFrameAndSystemCall() throws Exception {
        Path collapsed = dir.resolve("hub-cpu.collapsed");
        Files.write(collapsed, List.of(
                // 300 samples of the intake in H2, through the JDK's HashMap: charged to H2, self frame HashMap.
                "[cluehub-intake-1 JmsConsumer[hub.inbound] tid=41];java/lang/Thread.run_[j];"
                        + "io/cluehub/intake/IntakeConsumers$Worker.run_[j];org/h2/mvstore/MVStore.commit_[j];"
                        + "java/util/HashMap.getNode_[i] 300",
                // 100 samples of a broker thread parking: futex in the kernel.
                "[Thread-7 (activemq-cluehub) tid=52];java/lang/Thread.run_[j];"
                        + "org/apache/activemq/artemis/utils/ActiveMQThreadFactory$1.run_[j];"
                        + "jdk/internal/misc/Unsafe.park_[j];__futex_abstimed_wait_common;"
                        + "entry_SYSCALL_64_after_hwframe_[k];__x64_sys_futex_[k];pvm_irq_enable_[k] 100",
                // 100 samples of the collector, no Java frame at all.
                "[GC Thread#0 tid=9];thread_native_entry;GCTaskThread::run;PSPromotionManager::drain_stacks_depth 100"),
                StandardCharsets.UTF_8);

        // 500 samples of 10 ms = 5 s of CPU in 5 s on 2 cores: half the machine.
        String text = CpuProfile.summary(collapsed, 5.0, 2);

        assertTrue(text.startsWith("Hub CPU, every thread"), text);
        assertTrue(text.contains("500 samples, 5.0 s of CPU in 5.0 s, 50% of the machine (2 cores)"), text);
        assertTrue(text.contains("  300  30.0%  intake consumers"), text);
        assertTrue(text.contains("  100  10.0%  broker (Artemis threads, the in-VM connector's included)"), text);
        assertTrue(text.contains("  100  10.0%  garbage collector"), text);
        assertTrue(text.contains("300  60.0%  Java code"), text);
        assertTrue(text.contains("100  20.0%  kernel"), text);
        assertTrue(text.contains("300  60.0%  H2 database"), text);
        assertTrue(text.contains("100  20.0%  no Java frame (JVM threads, native)"), text);
        // The broker's parking has no frame outside the JDK but its own thread factory's.
        assertTrue(text.contains("100 100.0%  Artemis thread pools and utilities"), text);
        assertTrue(text.contains("100 100.0%  pvm_irq_enable (kernel)"), text);
        assertTrue(text.contains("300  60.0%  java.util.HashMap.getNode"), text);
        assertTrue(text.contains("100 100.0%  futex (broker threads)"), text);
    }

    @Test
    void threadsAreGroupedByTheirNames() {
        assertEquals("intake consumers", CpuProfile.group("cluehub-intake-# JmsConsumer[hub.inbound]"));
        assertEquals("broker (Artemis threads, the in-VM connector's included)",
                CpuProfile.group("Thread-# (activemq-org.apache.activemq.artemis.core.remoting.impl.invm.-in-v-m-connector)"));
        assertEquals("broker (Artemis threads, the in-VM connector's included)", CpuProfile.group("activemq-buffer-timeout"));
        assertEquals("JIT compiler", CpuProfile.group("C# CompilerThre"));
        assertEquals("garbage collector", CpuProfile.group("GC Thread##"));
        assertEquals("HTTP server", CpuProfile.group("http-nio-#-exec-#"));
        assertEquals("H2 writer threads (commits serialised and saved, compaction)", CpuProfile.group("H#-serialization"));
        assertEquals("H2 writer threads (commits serialised and saved, compaction)",
                CpuProfile.group("MVStore background writer /data/db/cluehub.mv.db"));
        assertEquals("other", CpuProfile.group("Reference Handler"));
    }
}
