package io.cluehub.schemas.validation;

/**
 * Per-call options, as FHIR's validation options: the agency profile to apply on top of the base schema and the way to
 * look up the message a reply answers.
 *
 * @param profile the profile id from the sender's directory entry (e.g. {@code "sta"}); {@code null} applies the base
 *     schema only
 * @param replyLookup how to find the type of the message {@code inReplyTo} names; {@code null} skips that rule
 */
public record ValidationOptions(String profile, ReplyLookup replyLookup) {

    private static final ValidationOptions DEFAULTS = new ValidationOptions(null, null);

    public ValidationOptions {
        if (profile != null && profile.isBlank()) {
            profile = null;
        }
    }

    public static ValidationOptions defaults() {
        return DEFAULTS;
    }

    public ValidationOptions withProfile(String profileId) {
        return new ValidationOptions(profileId, replyLookup);
    }

    public ValidationOptions withReplyLookup(ReplyLookup lookup) {
        return new ValidationOptions(profile, lookup);
    }
}
