package io.cluehub.archive.personal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Once the hub has started, seals in the background any archived body that is not under the current field key: bodies
 * archived in clear by a release before encryption at rest, and bodies another instance sealed under an older key
 * after a rotation here. Usually there are none. Only what was archived since the last complete check under the
 * current key is read ({@link ArchiveRekeyer#resealAtStart}): until 2026-12-07 every start read the whole archive,
 * gigabytes on a busy hub. Intake does not wait for it.
 */
@Component
public class ResealOnStart implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ResealOnStart.class);

    private final ArchiveRekeyer rekeyer;
    private ExecutorService worker;

    public ResealOnStart(ArchiveRekeyer rekeyer) {
        this.rekeyer = rekeyer;
    }

    @Override
    public synchronized void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "archive-reseal");
            thread.setDaemon(true);
            return thread;
        });
        worker.execute(() -> {
            try {
                rekeyer.resealAtStart();
            } catch (RuntimeException e) {
                LOG.warn("Could not re-encrypt archived bodies at start; POST /api/v1/archive/keys/reseal retries: {}",
                        e.getMessage());
            }
        });
    }

    @Override
    public synchronized void stop() {
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

    /** After the database and before nothing in particular; stopped before the connection pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
