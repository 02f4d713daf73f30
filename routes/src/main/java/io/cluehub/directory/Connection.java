package io.cluehub.directory;

import java.util.Set;

/**
 * How a connected office is reached: its channel, the message format it speaks ({@code canonical} unless it has its
 * own, with the format version its systems were built against, or {@code null} for whichever the hub holds), the
 * validation profile its messages must meet on top of the base schemas ({@code null} for none), the shared lists it
 * follows, and for the {@code sftp} channel the office's SFTP server.
 */
public record Connection(String officeId, Channel channel, String format, String formatVersion, String profile,
        Set<String> subscriptions, SftpServer sftp) {

    public static final String CANONICAL_FORMAT = "canonical";

    public Connection {
        subscriptions = subscriptions == null ? Set.of() : Set.copyOf(subscriptions);
    }

    public Connection(String officeId, Channel channel, String format, String profile, Set<String> subscriptions) {
        this(officeId, channel, format, null, profile, subscriptions, null);
    }

    public Connection(String officeId, Channel channel, String format, String profile) {
        this(officeId, channel, format, null, profile, Set.of(), null);
    }
}
