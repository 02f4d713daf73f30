package io.cluehub.directory;

import java.util.List;

/** What a reload of the directory file changes: offices newly connected, and offices no longer connected. */
public record DirectoryChange(List<Connection> connected, List<Connection> disconnected) {

    public DirectoryChange {
        connected = List.copyOf(connected);
        disconnected = List.copyOf(disconnected);
    }

    public boolean isEmpty() {
        return connected.isEmpty() && disconnected.isEmpty();
    }

    static DirectoryChange between(Directory before, Directory after) {
        List<Connection> connected = after.connections().stream()
                .filter(c -> !before.isConnected(c.officeId())).toList();
        List<Connection> disconnected = before.connections().stream()
                .filter(c -> !after.isConnected(c.officeId())).toList();
        return new DirectoryChange(connected, disconnected);
    }

    /** Told of every change before the new directory takes effect. */
    public interface Listener {
        void directoryChanging(DirectoryChange change);
    }
}
