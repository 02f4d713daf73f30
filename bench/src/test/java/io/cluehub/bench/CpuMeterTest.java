package io.cluehub.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU figures each phase reports: steal (other virtual machines on this host) apart from other processes. */
class CpuMeterTest {

    @Test
    void stealIsReportedApartFromOtherProcesses() {
        CpuMeter.Usage before = new CpuMeter.Usage(10_000, 4_000, 50, 1_000, 0, 300);
        // 1,000 ticks of the machine: 200 idle, 100 stolen, 400 the hub, 100 the bench, 200 anything else.
        CpuMeter.Usage after = new CpuMeter.Usage(11_000, 4_200, 150, 1_400, 0, 400);

        Map<String, Object> phase = after.minus(before).toMap("hub", 1_000);

        assertEquals(80.0, phase.get("machine_busy_pct"));
        assertEquals(10.0, phase.get("steal_pct"));
        assertEquals(40.0, phase.get("hub_node_pct"));
        assertEquals(0.0, phase.get("raw_node_pct"));
        assertEquals(10.0, phase.get("bench_pct"));
        assertEquals(20.0, phase.get("other_processes_pct"));
        // 400 ticks of 10 ms for 1,000 messages
        assertEquals(4.0, phase.get("node_cpu_ms_per_msg"));
    }

    @Test
    void aMachineWithoutStealReportsNone() {
        CpuMeter.Usage used = new CpuMeter.Usage(1_000, 500, 0, 250, 150, 50);

        Map<String, Object> phase = used.toMap("raw", 0);

        assertEquals(0.0, phase.get("steal_pct"));
        assertEquals(5.0, phase.get("other_processes_pct"));
        assertFalse(phase.containsKey("node_cpu_ms_per_msg"));
    }
}
