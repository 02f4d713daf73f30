package io.cluehub.schemas.bench;

import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Validations per second of the DESIGN.md section 10 message on one thread: from bytes (parse and validate, as the
 * intake route does) and from an already parsed tree. Not a test; run it as README.md says.
 *
 * <p>Each figure is the median of five timed rounds of two seconds, after about twenty seconds of warm-up so that JIT
 * compilation is not measured. Two rates are printed per round: by the wall clock, and by the CPU time of the
 * benchmark thread. On a quiet machine they agree; when other processes compete for the cores, the wall-clock rate
 * drops while the CPU-time rate still says what one thread can do.
 */
public final class ValidatorBenchmark {

    private static final int WARM_UP_ROUNDS = 8;
    private static final int ROUNDS = 5;
    private static final long ROUND_NANOS = 2_000_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ValidatorBenchmark() {}

    public static void main(String[] args) throws IOException {
        byte[] body;
        try (InputStream in = ValidatorBenchmark.class.getResourceAsStream("/fixtures/design-section-10.json")) {
            body = in.readAllBytes();
        }
        MessageValidator validator = MessageValidator.create(ValidatorSettings.defaults());
        ValidationOptions options = ValidationOptions.defaults();
        JsonNode tree = validator.parse(body).json();
        if (!validator.validate(body, options).successful()) {
            throw new IllegalStateException("the section 10 message must validate");
        }

        System.out.printf(Locale.ROOT, "Java %s on %s, %d processor(s) available, load average %.2f%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // The validator's call tree is deep; the JIT needs several seconds before throughput is steady.
        run("warm-up", () -> validator.validate(body, options), WARM_UP_ROUNDS);
        run("warm-up (tree)", () -> validator.validate(tree, options), 2);
        double[] fromBytes = run("bytes (parse + validate)", () -> validator.validate(body, options), ROUNDS);
        double[] fromTree = run("tree (validate only)", () -> validator.validate(tree, options), ROUNDS);
        System.out.printf(Locale.ROOT,
                "RESULT section-10 message, one thread, median of %d rounds:%n"
                        + "  from bytes: %,.0f validations/s wall clock, %,.0f validations per CPU-second%n"
                        + "  from tree:  %,.0f validations/s wall clock, %,.0f validations per CPU-second%n",
                ROUNDS, fromBytes[0], fromBytes[1], fromTree[0], fromTree[1]);
    }

    /** Runs {@code op} for {@code rounds} rounds; returns the median wall-clock and CPU-time rates. */
    private static double[] run(String label, Runnable op, int rounds) {
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long n = 0;
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long end = start + ROUND_NANOS;
            long now;
            do {
                for (int i = 0; i < 256; i++) {
                    op.run();
                }
                n += 256;
                now = System.nanoTime();
            } while (now < end);
            wall[r] = n * 1e9 / (now - start);
            cpu[r] = n * 1e9 / (THREADS.getCurrentThreadCpuTime() - cpuStart);
            System.out.printf(Locale.ROOT, "%-26s round %d: %,9.0f validations/s wall clock, %,9.0f per CPU-second%n",
                    label, r + 1, wall[r], cpu[r]);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[rounds / 2], cpu[rounds / 2]};
    }
}
