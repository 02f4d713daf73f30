package io.cluehub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals as RFC 9457 problem documents: 401 (no or bad credentials, with the
 * {@code WWW-Authenticate} challenge of HTTP Basic, and of bearer tokens when they are accepted) and 403 (the caller's
 * role may not use the path).
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;
    private final boolean bearer;

    public ProblemSecurityHandlers(JsonMapper json, boolean bearer) {
        this.json = json;
        this.bearer = bearer;
    }

    static ProblemDetail unauthorized() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Authenticate with HTTP Basic (demo users) or a bearer token.");
        problem.setTitle("Unauthorized");
        return problem;
    }

    static ProblemDetail forbidden() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Your role may not use this path.");
        problem.setTitle("Forbidden");
        return problem;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (response.isCommitted()) {
            return; // answered already (the Basic filter and the exception translation may both call in)
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Clue Hub\"");
        if (bearer) {
            response.addHeader("WWW-Authenticate", "Bearer");
        }
        write(request, response, unauthorized());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, forbidden());
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        var body = json.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        response.getOutputStream().write(json.writeValueAsBytes(body));
        // Committed now: nothing after this (a container error page) replaces the problem document.
        response.flushBuffer();
    }
}
