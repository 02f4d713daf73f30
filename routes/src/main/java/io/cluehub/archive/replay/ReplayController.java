package io.cluehub.archive.replay;

import io.cluehub.archive.audit.ArchiveAudit;
import io.cluehub.archive.query.FilterException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Investigators replay archived messages (role {@code investigator}): {@code POST /api/v1/replays} with
 * {@code {"filter": {…}, "target": "CAC-330100", "reason": "…", "legalBasis": "…"}} answers 202 with the replay and
 * its {@code Location}; {@code GET /api/v1/replays/{id}} shows its progress. With {@code "dryRun": true} the answer is
 * the dry-run report (200), and nothing is sent. 400 with the reason for a request the hub refuses.
 */
@RestController
@RequestMapping("/api/v1/replays")
public class ReplayController {

    private final ReplayService service;
    private final ReplayStore replays;

    public ReplayController(ReplayService service, ReplayStore replays) {
        this.service = service;
        this.replays = replays;
    }

    @PostMapping
    public ResponseEntity<?> create(@RequestBody ReplayRequest request, Authentication user) {
        ArchiveAudit.Actor actor = ArchiveAudit.Actor.of(user);
        if (request.isDryRun()) {
            return ResponseEntity.ok(service.dryRun(request, actor));
        }
        Replay replay = service.replay(request, actor);
        return ResponseEntity.accepted().location(URI.create("/api/v1/replays/" + replay.id())).body(replay);
    }

    @GetMapping("/{id}")
    public Replay progress(@PathVariable String id) {
        return replays.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No replay " + id));
    }

    @ExceptionHandler({ReplayException.class, FilterException.class})
    public ProblemDetail refused(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Replay refused");
        return problem;
    }
}
