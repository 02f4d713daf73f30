package io.cluehub.directory;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.schemas.divisions.Divisions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reloads the operator's directory file when it changes, without a restart. A file that cannot be used is refused with
 * a clear error in the log and the last good directory stays in force; a good one is announced to the listeners (the
 * broker's users and inboxes, the REST users) and then takes effect. Inactive for the demo directory in the jar.
 */
@Component
public class DirectoryReloader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryReloader.class);

    private final Directory directory;
    private final ObjectProvider<DirectoryChange.Listener> listeners;
    private final ObjectProvider<DirectoryCheck> checks;
    private final Path file;
    private final long intervalMillis;
    private volatile FileTime lastSeen;
    private volatile String lastError;
    private ScheduledExecutorService scheduler;

    public DirectoryReloader(Directory directory, ObjectProvider<DirectoryChange.Listener> listeners,
            ObjectProvider<DirectoryCheck> checks, ClueHubProperties properties) {
        this.directory = directory;
        this.listeners = listeners;
        this.checks = checks;
        String configured = properties.directory().file();
        this.file = configured == null || configured.isBlank() ? null : Path.of(configured);
        this.intervalMillis = properties.directory().reloadInterval().toMillis();
    }

    /** Checks the file once; returns the error that refused it, or {@code null} if it was applied or unchanged. */
    public synchronized String reloadIfChanged() {
        if (file == null) {
            return null;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(lastSeen)) {
                return null;
            }
            Directory fresh;
            try (InputStream in = Files.newInputStream(file)) {
                fresh = DirectoryFile.read(in, file.toString(), Divisions.gbt2260());
            }
            lastSeen = modified;
            for (DirectoryCheck check : checks) {
                check.check(fresh);
            }
            DirectoryChange change = DirectoryChange.between(directory, fresh);
            listeners.orderedStream().forEach(listener -> listener.directoryChanging(change));
            directory.replaceConnections(fresh);
            lastError = null;
            LOG.info("Directory {} reloaded: {} connected offices ({} newly connected, {} disconnected)", file,
                    fresh.connections().size(), change.connected().size(), change.disconnected().size());
            return null;
        } catch (DirectoryException | IOException e) {
            String error = e.getMessage();
            if (!Objects.equals(error, lastError)) {
                LOG.error("Directory file refused, the last good directory stays in force: {}", error);
            }
            lastError = error;
            return error;
        }
    }

    @Override
    public void start() {
        if (file == null) {
            return;
        }
        try {
            lastSeen = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            lastSeen = null;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "directory-reload");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::reloadIfChanged, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
