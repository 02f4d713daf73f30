package io.cluehub.archive.replay;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.ArchiveStore.Order;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs replays in the background, one at a time, in batches of {@value #BATCH} messages in seq order: read the batch
 * (decrypting the bodies), send it in one broker transaction, then mark it sent in one database transaction. A replay
 * interrupted by a stop or a crash is resumed at start from its first unsent message; a batch sent but not yet marked
 * is sent again and dropped by the broker's duplicate detection. Entries whose bodies were purged are skipped and
 * counted. Intake never waits for a replay: they share only the connection factory and the database pool.
 */
@Component
public class ReplayRunner implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunner.class);
    static final int BATCH = 100;

    private final ReplayStore replays;
    private final ArchiveStore archive;
    private final ReplaySender sender;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private ExecutorService worker;
    private volatile boolean stopping;

    public ReplayRunner(ReplayStore replays, ArchiveStore archive, ReplaySender sender,
            PlatformTransactionManager transactions, Clock clock) {
        this.replays = replays;
        this.archive = archive;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Queues a replay to run after those already queued. */
    public synchronized void submit(String replayId) {
        if (worker == null) {
            throw new IllegalStateException("The replay runner is stopped");
        }
        worker.execute(() -> run(replayId));
    }

    /** Sends every unsent message of one replay; marks it completed, or failed with the reason. */
    void run(String replayId) {
        String target = replays.find(replayId).map(Replay::target).orElse(null);
        if (target == null) {
            return;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Long> seqs = replays.unsent(replayId, BATCH);
                if (seqs.isEmpty()) {
                    transaction.executeWithoutResult(s -> replays.finish(replayId, Replay.COMPLETED, null,
                            clock.instant()));
                    LOG.info("Replay {} to {} completed", replayId, target);
                    return;
                }
                List<ArchiveEntry> entries = archive.select("seq IN (" + String.join(", ",
                        Collections.nCopies(seqs.size(), "?")) + ")", new ArrayList<>(seqs), Order.OLDEST_FIRST,
                        seqs.size());
                List<ArchiveEntry> sendable = new ArrayList<>();
                List<Long> skipped = new ArrayList<>(seqs);
                for (ArchiveEntry entry : entries) {
                    if (entry.canonicalMessage() != null) {
                        sendable.add(entry);
                        skipped.remove(entry.seq());
                    }
                }
                if (!sendable.isEmpty()) {
                    sender.send(replayId, target, sendable);
                }
                List<Long> sent = sendable.stream().map(ArchiveEntry::seq).toList();
                transaction.executeWithoutResult(s -> replays.markDone(replayId, sent, skipped, clock.instant()));
            }
        } catch (RuntimeException e) {
            if (stopping) {
                // The hub is stopping: the replay stays running and is resumed at the next start.
                LOG.info("Replay {} to {} interrupted by shutdown; it resumes at the next start", replayId, target);
                return;
            }
            LOG.warn("Replay {} to {} failed: {}", replayId, target, e.getMessage());
            try {
                transaction.executeWithoutResult(s -> replays.finish(replayId, Replay.FAILED,
                        e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant()));
            } catch (RuntimeException again) {
                LOG.warn("Could not record the failure of replay {}: {}", replayId, again.getMessage());
            }
        }
    }

    @Override
    public synchronized void start() {
        stopping = false;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "archive-replay");
            thread.setDaemon(true);
            return thread;
        });
        // Replays a stop or a crash interrupted go on where they stopped.
        worker.execute(() -> {
            try {
                replays.running().forEach(this::run);
            } catch (RuntimeException e) {
                LOG.warn("Could not resume running replays: {}", e.getMessage());
            }
        });
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }

    /** Stops before the broker connection and the database pool. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
