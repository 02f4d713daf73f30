package io.cluehub.format;

import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.adapters.format.FormatRegistry;
import io.cluehub.directory.Connection;
import io.cluehub.directory.DirectoryCheck;
import io.cluehub.directory.Directory;
import io.cluehub.directory.DirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which agency format each connected office speaks, from its directory entry ({@code format}, {@code formatVersion})
 * and the {@link FormatRegistry}. An office without a format, or with {@code canonical}, speaks canonical JSON and gets
 * an empty result. A directory naming a format or version the hub does not have is refused (at start-up and on
 * reload) rather than mis-mapping messages.
 */
public class OfficeFormats implements DirectoryCheck {

    private final FormatRegistry registry;
    private final Directory directory;

    public OfficeFormats(FormatRegistry registry, Directory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    /** The agency format of a connected office; empty for canonical JSON or an unconnected office. */
    public Optional<AgencyFormat> of(String officeId) {
        return directory.connection(officeId).flatMap(this::of);
    }

    private Optional<AgencyFormat> of(Connection connection) {
        if (Connection.CANONICAL_FORMAT.equals(connection.format())) {
            return Optional.empty();
        }
        return connection.formatVersion() == null
                ? registry.find(connection.format())
                : registry.find(connection.format(), connection.formatVersion());
    }

    /** The registry, for formats named by id (a delivery's {@code ClueHubFormat}). */
    public FormatRegistry registry() {
        return registry;
    }

    /**
     * Refuses a directory whose offices name formats (or versions) the registry does not hold.
     *
     * @throws DirectoryException naming every such office
     */
    @Override
    public void check(Directory candidate) {
        List<String> problems = new ArrayList<>();
        for (Connection c : candidate.connections()) {
            if (!Connection.CANONICAL_FORMAT.equals(c.format()) && of(c).isEmpty()) {
                problems.add(c.officeId() + ": format '" + c.format() + "'"
                        + (c.formatVersion() == null ? "" : " version " + c.formatVersion())
                        + " is not one of the hub's formats " + registry.ids());
            }
        }
        if (!problems.isEmpty()) {
            throw new DirectoryException(String.join("; ", problems));
        }
    }
}
