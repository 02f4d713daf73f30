package io.cluehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during a phase, from {@code /proc}: the whole machine, the hub node, the raw broker node and this bench
 * process, the time the hypervisor gave this machine's cores to other virtual machines (steal: on a shared host, the
 * noise in the figures), and what is left for everything else on the machine (other people's builds). Percentages are
 * of the whole machine (100 % = every core busy).
 */
final class CpuMeter {

    /** Linux USER_HZ: the unit of /proc CPU times. */
    private static final double TICK_MS = 10.0;

    private final long hubPid;
    private final long rawPid;

    /** A reading of the counters, or (as a difference of two readings) what was used in between, in ticks. */
    record Usage(long machineTotal, long machineIdle, long steal, long hub, long raw, long bench) {

        static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);

        Usage minus(Usage earlier) {
            return new Usage(machineTotal - earlier.machineTotal, machineIdle - earlier.machineIdle,
                    steal - earlier.steal, hub - earlier.hub, raw - earlier.raw, bench - earlier.bench);
        }

        Usage plus(Usage other) {
            return new Usage(machineTotal + other.machineTotal, machineIdle + other.machineIdle, steal + other.steal,
                    hub + other.hub, raw + other.raw, bench + other.bench);
        }

        /** As percentages of the machine; {@code delivered} gives the node's CPU cost per delivered message. */
        Map<String, Object> toMap(String system, long delivered) {
            Map<String, Object> m = new LinkedHashMap<>();
            double total = machineTotal;
            if (total <= 0) {
                return m;
            }
            double busy = total - machineIdle;
            m.put("machine_busy_pct", pct(busy, total));
            m.put("hub_node_pct", pct(hub, total));
            m.put("raw_node_pct", pct(raw, total));
            m.put("bench_pct", pct(bench, total));
            m.put("steal_pct", pct(steal, total));
            m.put("other_processes_pct", pct(Math.max(0, busy - steal - hub - raw - bench), total));
            if (delivered > 0) {
                double node = "hub".equals(system) ? hub : raw;
                m.put("node_cpu_ms_per_msg", Math.round(node * TICK_MS / delivered * 100) / 100.0);
            }
            return m;
        }
    }

    CpuMeter(long hubPid, long rawPid) {
        this.hubPid = hubPid;
        this.rawPid = rawPid;
    }

    Usage read() {
        long total = 0;
        long idle;
        long steal;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                total += Long.parseLong(cpu[i]);
            }
            idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
        } catch (IOException | RuntimeException e) {
            return Usage.ZERO;
        }
        return new Usage(total, idle, steal, ticks(hubPid), ticks(rawPid), ticks(ProcessHandle.current().pid()));
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(3) ... utime(14) stime(15)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double pct(double part, double total) {
        return Math.round(1000.0 * part / total) / 10.0;
    }
}
