package io.cluehub.archive.retention;

import io.cluehub.archive.audit.ArchiveAudit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the retention purge every {@code cluehub.archive.retention.purge-interval} (24 h; the first run one interval
 * after start), and records each run that purged anything as an audit entry of the hub itself. A failed run is logged
 * and tried again at the next. {@code POST /api/v1/archive/purges} runs it at once.
 */
@Component
public class PurgeSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeSchedule.class);
    static final ArchiveAudit.Actor HUB = new ArchiveAudit.Actor("cluehub", List.of("retention-schedule"));

    private final Purger purger;
    private final RetentionAudit audit;
    private final RetentionProperties retention;
    private ScheduledExecutorService scheduler;

    public PurgeSchedule(Purger purger, RetentionAudit audit, RetentionProperties retention) {
        this.purger = purger;
        this.audit = audit;
        this.retention = retention;
    }

    private void run() {
        try {
            Purger.Report report = purger.purge();
            if (report.purged() > 0) {
                audit.purged(HUB, report);
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention purge failed; will try again: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        long period = retention.purgeInterval().toMillis();
        if (period <= 0) {
            LOG.info("Retention purge on demand only (cluehub.archive.retention.purge-interval=0)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "archive-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::run, period, period, TimeUnit.MILLISECONDS);
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
