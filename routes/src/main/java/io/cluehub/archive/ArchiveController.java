package io.cluehub.archive;

import io.cluehub.archive.audit.ArchiveAudit;
import io.cluehub.archive.query.ArchiveFilter;
import io.cluehub.archive.query.ArchiveHit;
import io.cluehub.archive.query.ArchiveHits;
import io.cluehub.archive.query.ArchiveSearch;
import io.cluehub.archive.query.FilterException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Investigators query the archive (role {@code investigator}): {@code GET /api/v1/archive/messages} with any of the
 * filters of {@link ArchiveFilter} (case, subject by credit code or identity number, office as sender or recipient,
 * type, time range, status; also the exact {@code sender}+{@code messageId} and {@code rawSha256} lookups), newest
 * first, {@code limit} hits a page (20 by default, at most 100) and {@code before=<nextBefore>} for the next page.
 * Each hit carries the exact bytes received, the decision, its chain position and its delivery history.
 *
 * <p>Every query is an audit entry on the chain (who, the filter with subject terms as HMACs, how many hits and which),
 * committed before the answer is sent.
 */
@RestController
@RequestMapping("/api/v1/archive")
public class ArchiveController {

    private static final int DEFAULT_PAGE = 20;

    private final ArchiveSearch search;
    private final ArchiveHits hits;
    private final ArchiveAudit audit;

    public ArchiveController(ArchiveSearch search, ArchiveHits hits, ArchiveAudit audit) {
        this.search = search;
        this.hits = hits;
        this.audit = audit;
    }

    /** One page of hits, newest first; {@code nextBefore} asks for the next page, null on the last. */
    public record Page(List<ArchiveHit> items, Long nextBefore) {
    }

    @GetMapping("/messages")
    public Page messages(@RequestParam(required = false) String caseRef,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String subjectName,
            @RequestParam(required = false) String subjectPhone,
            @RequestParam(required = false) String office,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String messageId,
            @RequestParam(required = false) String rawSha256,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> kind,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE) int limit,
            Authentication user) {
        ArchiveFilter filter = new ArchiveFilter(caseRef, subject, subjectName, subjectPhone, office, sender, messageId,
                rawSha256, type, status, from, to, kind).validate();
        int size = Math.max(1, Math.min(limit, ArchiveSearch.MAX_PAGE));
        List<ArchiveEntry> entries = search.newest(filter, before, size);
        Long nextBefore = entries.size() == size ? entries.get(size - 1).seq() : null;
        Page page = new Page(hits.of(entries), nextBefore);

        ObjectNode request = audit.details();
        filter.describe(request.putObject("filter"), search.archive().subjects());
        if (before != null) {
            request.put("before", before);
        }
        request.put("limit", size);
        ObjectNode outcome = audit.details();
        outcome.put("hits", entries.size());
        ArrayNode seqs = outcome.putArray("seqs");
        entries.forEach(e -> seqs.add(e.seq()));
        if (nextBefore != null) {
            outcome.put("nextBefore", nextBefore);
        }
        audit.record(ArchiveAudit.Actor.of(user), "archive-query", caseRef, request, outcome);
        return page;
    }

    @ExceptionHandler(FilterException.class)
    public ProblemDetail badFilter(FilterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad archive filter");
        return problem;
    }
}
