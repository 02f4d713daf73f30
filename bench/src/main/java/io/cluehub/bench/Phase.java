package io.cluehub.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase of one system measured. Latency is recorded in microseconds for messages sent in the recorded part of
 * the phase: {@link #latency} from the time the message was due to be sent (its slot in the fixed-rate schedule, so a
 * producer held up by a slow send does not hide the delay: coordinated omission), {@link #serviceLatency} from the
 * moment the send actually began.
 */
final class Phase {

    /** Deliveries per second since the phase began, for the throughput timeline. */
    private static final int TIMELINE_SECONDS = 300;

    final String system;
    final String name;
    /** Offered rate, or 0 for "as fast as the window allows". */
    final int rate;
    final long startNanos;
    /** Recorded (measured) part: messages sent, or deliveries received, in [measureFrom, measureTo). */
    final long measureFromNanos;
    final long measureToNanos;
    /** Bounds messages in flight (throughput phase); null when the phase is paced by its rate. */
    final Semaphore window;

    final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(300), 3);
    final Histogram serviceLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(300), 3);
    /** Every message of the phase, warm-up included: the basis when a rate was not sustained. */
    final Histogram latencyAll = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(300), 3);
    final LongAdder sent = new LongAdder();
    /** Messages sent in the recorded part (their latency is recorded once they arrive). */
    final LongAdder recordedSent = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder delivered = new LongAdder();
    /** Deliveries whose arrival fell in the measured interval (the throughput figure). */
    final LongAdder deliveredInMeasure = new LongAdder();
    final AtomicLongArray timeline = new AtomicLongArray(TIMELINE_SECONDS);
    volatile long sendEndNanos;
    volatile long drainedNanos;
    volatile boolean drained;
    volatile String skipped;
    /** Set when a fixed rate could not be sustained: the backlog passed its bound and sending stopped early. */
    volatile String overloaded;
    /** CPU use over the phase (see {@link CpuMeter}). */
    volatile java.util.Map<String, Object> cpu = java.util.Map.of();

    Phase(String system, String name, int rate, long startNanos, long measureFromNanos, long measureToNanos,
            Semaphore window) {
        this.system = system;
        this.name = name;
        this.rate = rate;
        this.startNanos = startNanos;
        this.measureFromNanos = measureFromNanos;
        this.measureToNanos = measureToNanos;
        this.window = window;
    }

    static Phase skipped(String system, String name, int rate, String reason) {
        long now = System.nanoTime();
        Phase phase = new Phase(system, name, rate, now, now, now, null);
        phase.skipped = reason;
        return phase;
    }

    void onDelivery(Tracker.Sent sent, long nowNanos) {
        delivered.increment();
        latencyAll.recordValue(Math.max(0, (nowNanos - sent.intendedNanos) / 1_000));
        if (sent.recorded) {
            latency.recordValue(Math.max(0, (nowNanos - sent.intendedNanos) / 1_000));
            serviceLatency.recordValue(Math.max(0, (nowNanos - sent.sendNanos) / 1_000));
        }
        if (nowNanos >= measureFromNanos && nowNanos < measureToNanos) {
            deliveredInMeasure.increment();
        }
        int second = (int) ((nowNanos - startNanos) / 1_000_000_000L);
        if (second >= 0 && second < TIMELINE_SECONDS) {
            timeline.incrementAndGet(second);
        }
        if (window != null && !sent.sendFailed) {
            window.release();
        }
    }

    void onSendFailure() {
        sendFailures.increment();
        if (window != null) {
            window.release();
        }
    }

    long outstanding() {
        return sent.sum() - sendFailures.sum() - delivered.sum();
    }

    double measureSeconds() {
        return (measureToNanos - measureFromNanos) / 1e9;
    }

    /** Deliveries per second over the measured interval. */
    double deliveredPerSecond() {
        double seconds = measureSeconds();
        return seconds <= 0 ? 0 : deliveredInMeasure.sum() / seconds;
    }

    /** Sends per second actually achieved over the recorded interval of a fixed-rate phase. */
    double achievedSendRate() {
        if (overloaded != null) {
            double seconds = (sendEndNanos - startNanos) / 1e9;
            return seconds <= 0 ? 0 : sent.sum() / seconds;
        }
        double seconds = measureSeconds();
        return seconds <= 0 ? 0 : recordedSent.sum() / seconds;
    }

    /**
     * The latency to report: the recorded part of a sustained phase; for a rate that was not sustained (sending stopped,
     * possibly before the recorded part began), every message the phase sent.
     */
    Histogram reported() {
        return overloaded != null ? latencyAll : latency;
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }
}
