package io.cluehub.archive.bundle;

import io.cluehub.archive.audit.ArchiveAudit;
import io.cluehub.archive.query.FilterException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/archive/bundles?caseRef=…} (role {@code investigator}): the evidence bundle of a case as a ZIP
 * ({@link EvidenceBundle}), streamed. The request is an audit entry, committed before the first byte is sent; 404 if
 * the archive holds no message of the case.
 */
@RestController
@RequestMapping("/api/v1/archive/bundles")
public class BundleController {

    private final EvidenceBundle bundles;
    private final ArchiveAudit audit;

    public BundleController(EvidenceBundle bundles, ArchiveAudit audit) {
        this.bundles = bundles;
        this.audit = audit;
    }

    @GetMapping
    public ResponseEntity<StreamingResponseBody> bundle(@RequestParam String caseRef, Authentication user) {
        if (caseRef.isBlank() || caseRef.length() > 128) {
            throw new FilterException("caseRef must be 1 to 128 characters");
        }
        ArchiveAudit.Actor actor = ArchiveAudit.Actor.of(user);
        BundlePlan plan = bundles.plan(caseRef, actor.name()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "The archive holds no message of case " + caseRef));
        ObjectNode request = audit.details();
        request.put("caseRef", caseRef);
        ObjectNode outcome = audit.details();
        outcome.put("messages", plan.messages());
        outcome.put("firstSeq", plan.firstSeq());
        outcome.put("lastSeq", plan.lastSeq());
        outcome.put("chainFrom", plan.fromSeq());
        outcome.put("chainTo", plan.toSeq());
        if (plan.anchor() != null) {
            outcome.put("timestampId", plan.anchor().id());
        }
        audit.record(actor, "evidence-bundle", caseRef, request, outcome);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(plan.fileName()).build().toString())
                .body(out -> bundles.write(plan, out));
    }

    @ExceptionHandler(FilterException.class)
    public ProblemDetail badCase(FilterException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
