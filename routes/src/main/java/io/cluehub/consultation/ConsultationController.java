package io.cluehub.consultation;

import io.cluehub.web.CallerOffice;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/consultations/{id}}: a consultation session (id = the messageId of its request). Overseers read
 * every session; an office reads the sessions it convened, was invited to, or received an invitee's mail for; anyone
 * else gets 404, as for a session that does not exist.
 */
@RestController
@RequestMapping("/api/v1/consultations")
public class ConsultationController {

    /** The session as the API shows it. */
    public record ConsultationView(String id, String convener, String caseRef, Instant openedAt, Instant deadline,
            String status, String completedBecause, Instant completedAt, String summaryMessageId,
            String decisionMessageId, Instant decidedAt, List<InviteeView> invitees) {
    }

    /** One invitee: the office its mail was delivered to, and its answer. */
    public record InviteeView(String office, String deliveredTo, boolean answered, String answeredBy, String position,
            String opinionMessageId, Instant answeredAt) {
    }

    private final ConsultationStore store;
    private final CallerOffice callers;

    public ConsultationController(ConsultationStore store, CallerOffice callers) {
        this.store = store;
        this.callers = callers;
    }

    @GetMapping("/{id}")
    public ConsultationView get(@PathVariable String id, Authentication caller) {
        ConsultationSession session = store.find(id)
                .filter(s -> callers.oversees(caller) || callers.office(caller).filter(s::party).isPresent())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No consultation " + id));
        return view(session);
    }

    static ConsultationView view(ConsultationSession s) {
        List<InviteeView> invitees = s.invitees().stream().map(i -> new InviteeView(i.office(), i.deliveredTo(),
                i.answered(), i.answeredBy(), i.position(), i.opinionMessageId(), i.answeredAt())).toList();
        return new ConsultationView(s.id(), s.convener(), s.caseRef(), s.openedAt(), s.deadline(), s.status(),
                s.completedBecause(), s.completedAt(),
                s.completedBecause() == null ? null : ConsultationSummaries.messageId(s.id()),
                s.decisionMessageId(), s.decidedAt(), invitees);
    }
}
