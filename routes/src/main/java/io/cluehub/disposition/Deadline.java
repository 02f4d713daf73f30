package io.cluehub.disposition;

import java.util.Locale;

/** The two deadlines of a disposition: acknowledge (any status) and decide (accepted, declined or referred). */
public enum Deadline {
    ACKNOWLEDGE,
    DECIDE;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
