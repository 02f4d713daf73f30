package io.cluehub.disposition;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.disposition.DispositionStore.Disposition;
import io.cluehub.handling.HandlingRules;
import io.cluehub.handling.OnwardSharing;
import io.cluehub.intake.Delivery;
import io.cluehub.intake.DeliveryFactory;
import io.cluehub.intake.DuplicateIds;
import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.OutboundMapping;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.RejectionException;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.signature.HubSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clue disposition (issue 8), the {@link io.cluehub.workflow.Workflow} of {@code clue.transfer} and {@code clue.status}.
 * Every accepted clue opens one disposition per delivery, in state {@code delivered}, with its acknowledge and decide
 * deadlines ({@link DispositionProperties}). A {@code clue.status} ({@code inReplyTo} = the clue's messageId) from the
 * office that received a copy moves that copy's disposition along {@link DispositionState}'s graph; one from any other
 * office is {@code CLUE_UNKNOWN}, an impossible move {@code STATUS_TRANSITION_INVALID} naming the current state and the
 * allowed next ones. A status that names no recipients goes to the clue's originator (and to the office that referred
 * the clue, if it was referred). A referral delivers the archived clue to the referred office in the status's decision,
 * under the case's handling rules, and tracks it the same way.
 */
@Component
public class ClueDisposition implements io.cluehub.workflow.Workflow {

    static final String CLUE_TRANSFER = "clue.transfer";
    static final String CLUE_STATUS = "clue.status";

    private final DispositionStore store;
    private final DispositionProperties properties;
    private final Directory directory;
    private final HandlingRules handlingRules;
    private final ArchiveStore archive;
    private final OutboundMapping mapping;
    private final DeliveryFactory deliveries;
    private final JsonMapper json;

