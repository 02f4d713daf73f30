package io.cluehub.schemas.validation;

import java.util.Optional;

/**
 * Tells the validator the type of a message the hub has seen, so that a {@code clue.status} or a
 * {@code consultation.opinion} can be checked to answer a message of the right type. The hub backs it with its archive.
 */
@FunctionalInterface
public interface ReplyLookup {

    /** The {@code type} of the message with this {@code messageId}, empty when the hub has no such message. */
    Optional<String> typeOf(String messageId);
}
