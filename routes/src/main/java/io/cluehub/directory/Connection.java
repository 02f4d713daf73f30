package io.cluehub.directory;

import java.util.Set;

/**
 * How a connected office is reached: its channel, the message format it speaks ({@code canonical} unless it has its
 * own) and the validation profile its messages must meet on top of the base schemas ({@code null} for none).
 */
public record Connection(String officeId, Channel channel, String format, String profile, Set<String> subscriptions) {

    public static final String CANONICAL_FORMAT = "canonical";

    public Connection {
        subscriptions = subscriptions == null ? Set.of() : Set.copyOf(subscriptions);
    }

    public Connection(String officeId, Channel channel, String format, String profile) {
        this(officeId, channel, format, profile, Set.of());
    }
}
