package io.cluehub.handling;

import java.util.Locale;

/** A clue's {@code handling.onwardSharing} code, from least to most restrictive. */
public enum OnwardSharing {
    ALLOWED,
    ORIGINATOR_CONSENT,
    FORBIDDEN;

    public static OnwardSharing of(String json) {
        if (json == null) {
            return ALLOWED;
        }
        return valueOf(json.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The stricter of two codes: a forwarded clue never loosens its originator's code. */
    public OnwardSharing strictest(OnwardSharing other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
