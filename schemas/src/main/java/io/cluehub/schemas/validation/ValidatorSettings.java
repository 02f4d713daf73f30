package io.cluehub.schemas.validation;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Limits and clock of a {@link MessageValidator}. Hostile input is stopped by these limits before or while it is
 * parsed: a body over {@code maxBytes} is refused unread; the parser refuses nesting deeper than
 * {@code maxNestingDepth}, strings longer than {@code maxStringLength} characters, numbers longer than
 * {@code maxNumberLength} digits and property names longer than {@code maxNameLength}.
 *
 * @param clock the clock "now" is read from (birth dates must not lie in the future); dates are taken in China
 *     Standard Time by default
 */
public record ValidatorSettings(
        int maxBytes, int maxNestingDepth, int maxStringLength, int maxNumberLength, int maxNameLength, Clock clock) {

    public static final int DEFAULT_MAX_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
    public static final int DEFAULT_MAX_STRING_LENGTH = 65_536;
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 32;
    public static final int DEFAULT_MAX_NAME_LENGTH = 256;

    public ValidatorSettings {
        positive(maxBytes, "maxBytes");
        positive(maxNestingDepth, "maxNestingDepth");
        positive(maxStringLength, "maxStringLength");
        positive(maxNumberLength, "maxNumberLength");
        positive(maxNameLength, "maxNameLength");
        Objects.requireNonNull(clock, "clock");
    }

    public static ValidatorSettings defaults() {
        return new ValidatorSettings(
                DEFAULT_MAX_BYTES,
                DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_MAX_STRING_LENGTH,
                DEFAULT_MAX_NUMBER_LENGTH,
                DEFAULT_MAX_NAME_LENGTH,
                Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    public ValidatorSettings withMaxBytes(int maxBytes) {
        return new ValidatorSettings(maxBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxNameLength, clock);
    }

    public ValidatorSettings withMaxNestingDepth(int maxNestingDepth) {
        return new ValidatorSettings(maxBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxNameLength, clock);
    }

    public ValidatorSettings withMaxStringLength(int maxStringLength) {
        return new ValidatorSettings(maxBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxNameLength, clock);
    }

    public ValidatorSettings withMaxNumberLength(int maxNumberLength) {
        return new ValidatorSettings(maxBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxNameLength, clock);
    }

    public ValidatorSettings withMaxNameLength(int maxNameLength) {
        return new ValidatorSettings(maxBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxNameLength, clock);
    }

    public ValidatorSettings withClock(Clock clock) {
        return new ValidatorSettings(maxBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxNameLength, clock);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
