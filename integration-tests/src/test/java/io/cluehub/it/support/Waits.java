package io.cluehub.it.support;

import java.time.Duration;

/** Every bound the black-box tests wait for, in one place, so the suite always stops by itself. */
public final class Waits {

    /**
     * Hub start until {@code /actuator/health} is UP; the build machines have two slow cores. A start takes 35-45 s
     * on an idle machine and about 100 s while other builds run: {@code -Dcluehub.it.startupSeconds=…} to widen.
     */
    public static final Duration STARTUP = Duration.ofSeconds(Long.getLong("cluehub.it.startupSeconds", 120));
    /** Graceful stop (SIGTERM) before the harness falls back to SIGKILL. */
    public static final Duration STOP = Duration.ofSeconds(60);
    /** One message (delivery or receipt) to show up in an inbox; the first one after a start pays for warm-up. */
    public static final Duration MESSAGE = Duration.ofSeconds(60);
    /** A whole batch to drain after a restart. */
    public static final Duration BATCH = Duration.ofMinutes(3);
    /** Silence that shows nothing more is coming: used only after the hub has answered the message in question. */
    public static final Duration QUIET = Duration.ofSeconds(5);
    /** The archive REST API and the operator queue to show what a receipt already announced. */
    public static final Duration VISIBLE = Duration.ofSeconds(30);

    private Waits() {
    }
}
