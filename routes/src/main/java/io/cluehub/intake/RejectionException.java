package io.cluehub.intake;

import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.util.List;

/**
 * A message the hub refuses for what it is, not for a fault of the hub's: it is archived with its reason, answered
 * with a rejected receipt and parked on {@code hub.rejected}; never retried. The outcome names the stable code.
 */
public class RejectionException extends RuntimeException {

    private final ValidationOutcome outcome;

    public RejectionException(ValidationOutcome outcome) {
        super(describe(outcome));
        this.outcome = outcome;
    }

    public static RejectionException of(IssueCode code, String location, String diagnostics) {
        return new RejectionException(ValidationOutcome.of(List.of(Issue.error(code, location, diagnostics))));
    }

    public ValidationOutcome outcome() {
        return outcome;
    }

    /** The code of the first blocking issue: the one the archive and the parked message carry. */
    public IssueCode code() {
        Issue first = outcome.firstBlocking();
        return first == null ? IssueCode.INTERNAL_ERROR : first.code();
    }

    private static String describe(ValidationOutcome outcome) {
        Issue first = outcome.firstBlocking();
        return first == null ? "rejected" : first.code() + " at '" + first.location() + "'";
    }

    // The stack trace says nothing about the sender's message; rejections are frequent and expected.
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
