package io.cluehub.schemas.validation;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What reading a body gave: the JSON tree, or {@code null} with the {@link Severity#FATAL} issues that say why the body
 * could not be read ({@code BODY_TOO_LARGE}, {@code ENCODING_INVALID}, {@code JSON_MALFORMED}).
 */
public record ParseResult(JsonNode json, List<Issue> issues) {

    public ParseResult {
        issues = List.copyOf(issues);
    }

    /** Whether the body was read; when {@code false}, {@link #issues()} says why. */
    public boolean readable() {
        return json != null;
    }

    /** The parse failure as an outcome, to answer the sender with. */
    public ValidationOutcome outcome() {
        return ValidationOutcome.of(issues);
    }

    static ParseResult of(JsonNode json) {
        return new ParseResult(json, List.of());
    }

    static ParseResult failed(Issue issue) {
        return new ParseResult(null, List.of(issue));
    }
}
