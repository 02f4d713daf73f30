package io.cluehub.disposition;

import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.disposition.DispositionStore.Overdue;
import io.cluehub.workflow.HubNotice;
import io.cluehub.workflow.HubNotices;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Overdue clues: for each disposition whose acknowledge or decide deadline has passed unmet, once per deadline, a
 * {@code clue.reminder} to the recipient (copy {@code reminder}) and one to the parent office of the office that holds
 * the copy and to the clue's originator (copy {@code notice}). Each deadline is claimed with a conditional update in the
 * transaction that emits its notices ({@link HubNotices#emit}), so two hub instances, or a sweep after a restart, never
 * remind twice; a deadline that passed while the hub was down is found by the first sweep after it starts.
 */
@Component
public class DispositionDeadlines {

    static final String CLUE_REMINDER = "clue.reminder";
    private static final Logger LOG = LoggerFactory.getLogger(DispositionDeadlines.class);
    private static final int BATCH = 100;

    private final DispositionStore store;
    private final HubNotices notices;
    private final TransactionTemplate databaseTransaction;
    private final Directory directory;
    private final JsonMapper json;
    private final Clock clock;

    public DispositionDeadlines(DispositionStore store, HubNotices notices, TransactionTemplate databaseTransaction,
            Directory directory, JsonMapper json, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.databaseTransaction = databaseTransaction;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
    }

    /** Reminds of every deadline passed and not yet reminded of; returns how many deadlines it reminded of. */
    public int sweep() {
        int reminded = 0;
        Instant now = clock.instant();
        for (Overdue overdue : store.overdue(now, BATCH)) {
            Boolean done = databaseTransaction.execute(status -> {
                if (!store.claimReminder(overdue, now)) {
                    return false; // met meanwhile, or another instance reminded
                }
                remind(overdue);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                reminded++;
                LOG.info("Clue {} from {} overdue at {} ({} deadline): reminder and notices sent",
                        overdue.disposition().clueId(), overdue.disposition().clueSender(),
                        overdue.disposition().recipient(), overdue.deadline().json());
            }
        }
        return reminded;
    }

    private void remind(Overdue overdue) {
        Disposition d = overdue.disposition();
        String key = "clue-overdue:" + overdue.deadline().json() + ":" + d.clueSender() + "/" + d.clueId() + ":"
                + d.recipient();
        notices.emit(new HubNotice(CLUE_REMINDER, key + ":reminder", List.of(d.recipient()), d.caseRef(),
                d.clueId(), null, payload(overdue, "reminder")));
        Set<String> told = new LinkedHashSet<>();
        directory.find(d.deliveredTo()).map(Office::parentId).ifPresent(told::add);
        told.add(d.clueSender());
        told.remove(d.recipient());
        if (!told.isEmpty()) {
            notices.emit(new HubNotice(CLUE_REMINDER, key + ":notice", List.copyOf(told), d.caseRef(), d.clueId(),
                    null, payload(overdue, "notice")));
        }
    }

    private ObjectNode payload(Overdue overdue, String copy) {
        Disposition d = overdue.disposition();
        ObjectNode payload = json.createObjectNode();
        ObjectNode clue = payload.putObject("clue");
        clue.put("messageId", d.clueId());
        clue.put("sender", d.clueSender());
        if (d.caseRef() != null) {
            clue.put("caseRef", d.caseRef());
        }
        payload.put("recipient", d.recipient());
        payload.put("deliveredTo", d.deliveredTo());
        payload.put("state", d.state().json());
        payload.put("deadline", overdue.deadline().json());
        payload.put("dueAt", d.due(overdue.deadline()).toString());
        payload.put("copy", copy);
        return payload;
    }
}
