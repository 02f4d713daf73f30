package io.cluehub.consultation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One consultation session: convened by {@code convener} with a {@code consultation.request} (whose messageId is the
 * session's {@code id}), {@code open} until every invitee answered or the deadline passed ({@code completed}), and
 * {@code decided} once the convener's {@code consultation.decision} closed it.
 */
public record ConsultationSession(String id, String convener, String caseRef, String classification, Instant deadline,
        Instant openedAt, long requestSeq, String status, String completedBecause, Instant completedAt,
        String decisionMessageId, Long decisionSeq, Instant decidedAt, List<Invitee> invitees) {

    public static final String OPEN = "open";
    public static final String COMPLETED = "completed";
    public static final String DECIDED = "decided";
    public static final String ALL_ANSWERED = "all-answered";
    public static final String DEADLINE_PASSED = "deadline-passed";

    /** An invitee, the office its mail goes to, and its answer once given ({@code answeredBy} the office that sent it). */
    public record Invitee(String office, String deliveredTo, String answeredBy, String position,
            String opinionMessageId, Long opinionSeq, Instant answeredAt) {

        public boolean answered() {
            return opinionMessageId != null;
        }
    }

    public ConsultationSession {
        invitees = List.copyOf(invitees);
    }

    ConsultationSession withInvitees(List<Invitee> invitees) {
        return new ConsultationSession(id, convener, caseRef, classification, deadline, openedAt, requestSeq, status,
                completedBecause, completedAt, decisionMessageId, decisionSeq, decidedAt, invitees);
    }

    /** Whether the session still takes opinions at {@code now}: open, and its deadline not passed. */
    public boolean takesOpinions(Instant now) {
        return OPEN.equals(status) && now.isBefore(deadline);
    }

    /**
     * The invitee an opinion from {@code office} answers for: the invitee itself, else the first unanswered (then the
     * first) invitee whose mail was delivered to {@code office} (an unconnected invitee answering through the office
     * that received its mail).
     */
    public Optional<Invitee> inviteeAnsweredBy(String office) {
        for (Invitee invitee : invitees) {
            if (invitee.office().equals(office)) {
                return Optional.of(invitee);
            }
        }
        Invitee answered = null;
        for (Invitee invitee : invitees) {
            if (invitee.deliveredTo().equals(office)) {
                if (!invitee.answered()) {
                    return Optional.of(invitee);
                }
                if (answered == null) {
                    answered = invitee;
                }
            }
        }
        return Optional.ofNullable(answered);
    }

    /** Whether {@code office} is the convener or an invitee, or receives an invitee's mail. */
    public boolean party(String office) {
        return convener.equals(office)
                || invitees.stream().anyMatch(i -> i.office().equals(office) || i.deliveredTo().equals(office));
    }

    public long unanswered() {
        return invitees.stream().filter(i -> !i.answered()).count();
    }

    /** The session's state in words, for rejection diagnostics. */
    public String describe(Instant now) {
        long answered = invitees.size() - unanswered();
        String state = switch (status) {
            case OPEN -> now.isBefore(deadline) ? "open until " + deadline
                    : "open past its deadline " + deadline + " (completing)";
            case COMPLETED -> "completed (" + completedBecause + ") at " + completedAt;
            case DECIDED -> "decided by " + decisionMessageId + " at " + decidedAt;
            default -> status;
        };
        return "Consultation " + id + " of " + convener + " is " + state + "; " + answered + " of " + invitees.size()
                + " invitees answered.";
    }
}
