package io.cluehub.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Time-stamps the chain head: every {@code cluehub.archive.timestamp-interval} when the head has moved since the last
 * time-stamp, and on demand ({@code POST /api/v1/archive/timestamps}). A time-stamp proves that the chain up to its
 * head existed at the authority's time, so entries cannot later be rewritten, dropped from the end or back-dated
 * without the stored tokens giving it away ({@link ChainVerifier} checks them).
 *
 * <p>Whether a stamp is due is decided from the database (the latest stored time-stamp), so several hub instances
 * sharing one archive stamp about once per interval between them, and a restart does not reset the clock. A failing
 * authority is logged and tried again at the next check; intake never waits for it.
 */
@Component
public class ChainTimestamper implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ChainTimestamper.class);
    private static final Duration MAX_CHECK_PERIOD = Duration.ofMinutes(1);

    private final ArchiveStore archive;
    private final TimestampStore timestamps;
    private final TimeStampAuthority authority;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public ChainTimestamper(ArchiveStore archive, TimestampStore timestamps, TimeStampAuthority authority,
            ArchiveProperties properties) {
        this.archive = archive;
        this.timestamps = timestamps;
        this.authority = authority;
        this.interval = properties.timestampInterval();
    }

    /** Time-stamps the current head now; empty if the chain has no entries yet. */
    public synchronized Optional<ArchiveTimestamp> stampNow() {
        ArchiveHead head = archive.head();
        if (head.seq() == 0) {
            return Optional.empty();
        }
        byte[] token = authority.timestamp(HeadImprint.imprint(head));
        // Never store what would not verify: an external authority's answer is checked like a stored token.
        TimestampTokens.problem(token, head).ifPresent(reason -> {
            throw new TimestampException(authority.describe() + " returned a token that does not verify: " + reason);
        });
        ArchiveTimestamp stamp = timestamps.add(head, TimestampTokens.read(token), token);
        LOG.info("Time-stamped archive head seq {} hash {} by {} at {}", head.seq(), head.hash(), stamp.tsaName(),
                stamp.stampedAt());
        return Optional.of(stamp);
    }

    /** Stamps if the head moved and the latest time-stamp is at least one interval old. */
    public Optional<ArchiveTimestamp> stampIfDue() {
        ArchiveHead head = archive.head();
        Optional<ArchiveTimestamp> latest = timestamps.latest();
        boolean moved = latest.map(t -> t.headSeq() != head.seq()).orElse(head.seq() > 0);
        boolean old = latest.map(t -> !t.stampedAt().plus(interval).isAfter(Instant.now())).orElse(true);
        return moved && old ? stampNow() : Optional.empty();
    }

    private void check() {
        try {
            stampIfDue();
        } catch (RuntimeException e) {
            LOG.warn("Could not time-stamp the archive head; will try again: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("Archive head time-stamps on demand only (cluehub.archive.timestamp-interval=0)");
            return;
        }
        long period = Math.max(1000, Math.min(interval.toMillis(), MAX_CHECK_PERIOD.toMillis()));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "archive-timestamper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Archive head time-stamped every {} by {}", interval, authority.describe());
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
