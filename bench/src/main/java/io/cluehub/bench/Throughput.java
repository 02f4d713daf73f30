package io.cluehub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum sustained throughput of one system, measured in slices that alternate with the other system's, so that the
 * load other people put on a shared machine falls on both alike.
 */
final class Throughput {

    final String system;
    final List<Phase> slices = new ArrayList<>();
    CpuMeter.Usage cpu = CpuMeter.Usage.ZERO;

    Throughput(String system) {
        this.system = system;
    }

    long delivered() {
        return slices.stream().mapToLong(p -> p.deliveredInMeasure.sum()).sum();
    }

    double seconds() {
        return slices.stream().mapToDouble(Phase::measureSeconds).sum();
    }

    /** Deliveries per second over all measured slices; NaN when nothing was measured. */
    double perSecond() {
        double seconds = seconds();
        return seconds <= 0 ? Double.NaN : delivered() / seconds;
    }

    List<Double> perSlice() {
        List<Double> rates = new ArrayList<>();
        for (Phase p : slices) {
            rates.add(Math.round(p.deliveredPerSecond() * 10) / 10.0);
        }
        return rates;
    }
}
