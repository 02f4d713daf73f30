package io.cluehub.schemas.validation;

import java.util.List;

/**
 * The result of validating one message, shaped after HAPI FHIR's {@code ValidationResult}: successful unless an issue
 * is {@link Severity#ERROR} or {@link Severity#FATAL}. It serialises with Jackson to
 * {@code {"successful":false,"issues":[{"severity":"error","code":"SCHEMA_REQUIRED","location":"/payload","diagnostics":"…"}]}},
 * the same in rejection receipts and in REST problem details.
 */
public record ValidationOutcome(boolean successful, List<Issue> issues) {

    public ValidationOutcome {
        issues = List.copyOf(issues);
    }

    public static ValidationOutcome of(List<Issue> issues) {
        return new ValidationOutcome(issues.stream().noneMatch(i -> i.severity().blocks()), issues);
    }

    public static ValidationOutcome ok() {
        return new ValidationOutcome(true, List.of());
    }

    /** The first blocking issue, which names the rejection; {@code null} when successful. */
    public Issue firstBlocking() {
        return issues.stream().filter(i -> i.severity().blocks()).findFirst().orElse(null);
    }
}
