package io.cluehub.lists;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.RejectionException;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.schemas.validation.ValidationOutcome;
import io.cluehub.workflow.HubNotice;
import io.cluehub.workflow.HubNotices;
import io.cluehub.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shared lists as a case workflow (issue 8). Every accepted {@code info.share} is one change of its list: the list's
 * version goes up by one, each entry is added, updated or removed, and the history keeps every change. An entry is
 * identified by (list, owner = the sending office, entryId); an {@code add} without entryId gets
 * {@code <messageId>#<index>} (index from 0 in {@code payload.entries}). Refused ({@link #check}, diagnostics naming
 * the entry's current state): adding an entry that exists in any state ({@code LIST_ENTRY_EXISTS}), changing one the
 * sender has not listed or that is no longer on the list ({@code LIST_ENTRY_UNKNOWN}) or that another office listed
 * ({@code LIST_ENTRY_NOT_OWNER}), naming one entry twice ({@code LIST_ENTRY_REPEATED}).
 *
 * <p>The deliveries of the change to the list's subscribers are the sender's own message, carrying the list's new
 * version in {@link ClueHubHeaders#LIST_VERSION}: {@link #record} takes the list's row lock, assigns the version and sets
 * it as a delivery property of the decision, whose deliveries are built after the workflows recorded (so two instances
 * never give one version twice, and a redelivered decision resends the stored, stamped copies).
 *
 * <p>A {@code list.request} (addressed to the hub, routed to no one) is answered with a {@code list.snapshot} to the
 * requesting office, built in the decision's transaction.
 */
@Component
public class SharedLists implements Workflow {

    static final String INFO_SHARE = "info.share";
    static final String LIST_REQUEST = "list.request";
    static final String LIST_SNAPSHOT = "list.snapshot";

    private final ListStore store;
    private final ListSnapshots snapshots;
    private final HubNotices notices;
    private final ListProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public SharedLists(ListStore store, ListSnapshots snapshots, HubNotices notices, ListProperties properties,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.snapshots = snapshots;
        this.notices = notices;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean follows(String type) {
        return INFO_SHARE.equals(type) || LIST_REQUEST.equals(type);
    }

    @Override
    public void check(IntakeContext context) {
        if (INFO_SHARE.equals(context.type())) {
            List<Issue> issues = problems(context);
            if (!issues.isEmpty()) {
                throw new RejectionException(ValidationOutcome.of(issues));
            }
        }
    }

    @Override
    public List<OutboundMessage> record(IntakeContext context, long seq) {
        if (LIST_REQUEST.equals(context.type())) {
            return List.of(snapshot(context));
        }
        String list = context.message().at("/payload/list").asString();
        long version = store.lockVersion(list) + 1;
        // Under the lock: another instance may have changed the list since check. Fail, and let the broker redeliver.
        List<Issue> issues = problems(context);
        if (!issues.isEmpty()) {
            throw new IllegalStateException("List " + list + " changed while message " + context.messageId()
                    + " was decided: " + issues.get(0).code() + "; the broker redelivers it");
        }
        String action = context.message().at("/payload/action").asString();
        String sender = context.authenticatedOffice();
        Instant now = clock.instant();
        JsonNode entries = context.message().at("/payload/entries");
        for (int i = 0; i < entries.size(); i++) {
            ObjectNode entry = (ObjectNode) entries.get(i).deepCopy();
            String entryId = entryId(context, action, i);
            if ("remove".equals(action)) {
                store.remove(list, sender, entryId, version, context.messageId(), seq, now);
            } else {
                entry.put("entryId", entryId);
                String effectiveTo = entry.path("effectiveTo").asString(null);
                store.put(list, sender, entryId, version, effectiveTo, expiresAt(effectiveTo),
                        entry.at("/jurisdiction/divisionCode").asString(null), json.writeValueAsString(entry),
                        context.messageId(), seq, now, "add".equals(action));
            }
            store.history(list, version, sender, entryId, action, context.messageId(), seq, now,
                    json.writeValueAsString(entry));
        }
        store.bump(list, version - 1, version, now);
        context.deliveryProperty(ClueHubHeaders.LIST_VERSION, Long.toString(version));
        return List.of();
    }

    /** The instant an entry drops out: the start of the day after its effectiveTo, in the configured zone. */
    Instant expiresAt(String effectiveTo) {
        if (effectiveTo == null) {
            return null;
        }
        try {
            return LocalDate.parse(effectiveTo).plusDays(1).atStartOfDay(properties.zone()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // the schema refuses such a date; nothing to expire
        }
    }

    private static String entryId(IntakeContext context, String action, int index) {
        JsonNode id = context.message().at("/payload/entries/" + index + "/entryId");
        if (id.isString()) {
            return id.asString();
        }
        return "add".equals(action) ? context.messageId() + "#" + index : null;
    }

    /** What the list's current state refuses in this info.share, one issue per entry. */
    private List<Issue> problems(IntakeContext context) {
        JsonNode payload = context.message().path("payload");
        String list = payload.path("list").asString();
        String action = payload.path("action").asString();
        String sender = context.authenticatedOffice();
        List<Issue> issues = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonNode entries = payload.path("entries");
        for (int i = 0; i < entries.size(); i++) {
            String location = "/payload/entries/" + i + "/entryId";
            String entryId = entryId(context, action, i);
            if (entryId == null) {
                issues.add(Issue.error(IssueCode.LIST_ENTRY_UNKNOWN, location, "An " + action
                        + " must name the entryId of the entry it changes."));
                continue;
            }
            if (!seen.add(entryId)) {
                issues.add(Issue.error(IssueCode.LIST_ENTRY_REPEATED, location, "Entry '" + entryId
                        + "' is named more than once in this message; send one change per entry."));
                continue;
            }
            Optional<ListStore.EntryState> own = store.state(list, sender, entryId);
            if ("add".equals(action)) {
                own.ifPresent(state -> issues.add(Issue.error(IssueCode.LIST_ENTRY_EXISTS, location,
                        "Entry '" + entryId + "' of " + list + " by " + sender + " already exists: " + describe(state)
                                + ". Use action 'update' to change it, or a new entryId to list the subject again.")));
            } else if (own.isPresent() && !ListStore.ACTIVE.equals(own.get().state())) {
                issues.add(Issue.error(IssueCode.LIST_ENTRY_UNKNOWN, location, "Entry '" + entryId + "' of " + list
                        + " by " + sender + " is no longer on the list: " + describe(own.get()) + "."));
            } else if (own.isEmpty()) {
                List<ListStore.EntryState> others = store.othersWithId(list, sender, entryId);
                if (!others.isEmpty()) {
                    ListStore.EntryState other = others.get(0);
                    issues.add(Issue.error(IssueCode.LIST_ENTRY_NOT_OWNER, location, "Entry '" + entryId + "' of "
                            + list + " belongs to " + other.owner() + " (" + describe(other) + "); only "
                            + other.owner() + " may " + action + " it."));
                } else {
                    issues.add(Issue.error(IssueCode.LIST_ENTRY_UNKNOWN, location, sender + " has no entry '"
                            + entryId + "' on " + list + " (list version " + store.version(list) + ")."));
                }
            }
        }
        return issues;
    }

    private static String describe(ListStore.EntryState state) {
        return state.state() + " since list version " + state.version();
    }

    private OutboundMessage snapshotMessage(ObjectNode payload, IntakeContext context) {
        String sender = context.authenticatedOffice();
        List<OutboundMessage> out = notices.outbound(new HubNotice(LIST_SNAPSHOT,
                "list-snapshot:" + sender + "/" + context.messageId(), List.of(sender), null, context.messageId(),
                "sensitive", payload));
        if (out.size() != 1) {
            throw new IllegalStateException("A snapshot goes to its requester alone, not to " + out.size());
        }
        return out.get(0);
    }

    private OutboundMessage snapshot(IntakeContext context) {
        JsonNode payload = context.message().path("payload");
        String after = payload.path("after").asString(null);
        ListPage page = snapshots.pageInTransaction(payload.path("list").asString(), after, properties.pageSize(),
                properties.pageBytes());
        return snapshotMessage(json.valueToTree(page), context);
    }
}
