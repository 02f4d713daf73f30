package io.cluehub.schemas.validation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Severity of one validation issue, as in HAPI FHIR's {@code ResultSeverityEnum}. */
public enum Severity {
    FATAL,
    ERROR,
    WARNING,
    INFORMATION;

    /** Whether an issue of this severity makes the outcome unsuccessful. */
    public boolean blocks() {
        return this == FATAL || this == ERROR;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
