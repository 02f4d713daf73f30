package io.cluehub.archive.retention;

import io.cluehub.archive.audit.ArchiveAudit;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Legal holds and the purge. {@code POST /api/v1/archive/holds} ({@code {"caseRef": "…", "reason": "…"}}) places a
 * hold: 201, or 200 if the case was held already; {@code DELETE /api/v1/archive/holds/{caseRef}} releases it (204, 404
 * if not held); {@code GET /api/v1/archive/holds} lists them with their reasons: roles {@code investigator} or {@code auditor}.
 * {@code POST /api/v1/archive/purges} runs the retention purge now: role {@code auditor}. Each is an audit entry.
 */
@RestController
@RequestMapping("/api/v1/archive")
public class RetentionController {

    private final LegalHolds holds;
    private final Purger purger;
    private final RetentionAudit audit;
    private final Clock clock;

    public RetentionController(LegalHolds holds, Purger purger, RetentionAudit audit, Clock clock) {
        this.holds = holds;
        this.purger = purger;
        this.audit = audit;
        this.clock = clock;
    }

    public record HoldRequest(String caseRef, String reason) {
    }

    @PostMapping("/holds")
    public ResponseEntity<LegalHolds.Hold> place(@RequestBody HoldRequest request, Authentication user) {
        if (request.caseRef() == null || request.caseRef().isBlank() || request.caseRef().length() > 128) {
            throw new IllegalArgumentException("caseRef must be 1 to 128 characters");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 2000) {
            throw new IllegalArgumentException("reason is required (at most 2000 characters): say why the case is held");
        }
        ArchiveAudit.Actor actor = ArchiveAudit.Actor.of(user);
        boolean placed = holds.place(request.caseRef(), clock.instant(), actor.name(), request.reason().strip());
        audit.hold(actor, "legal-hold", request.caseRef(), request.reason().strip(), placed);
        return ResponseEntity.status(placed ? HttpStatus.CREATED : HttpStatus.OK)
                .body(holds.find(request.caseRef()).orElseThrow());
    }

    @DeleteMapping("/holds/{caseRef}")
    public ResponseEntity<Void> release(@PathVariable String caseRef, Authentication user) {
        boolean released = holds.release(caseRef);
        audit.hold(ArchiveAudit.Actor.of(user), "legal-hold-release", caseRef, null, released);
        return released ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /** Every hold with its reason; audited, as the reasons are read in clear. */
    @GetMapping("/holds")
    public List<LegalHolds.Hold> list(Authentication user) {
        List<LegalHolds.Hold> all = holds.all();
        audit.listed(ArchiveAudit.Actor.of(user), all.size());
        return all;
    }

    @PostMapping("/purges")
    public Purger.Report purge(Authentication user) {
        Purger.Report report = purger.purge();
        audit.purged(ArchiveAudit.Actor.of(user), report);
        return report;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail refused(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
