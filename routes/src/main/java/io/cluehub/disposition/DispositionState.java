package io.cluehub.disposition;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recipient's disposition of a clue: {@code delivered → received → accepted | declined | referred}, then
 * {@code accepted → investigating → concluded}. {@code delivered} may go straight to a decision: accepting, declining or
 * referring a clue shows it was received. {@code declined}, {@code referred} and {@code concluded} are final.
 */
public enum DispositionState {
    DELIVERED,
    RECEIVED,
    ACCEPTED,
    DECLINED,
    REFERRED,
    INVESTIGATING,
    CONCLUDED;

    /** The states a {@code clue.status} may move this one to. */
    public Set<DispositionState> next() {
        return switch (this) {
            case DELIVERED -> EnumSet.of(RECEIVED, ACCEPTED, DECLINED, REFERRED);
            case RECEIVED -> EnumSet.of(ACCEPTED, DECLINED, REFERRED);
            case ACCEPTED -> EnumSet.of(INVESTIGATING);
            case INVESTIGATING -> EnumSet.of(CONCLUDED);
            case DECLINED, REFERRED, CONCLUDED -> EnumSet.noneOf(DispositionState.class);
        };
    }

    /** Whether entering this state meets the decide deadline. */
    public boolean decides() {
        return this == ACCEPTED || this == DECLINED || this == REFERRED;
    }

    public static DispositionState of(String json) {
        return valueOf(json.toUpperCase(Locale.ROOT));
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The allowed next states as their JSON names, for diagnostics. */
    public List<String> nextJson() {
        return next().stream().map(DispositionState::json).toList();
    }
}
