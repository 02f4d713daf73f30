package io.cluehub.api;

import jakarta.jms.JMSException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The caller office's inbox (roles {@code agency-system}, {@code case-officer}); there is no way to name another
 * office's. {@code GET /api/v1/inbox?limit=&after=} lists it oldest first, {@code limit} items a page (20 by default,
 * at most 100), {@code after=<next>} for the next page; {@code POST /api/v1/inbox/{deliveryId}/ack} (or
 * {@code DELETE /api/v1/inbox/{deliveryId}}) removes one message: 204, or 404 if it is not in the caller's inbox.
 */
@RestController
@RequestMapping("/api/v1/inbox")
public class InboxController {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final Inboxes inboxes;
    private final ApiCaller callers;

    public InboxController(Inboxes inboxes, ApiCaller callers) {
        this.inboxes = inboxes;
        this.callers = callers;
    }

    @GetMapping
    public InboxPage list(@RequestParam(defaultValue = "" + DEFAULT_PAGE) int limit,
            @RequestParam(defaultValue = "-1") long after, Authentication caller) throws JMSException {
        return inboxes.list(callers.office(caller), after, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    @PostMapping("/{deliveryId}/ack")
    public ResponseEntity<Void> acknowledge(@PathVariable String deliveryId, Authentication caller)
            throws JMSException {
        String office = callers.office(caller);
        if (!inboxes.acknowledge(office, deliveryId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "No message " + deliveryId + " in the inbox of " + office);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{deliveryId}")
    public ResponseEntity<Void> remove(@PathVariable String deliveryId, Authentication caller) throws JMSException {
        return acknowledge(deliveryId, caller);
    }
}
