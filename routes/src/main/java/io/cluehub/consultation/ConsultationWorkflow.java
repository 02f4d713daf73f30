package io.cluehub.consultation;

import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.RejectionException;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.workflow.HubNotices;
import io.cluehub.workflow.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Consultation and adjudication sessions (issue 8). A {@code consultation.request} opens a session (id = its
 * messageId) with its invitees and deadline; each invitee answers once with a {@code consultation.opinion}; the session
 * completes when every invitee has answered (the last opinion's decision carries the convener's
 * {@code consultation.summary}) or its deadline passes ({@link ConsultationDeadlines}); the convener's
 * {@code consultation.decision} closes it. The convener may decide before the session completes: it closes with the
 * invitees who had not answered recorded as such, and no summary is sent. Messages that name no recipients go where
 * the session says: a request to its invitees, an opinion to the convener, a decision to every invitee.
 *
 * <p>Lateness is judged at the time the hub received the message: an opinion received at or after the deadline is
 * refused even before the deadline sweep has completed the session.
 */
@Component
public class ConsultationWorkflow implements Workflow {

    static final String REQUEST = "consultation.request";
    static final String OPINION = "consultation.opinion";
    static final String DECISION = "consultation.decision";

    private final ConsultationStore store;
    private final Directory directory;
    private final ConsultationSummaries summaries;
    private final HubNotices notices;

    public ConsultationWorkflow(ConsultationStore store, Directory directory, ConsultationSummaries summaries,
            HubNotices notices) {
        this.store = store;
        this.directory = directory;
        this.summaries = summaries;
        this.notices = notices;
    }

    @Override
    public boolean follows(String type) {
        return REQUEST.equals(type) || OPINION.equals(type) || DECISION.equals(type);
    }

    @Override
    public Optional<List<String>> recipients(IntakeContext context) {
        return switch (context.type()) {
            case REQUEST -> Optional.of(invitees(context.message()));
            case OPINION -> Optional.of(List.of(session(context).convener()));
            case DECISION -> inReplyTo(context) == null ? Optional.empty()
                    : Optional.of(session(context).invitees().stream().map(ConsultationSession.Invitee::office)
                            .toList());
            default -> Optional.empty();
        };
    }