    public ClueDisposition(DispositionStore store, DispositionProperties properties, Directory directory,
            HandlingRules handlingRules, ArchiveStore archive, OutboundMapping mapping, DeliveryFactory deliveries,
            JsonMapper json) {
        this.store = store;
        this.properties = properties;
        this.directory = directory;
        this.handlingRules = handlingRules;
        this.archive = archive;
        this.mapping = mapping;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Override
    public boolean follows(String type) {
        return CLUE_TRANSFER.equals(type) || CLUE_STATUS.equals(type);
    }

    @Override
    public Optional<List<String>> recipients(IntakeContext context) {
        if (!CLUE_STATUS.equals(context.type())) {
            return Optional.empty();
        }
        Set<String> to = new LinkedHashSet<>();
        for (Disposition d : held(context)) {
            to.add(d.clueSender());
            if (d.referredFrom() != null) {
                to.add(d.referredFrom());
            }
        }
        to.remove(context.authenticatedOffice());
        return Optional.of(List.copyOf(to));
    }

    @Override
    public void check(IntakeContext context) {
        if (!CLUE_STATUS.equals(context.type())) {
            return;
        }
        DispositionState wanted = wanted(context);
        for (Disposition d : held(context)) {
            if (!d.state().next().contains(wanted)) {
                throw RejectionException.of(IssueCode.STATUS_TRANSITION_INVALID, "/payload/disposition",
                        "Clue " + d.clueId() + " from " + d.clueSender() + " to " + d.recipient()
                                + " is in state '" + d.state().json() + "'; "
                                + (d.state().next().isEmpty() ? "that state is final, no status may follow it."
                                        : "the allowed next states are " + d.state().nextJson() + ", not '"
                                                + wanted.json() + "'."));
            }
        }
        if (wanted == DispositionState.REFERRED) {
            referral(context, held(context).get(0));
        }
    }

    @Override
    public List<OutboundMessage> record(IntakeContext context, long seq) {
        if (CLUE_TRANSFER.equals(context.type())) {
            open(context, seq);
            return List.of();
        }
        DispositionState wanted = wanted(context);
        Instant at = context.receivedAt();
        List<Disposition> held = held(context);
        for (Disposition d : held) {
            // Re-checked under the row's lock: a lost race rolls the decision back and the redelivery is rejected.
            if (!d.state().next().contains(wanted) || !store.move(d, d.state(), wanted, at, context.messageId(), seq,
                    wanted == DispositionState.REFERRED ? referredTo(context) : null)) {
                throw new IllegalStateException("Disposition of clue " + d.clueId() + " at " + d.recipient()
                        + " changed while deciding " + context.messageId() + "; the broker redelivers it");
            }
        }
        if (wanted != DispositionState.REFERRED) {
            return List.of();
        }
        return List.of(refer(context, held.get(0), seq));
    }

    private void open(IntakeContext context, long seq) {
        List<String> categories = new ArrayList<>();
        for (JsonNode violation : context.message().at("/payload/violations")) {
            categories.add(violation.path("category").asString(""));
        }
        Instant at = context.receivedAt();
        for (Delivery delivery : context.deliveries()) {
            store.open(disposition(context.authenticatedOffice(), context.messageId(), delivery.recipient(),
                    delivery.deliveredTo(), context.caseRef(), null, seq, at, categories), context.messageId(), seq);
        }
    }

    private Disposition disposition(String clueSender, String clueId, String recipient, String deliveredTo,
            String caseRef, String referredFrom, long clueSeq, Instant at, List<String> categories) {
        String department = recipient.substring(0, recipient.indexOf('-'));
        return new Disposition(clueSender, clueId, recipient, deliveredTo, caseRef, DispositionState.DELIVERED,
                referredFrom, clueSeq, at, at.plus(properties.acknowledgeWithin(categories, department)),
                at.plus(properties.decideWithin(categories, department)), null, null, null, null);
    }

    /** The dispositions the sender of this status holds for the clue it names; none is a rejection. */
    private List<Disposition> held(IntakeContext context) {
        String clueId = context.message().path("inReplyTo").asString("");
        List<Disposition> held = store.heldBy(clueId, context.authenticatedOffice());
        if (held.isEmpty()) {
            throw RejectionException.of(IssueCode.CLUE_UNKNOWN, "/inReplyTo", "The hub delivered no clue "
                    + clueId + " to " + context.authenticatedOffice() + ": only an office that received a clue "
                    + "may report its disposition.");
        }
        return held;
    }

    private static DispositionState wanted(IntakeContext context) {
        return DispositionState.of(context.message().at("/payload/disposition").asString());
    }

    private static String referredTo(IntakeContext context) {
        return context.message().at("/payload/referredTo").asString();
    }

    /** Refuses a referral the directory, the clue's tracking or its handling code does not allow. */
    private Office referral(IntakeContext context, Disposition from) {
        String to = referredTo(context);
        String location = "/payload/referredTo";
        Office office = directory.find(to).orElseThrow(() -> RejectionException.of(IssueCode.UNKNOWN_RECIPIENT,
                location, "'" + to + "' is not an office of the directory."));
        Office target = directory.deliveryOfficeOrNull(office);
        if (target == null) {
            throw RejectionException.of(IssueCode.UNKNOWN_RECIPIENT, location,
                    "Neither '" + to + "' nor any office above it in its department is connected to the hub.");
        }
        boolean tracked = store.ofClue(from.clueId()).stream()
                .anyMatch(d -> d.clueSender().equals(from.clueSender()) && d.recipient().equals(to));
        if (to.equals(from.clueSender()) || to.equals(context.authenticatedOffice()) || tracked) {
            throw RejectionException.of(IssueCode.REFERRAL_REFUSED, location, "Clue " + from.clueId() + " cannot be "
                    + "referred to " + to + ": " + (to.equals(from.clueSender()) ? "it is the clue's originator "
                    + "(decline the clue to return it)." : tracked ? "it already has the clue."
                    : "it is the referring office."));
        }
        if (from.caseRef() != null) {
            handlingRules.checkOnward(from.caseRef(), context.authenticatedOffice(), target.id(), "referred", location);
        }
        return target;
    }

    /**
     * Inside the status's decision: tracks the referred office's disposition, records its holding of the case and
     * returns the delivery of the archived clue to it, countersigned by the hub like any delivery.
     */
    private OutboundMessage refer(IntakeContext context, Disposition from, long seq) {
        String to = referredTo(context);
        Office target = referral(context, from);
        ArchiveEntry clue = archive.entryAt(from.clueSeq()).filter(e -> !e.purged()).orElseThrow(
                () -> new IllegalStateException("The archived clue " + from.clueId() + " is not readable"));
        byte[] canonical = clue.canonicalMessage();
        List<String> categories = new ArrayList<>();
        String onward = null;
        try {
            JsonNode message = json.readTree(canonical);
            for (JsonNode violation : message.at("/payload/violations")) {
                categories.add(violation.path("category").asString(""));
            }
            onward = message.at("/handling/onwardSharing").asString(null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The archived clue " + from.clueId() + " is not JSON", e);
        }
        store.open(disposition(from.clueSender(), from.clueId(), to, target.id(), from.caseRef(),
                context.authenticatedOffice(), from.clueSeq(), context.receivedAt(), categories),
                context.messageId(), seq);
        if (from.caseRef() != null) {
            handlingRules.recordOnward(from.caseRef(), context.authenticatedOffice(), OnwardSharing.of(onward),
                    target.id(), from.clueId(), seq);
        }
        OutboundMapping.Mapped body = mapping.forRecipient(target.id(), CLUE_TRANSFER, canonical);
        return deliveries.delivery(target.id(), from.clueId(), CLUE_TRANSFER, from.clueSender(), from.caseRef(), null,
                null, body, DuplicateIds.of(from.clueSender(), from.clueId(), "referral", to), Map.of());
    }
}
