package io.cluehub.archive.audit;

import io.cluehub.archive.ArchiveDraft;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every use of the archive's contents is itself an archive entry (kind {@code audit}): who (the authenticated user and
 * roles), what ({@code action}, e.g. {@code archive-query}, with its details: the filter, with subject identifiers as
 * HMACs only), and the outcome (how many hits). Appended in a database transaction of its own, so it is on the chain
 * whatever the caller's transaction does; an answer is given only once its audit entry is committed, so no read goes
 * unrecorded.
 *
 * <p>The entry's {@code message_type} is {@code audit.<action>}, its {@code case_ref} the case it concerned (if one),
 * its {@code decision} the JSON record, and its {@code raw_sha256} the SHA-256 of that JSON (it has no raw body).
 * Investigators list them with {@code GET /api/v1/archive/messages?kind=audit}.
 */
@Component
public class ArchiveAudit {

    public static final String STATUS = "recorded";
    public static final String TYPE_PREFIX = "audit.";

    private final ArchiveStore archive;
    private final TransactionTemplate ownTransaction;
    private final JsonMapper json;
    private final Clock clock;

    public ArchiveAudit(ArchiveStore archive, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
        this.archive = archive;
        this.json = json;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Who did it: a user and the roles they acted in. */
    public record Actor(String name, List<String> roles) {

        public static Actor of(Authentication authentication) {
            if (authentication == null) {
                return new Actor("anonymous", List.of());
            }
            return new Actor(authentication.getName(), authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).map(a -> a.startsWith("ROLE_") ? a.substring(5) : a)
                    .sorted().toList());
        }

        /** Someone at the command line, with database access and no REST account. */
        public static Actor commandLine(String command) {
            return new Actor(System.getProperty("user.name", "?") + "@command-line", List.of(command));
        }
    }

    /** A fresh JSON object for the details of an action. */
    public ObjectNode details() {
        return json.createObjectNode();
    }

    /**
     * Appends the audit entry of one action and returns it.
     *
     * @param caseRef the case the action concerned, or null
     * @param details what was asked (never clear identity numbers, names or phones: their HMACs)
     * @param outcome what came of it (hits, counts, ids)
     */
    public ArchiveEntry record(Actor actor, String action, String caseRef, ObjectNode details, ObjectNode outcome) {
        ObjectNode record = json.createObjectNode();
        record.put("action", action);
        ObjectNode who = record.putObject("who");
        who.put("user", actor.name());
        ArrayNode roles = who.putArray("roles");
        actor.roles().forEach(roles::add);
        record.set("request", details == null ? json.createObjectNode() : details);
        record.set("outcome", outcome == null ? json.createObjectNode() : outcome);
        String text = json.writeValueAsString(record);
        ArchiveDraft draft = new ArchiveDraft(clock.instant(), ArchiveEntry.KIND_AUDIT, STATUS, null, null,
                TYPE_PREFIX + action, caseRef != null && caseRef.length() <= 128 ? caseRef : null, null, null,
                ArchiveEntry.sha256Hex(text.getBytes(StandardCharsets.UTF_8)), null, text);
        return ownTransaction.execute(status -> archive.append(draft));
    }
}
