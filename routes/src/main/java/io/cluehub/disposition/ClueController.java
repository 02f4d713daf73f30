package io.cluehub.disposition;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.disposition.DispositionStore.Event;
import io.cluehub.web.CallerOffice;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A clue's disposition timeline per recipient. Overseers (investigator, auditor, operator) read every clue; an office
 * reads only clues it is party to (originator, recipient, the office that received a recipient's copy, or the office
 * that referred it); anyone else gets 404, as for a clue that does not exist.
 */
@RestController
@RequestMapping("/api/v1/clues")
public class ClueController {

    private final DispositionStore store;
    private final ArchiveStore archive;
    private final CallerOffice callers;
    private final JsonMapper json;
    private final Clock clock;

    public ClueController(DispositionStore store, ArchiveStore archive, CallerOffice callers, JsonMapper json,
            Clock clock) {
        this.store = store;
        this.archive = archive;
        this.callers = callers;
        this.json = json;
        this.clock = clock;
    }

    /** {@code sender} picks the clue when two offices used the same messageId; without it, the first one readable. */
    @GetMapping("/{messageId}")
    public ClueTimeline timeline(@PathVariable String messageId, @RequestParam(required = false) String sender,
            Authentication caller) {
        List<Disposition> all = store.ofClue(messageId);
        boolean oversees = callers.oversees(caller);
        Optional<String> office = callers.office(caller);
        String clueSender = all.stream().map(Disposition::clueSender)
                .filter(s -> sender == null || s.equals(sender))
                .filter(s -> oversees || office.isPresent() && party(all, s, office.get()))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No clue " + messageId));
        Instant now = clock.instant();
        List<ClueTimeline.Recipient> recipients = new ArrayList<>();
        String caseRef = null;
        for (Disposition d : all) {
            if (!d.clueSender().equals(clueSender)) {
                continue;
            }
            caseRef = d.caseRef();
            List<ClueTimeline.Step> steps = new ArrayList<>();
            for (Event e : store.events(d)) {
                steps.add(step(d, e));
            }
            List<String> overdue = d.overdue(now).stream().map(Deadline::json).toList();
            recipients.add(new ClueTimeline.Recipient(d.recipient(), d.deliveredTo(), d.referredFrom(),
                    d.state().json(), text(d.deliveredAt()), text(d.acknowledgeDue()), text(d.decideDue()),
                    text(d.acknowledgedAt()), text(d.decidedAt()), !overdue.isEmpty(), overdue, steps));
        }
        return new ClueTimeline(messageId, clueSender, caseRef, recipients);
    }

    private static boolean party(List<Disposition> all, String clueSender, String office) {
        if (clueSender.equals(office)) {
            return true;
        }
        return all.stream().filter(d -> d.clueSender().equals(clueSender)).anyMatch(d -> office.equals(d.recipient())
                || office.equals(d.deliveredTo()) || office.equals(d.referredFrom()));
    }

    private ClueTimeline.Step step(Disposition d, Event e) {
        String reason = null;
        JsonNode result = null;
        // The status's own words live in the archive only (sealed there); step 0 is the delivery, nothing to add.
        if (e.step() > 0) {
            JsonNode payload = archive.entryAt(e.archiveSeq()).filter(a -> !a.purged())
                    .map(ArchiveEntry::canonicalMessage).map(json::readTree).map(m -> m.path("payload")).orElse(null);
            if (payload != null) {
                reason = payload.path("reason").asString(null);
                result = payload.has("result") ? payload.get("result") : null;
            }
        }
        return new ClueTimeline.Step(e.state().json(), text(e.at()), e.messageId(), e.archiveSeq(), reason,
                e.referredTo(), result);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
