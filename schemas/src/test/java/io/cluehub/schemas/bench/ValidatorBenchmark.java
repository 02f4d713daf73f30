package io.cluehub.schemas.bench;

import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
import io.cluehub.schemas.validation.ValidatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Validations per second of the DESIGN.md section 10 message on one thread: from bytes (parse and validate, as the
 * intake route does) and from an already parsed tree. Not a test; run it as README.md says. Each figure is the median
 * of five timed rounds of two seconds after about twenty seconds of warm-up, so JIT compilation is not measured.
 */
public final class ValidatorBenchmark {

    private static final int WARM_UP_ROUNDS = 8;
    private static final int ROUNDS = 5;
    private static final long ROUND_NANOS = 2_000_000_000L;

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

        System.out.printf(Locale.ROOT, "Java %s, %d processor(s) available%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        // The validator's call tree is deep; the JIT needs several seconds before throughput is steady.
        run("warm-up", () -> validator.validate(body, options), WARM_UP_ROUNDS);
        run("warm-up (tree)", () -> validator.validate(tree, options), 2);
        double fromBytes = run("bytes (parse + validate)", () -> validator.validate(body, options), ROUNDS);
        double fromTree = run("tree (validate only)", () -> validator.validate(tree, options), ROUNDS);
        System.out.printf(Locale.ROOT, "RESULT section-10 message, one thread: %,.0f validations/s from bytes, "
                + "%,.0f validations/s from a parsed tree%n", fromBytes, fromTree);
    }

    private static double run(String label, Runnable op, int rounds) {
        double[] perRound = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long n = 0;
            long start = System.nanoTime();
            long end = start + ROUND_NANOS;
            long now;
            do {
                for (int i = 0; i < 256; i++) {
                    op.run();
                }
                n += 256;
                now = System.nanoTime();
            } while (now < end);
            double perSecond = n * 1e9 / (now - start);
            perRound[r] = perSecond;
            System.out.printf(Locale.ROOT, "%-26s round %d: %,.0f validations/s%n", label, r + 1, perSecond);
        }
        java.util.Arrays.sort(perRound);
        return perRound[rounds / 2];
    }
}
