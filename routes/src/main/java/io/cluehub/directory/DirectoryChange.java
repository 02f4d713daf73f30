package io.cluehub.directory;

import java.util.List;

/**
 * What a reload of the directory file changes: offices newly connected, offices no longer connected, and offices
 * still connected whose connection changed (channel, format, SFTP server, …), as they are after the reload.
 */
public record DirectoryChange(List<Connection> connected, List<Connection> disconnected, List<Connection> changed) {

    public DirectoryChange {
        connected = List.copyOf(connected);
        disconnected = List.copyOf(disconnected);
        changed = List.copyOf(changed);
    }

    public DirectoryChange(List<Connection> connected, List<Connection> disconnected) {
        this(connected, disconnected, List.of());
    }

    public boolean isEmpty() {
        return connected.isEmpty() && disconnected.isEmpty() && changed.isEmpty();
    }

    static DirectoryChange between(Directory before, Directory after) {
        List<Connection> connected = after.connections().stream()
                .filter(c -> !before.isConnected(c.officeId())).toList();
        List<Connection> disconnected = before.connections().stream()
                .filter(c -> !after.isConnected(c.officeId())).toList();
        List<Connection> changed = after.connections().stream()
                .filter(c -> before.connection(c.officeId()).map(old -> !old.equals(c)).orElse(false)).toList();
        return new DirectoryChange(connected, disconnected, changed);
    }

    /** Told of every change before the new directory takes effect. */
    public interface Listener {
        void directoryChanging(DirectoryChange change);
    }
}
