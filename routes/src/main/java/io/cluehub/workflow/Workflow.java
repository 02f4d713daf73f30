package io.cluehub.workflow;

import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.OutboundMessage;
import java.util.List;
import java.util.Optional;

/**
 * A case workflow the intake consults (issue 8): clue dispositions, consultation sessions, shared lists. The hub keeps
 * each as a first-class object in the database and changes it only with an accepted message, in the decision's own
 * database transaction, so the archive, the outbox and the workflow state commit together.
 *
 * <p>The intake calls, for every accepted message of a type the workflow {@linkplain #follows follows}:
 * <ol>
 * <li>{@link #recipients} when the message names no recipients (a reply goes where the workflow knows);</li>
 * <li>{@link #check} (step {@code apply-workflow}): refuse what the current state does not allow, with a
 * {@link io.cluehub.intake.RejectionException} whose diagnostics name the current state;</li>
 * <li>{@link #record} inside the decision's database transaction, at the message's archive position.</li>
 * </ol>
 * Two hub instances may decide about the same object at once: {@code record} re-checks under a row lock or with a
 * conditional update and, on a lost race, throws an ordinary exception (not a rejection). The database transaction
 * rolls back, the broker redelivers, and {@code check} then sees the winner's state and rejects properly.
 */
public interface Workflow {

    /** Whether this workflow follows messages of {@code type}. */
    boolean follows(String type);

    /** The offices a message that names no recipients goes to, if this workflow knows them. */
    default Optional<List<String>> recipients(IntakeContext context) {
        return Optional.empty();
    }

    /** Refuses a message the workflow's current state does not allow. Runs before the decision, without a lock. */
    default void check(IntakeContext context) {
    }

    /**
     * Records what the accepted message changes, inside the decision's database transaction, and returns what else the
     * hub sends because of it (e.g. a consultation's summary when its last opinion arrives), built with
     * {@link HubNotices#outbound}; they are stored and sent with the decision's own messages.
     */
    default List<OutboundMessage> record(IntakeContext context, long seq) {
        return List.of();
    }
}