    @Override
    public void check(IntakeContext context) {
        String sender = context.authenticatedOffice();
        Instant now = context.receivedAt();
        switch (context.type()) {
            case REQUEST -> {
                Optional<ConsultationSession> taken = store.find(context.messageId());
                if (taken.isPresent()) {
                    throw RejectionException.of(IssueCode.CONSULTATION_ID_TAKEN, "/messageId",
                            taken.get().describe(now) + " Use a fresh messageId for a new consultation.");
                }
                List<String> invitees = invitees(context.message());
                for (int i = 0; i < invitees.size(); i++) {
                    if (deliveredTo(invitees.get(i)) == null) {
                        throw RejectionException.of(IssueCode.UNKNOWN_RECIPIENT, "/payload/invitees/" + i,
                                "Invitee '" + invitees.get(i) + "' is not an office of the directory, or neither it "
                                        + "nor any office above it in its department is connected to the hub.");
                    }
                }
            }
            case OPINION -> {
                ConsultationSession session = session(context);
                Optional<ConsultationSession.Invitee> invitee = session.inviteeAnsweredBy(sender);
                if (invitee.isEmpty()) {
                    throw RejectionException.of(IssueCode.CONSULTATION_NOT_INVITED, "/inReplyTo",
                            sender + " is not invited to this consultation. " + session.describe(now));
                }
                if (invitee.get().answered()) {
                    throw RejectionException.of(IssueCode.CONSULTATION_ALREADY_ANSWERED, "/inReplyTo",
                            invitee.get().office() + " already answered with " + invitee.get().opinionMessageId()
                                    + ". " + session.describe(now));
                }
                if (!session.takesOpinions(now)) {
                    throw RejectionException.of(IssueCode.CONSULTATION_COMPLETED, "/inReplyTo",
                            "The consultation takes no more opinions. " + session.describe(now));
                }
            }
            case DECISION -> {
                if (inReplyTo(context) == null) {
                    return;
                }
                ConsultationSession session = session(context);
                if (!session.convener().equals(sender)) {
                    throw RejectionException.of(IssueCode.CONSULTATION_NOT_CONVENER, "/inReplyTo",
                            "Only " + session.convener() + " may decide this consultation. " + session.describe(now));
                }
                if (ConsultationSession.DECIDED.equals(session.status())) {
                    throw RejectionException.of(IssueCode.CONSULTATION_CLOSED, "/inReplyTo",
                            "The consultation is closed. " + session.describe(now));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public List<OutboundMessage> record(IntakeContext context, long seq) {
        String sender = context.authenticatedOffice();
        Instant at = context.receivedAt();
        JsonNode message = context.message();
        switch (context.type()) {
            case REQUEST -> {
                List<ConsultationSession.Invitee> invitees = new ArrayList<>();
                for (String office : invitees(message)) {
                    invitees.add(new ConsultationSession.Invitee(office, deliveredTo(office), null, null, null, null,
                            null));
                }
                // A second request with this id committed meanwhile: the primary key fails the transaction, and the
                // redelivered message is refused by check().
                store.open(new ConsultationSession(context.messageId(), sender, context.caseRef(),
                        message.at("/handling/classification").asString("internal"),
                        OffsetDateTime.parse(message.at("/payload/deadline").asString()).toInstant(), at, seq,
                        ConsultationSession.OPEN, null, null, null, null, null, invitees));
                return List.of();
            }
            case OPINION -> {
                ConsultationSession session = locked(context);
                ConsultationSession.Invitee invitee = session.inviteeAnsweredBy(sender)
                        .filter(i -> !i.answered() && session.takesOpinions(at))
                        .orElseThrow(() -> lostRace(session, at));
                if (!store.answer(session.id(), invitee.office(), sender,
                        message.at("/payload/position").asString(), context.messageId(), seq, at)) {
                    throw lostRace(session, at);
                }
                // Counted under the session's row lock: of two last opinions at once, exactly one sees none left.
                if (session.unanswered() > 1) {
                    return List.of();
                }
                if (!store.complete(session.id(), ConsultationSession.ALL_ANSWERED, at)) {
                    throw lostRace(session, at);
                }
                return notices.outbound(summaries.notice(store.find(session.id()).orElseThrow()));
            }
            case DECISION -> {
                if (inReplyTo(context) == null) {
                    return List.of();
                }
                ConsultationSession session = locked(context);
                if (!session.convener().equals(sender) || !store.decide(session.id(), context.messageId(), seq, at)) {
                    throw lostRace(session, at);
                }
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    /** Not a rejection: the transaction rolls back, the broker redelivers, and check() then refuses properly. */
    private static IllegalStateException lostRace(ConsultationSession session, Instant at) {
        return new IllegalStateException("The consultation changed while this message was decided; it is decided "
                + "again. " + session.describe(at));
    }

    private ConsultationSession locked(IntakeContext context) {
        return store.lock(inReplyTo(context)).orElseThrow(() -> new IllegalStateException(
                "Consultation " + inReplyTo(context) + " vanished while a reply to it was decided"));
    }

    private ConsultationSession session(IntakeContext context) {
        String id = inReplyTo(context);
        return (id == null ? Optional.<ConsultationSession>empty() : store.find(id))
                .orElseThrow(() -> RejectionException.of(IssueCode.CONSULTATION_UNKNOWN, "/inReplyTo",
                        "inReplyTo names " + (id == null ? "nothing" : "'" + id + "'") + ": the hub keeps no "
                                + "consultation session of that id; a " + context.type() + " answers the "
                                + "consultation.request that opened its session."));
    }

    private static String inReplyTo(IntakeContext context) {
        JsonNode id = context.message().get("inReplyTo");
        return id != null && id.isString() ? id.asString() : null;
    }

    private static List<String> invitees(JsonNode message) {
        List<String> invitees = new ArrayList<>();
        message.at("/payload/invitees").forEach(i -> invitees.add(i.asString()));
        return invitees;
    }

    /** The office an invitee's mail goes to: itself, or its nearest connected ancestor; null if none. */
    private String deliveredTo(String invitee) {
        return directory.find(invitee).map(directory::deliveryOfficeOrNull).map(Office::id).orElse(null);
    }
}
