package io.cluehub.directory;

import io.cluehub.security.signature.OfficeKey;
import java.util.List;
import java.util.Set;

/**
 * How a connected office is reached: its channel, the message format it speaks ({@code canonical} unless it has its
 * own, with the format version its systems were built against, or {@code null} for whichever the hub holds), the
 * validation profile its messages must meet on top of the base schemas ({@code null} for none), the shared lists it
 * follows, for the {@code sftp} channel the office's SFTP server, whether its messages must be signed (the default)
 * and the public keys it signs with (each with key id, validity period and revocation).
 */
public record Connection(String officeId, Channel channel, String format, String formatVersion, String profile,
        Set<String> subscriptions, SftpServer sftp, boolean signaturesRequired, List<OfficeKey> keys) {

    public static final String CANONICAL_FORMAT = "canonical";

    public Connection {
        subscriptions = subscriptions == null ? Set.of() : Set.copyOf(subscriptions);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public Connection(String officeId, Channel channel, String format, String profile, Set<String> subscriptions) {
        this(officeId, channel, format, null, profile, subscriptions, null, true, List.of());
    }

    public Connection(String officeId, Channel channel, String format, String profile) {
        this(officeId, channel, format, null, profile, Set.of(), null, true, List.of());
    }
}
