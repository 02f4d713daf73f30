package io.cluehub.archive;

/**
 * A time-stamp could not be obtained or read: the authority refused or was unreachable, its answer did not match the
 * request, or a stored token is damaged. Messages name the authority and the reason, never key material.
 */
public class TimestampException extends RuntimeException {

    public TimestampException(String message) {
        super(message);
    }

    public TimestampException(String message, Throwable cause) {
        super(message, cause);
    }
}
