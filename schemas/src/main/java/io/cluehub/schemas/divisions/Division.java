package io.cluehub.schemas.divisions;

import java.util.Objects;

/**
 * One GB/T 2260 administrative division: its six-digit code, its Chinese name as published, its level, and the code
 * of the division it belongs to ({@code null} for provinces).
 */
public record Division(String code, String name, Level level, String parentCode) {

    /** The three levels of GB/T 2260 codes. */
    public enum Level {
        PROVINCE,
        CITY,
        COUNTY
    }

    public Division {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        if (level == Level.PROVINCE && parentCode != null) {
            throw new IllegalArgumentException("a province has no parent: " + code);
        }
        if (level != Level.PROVINCE && parentCode == null) {
            throw new IllegalArgumentException("a " + level + " needs a parent: " + code);
        }
    }
}
