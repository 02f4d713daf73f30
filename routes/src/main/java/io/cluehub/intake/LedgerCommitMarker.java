package io.cluehub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Marks ledger keys committed in batches, off the intake thread. A key not yet marked when the hub stops is safe: a
 * later message with that key gets the recorded outbox sent again, and the broker's duplicate detection drops every
 * copy that had already gone out. Marking in batches turns one database commit per message into one per batch.
 */
@Component
public class LedgerCommitMarker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerCommitMarker.class);
    private static final long INTERVAL_MILLIS = 200;

    private final IntakeLedger ledger;
    private final ConcurrentLinkedQueue<IntakeLedger.Key> pending = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService scheduler;

    public LedgerCommitMarker(IntakeLedger ledger) {
        this.ledger = ledger;
    }

    public void markLater(String sender, String messageId) {
        pending.add(new IntakeLedger.Key(sender, messageId));
    }

    /** Writes every pending mark now; returns how many. */
    public synchronized int flush() {
        List<IntakeLedger.Key> batch = new ArrayList<>();
        for (IntakeLedger.Key key = pending.poll(); key != null; key = pending.poll()) {
            batch.add(key);
        }
        if (!batch.isEmpty()) {
            try {
                ledger.markCommitted(batch);
            } catch (RuntimeException e) {
                // Unmarked keys are safe (see class comment); try again with the next batch.
                pending.addAll(batch);
                LOG.warn("Could not mark {} ledger keys committed; will retry: {}", batch.size(), e.getMessage());
                return 0;
            }
        }
        return batch.size();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-commit-marker");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::flush, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops after the routes (which stop at a higher phase) so that their last marks are written. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
