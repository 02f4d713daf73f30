package io.cluehub.schemas.validation;

import java.util.Objects;

/**
 * One finding about a message: how bad it is, a stable machine-readable code, where it is (a JSON Pointer into the
 * message as the sender sent it, {@code ""} for the whole message) and a sentence for the integrator who must fix it.
 */
public record Issue(Severity severity, IssueCode code, String location, String diagnostics) {

    public Issue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        location = location == null ? "" : location;
        Objects.requireNonNull(diagnostics, "diagnostics");
    }

    public static Issue error(IssueCode code, String location, String diagnostics) {
        return new Issue(Severity.ERROR, code, location, diagnostics);
    }

    public static Issue fatal(IssueCode code, String location, String diagnostics) {
        return new Issue(Severity.FATAL, code, location, diagnostics);
    }

    public static Issue warning(IssueCode code, String location, String diagnostics) {
        return new Issue(Severity.WARNING, code, location, diagnostics);
    }

    public static Issue information(IssueCode code, String location, String diagnostics) {
        return new Issue(Severity.INFORMATION, code, location, diagnostics);
    }
}
