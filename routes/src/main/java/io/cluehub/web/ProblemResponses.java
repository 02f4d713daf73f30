package io.cluehub.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a controller ends with is an RFC 9457 {@code application/problem+json} document with {@code type},
 * {@code title}, {@code status}, {@code detail} and {@code instance} (the request path, filled in by Spring MVC): Spring
 * MVC's own exceptions (400 bad parameter or body, 404 no such path, 405, 415, ...) through
 * {@link ResponseEntityExceptionHandler}, a {@code ResponseStatusException} or {@code ErrorResponseException} with its
 * own status and properties (the submit endpoint's 422 carries {@code issues}), and anything else as a 500 that says
 * nothing of the hub's internals. 401 and 403 before a controller runs come from {@link ProblemSecurityHandlers}.
 * Controllers' own {@code @ExceptionHandler}s (archive filters, replays) still win: they return problem documents too.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final java.net.URI ABOUT_BLANK = java.net.URI.create("about:blank");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    /** Every problem has a title: the status's reason phrase unless the handler named one. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> createResponseEntity(Object body,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getTitle() == null || problem.getTitle().isBlank())) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        }
        if (body instanceof ProblemDetail problem && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            problem.setType(ABOUT_BLANK); // written out, not left implicit
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ProblemDetail denied(AccessDeniedException e) {
        return ProblemSecurityHandlers.forbidden();
    }

    @ExceptionHandler(AuthenticationException.class)
    public ProblemDetail unauthenticated(AuthenticationException e) {
        return ProblemSecurityHandlers.unauthorized();
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail failed(Exception e) {
        LOG.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The hub could not complete the request. Nothing was decided unless a receipt says so: it is safe to"
                        + " send the same request again.");
        problem.setTitle("Internal error");
        return problem;
    }
}
