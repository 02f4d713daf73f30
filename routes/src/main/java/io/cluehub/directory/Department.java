package io.cluehub.directory;

import java.util.Arrays;
import java.util.Optional;

/** The seven departments of Article 4, with the codes used in office ids (DESIGN.md §2). */
public enum Department {
    CAC("Cyberspace Administration of China"),
    MPS("Ministry of Public Security"),
    MOFCOM("Ministry of Commerce"),
    MCT("Ministry of Culture and Tourism"),
    STA("State Taxation Administration"),
    SAMR("State Administration for Market Regulation"),
    NRTA("National Radio and Television Administration");

    private final String title;

    Department(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public static Optional<Department> fromCode(String code) {
        return Arrays.stream(values()).filter(d -> d.name().equals(code)).findFirst();
    }
}
