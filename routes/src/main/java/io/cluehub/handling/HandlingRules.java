package io.cluehub.handling;

import io.cluehub.intake.Delivery;
import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.RejectionException;
import io.cluehub.schemas.validation.IssueCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Step "enforce handling": handling codes are rules, not labels (issue 6). A case is identified by its
 * {@code caseRef}. When an office that holds a case from another office sends a {@code clue.transfer} of that case to
 * a third office, the originator's {@code onwardSharing} decides: {@code forbidden} refuses it
 * ({@code HANDLING_FORBIDS_ONWARD}); {@code originator-consent} lets it through only to offices the originator named in
 * a {@code handling.consent} to this holder (or to any office, if the consent named none); sending back to the
 * originator is always allowed. A {@code handling.consent} itself must come from the case's originator, for an office
 * it delivered the case to ({@code CONSENT_NOT_ORIGINATOR}). After acceptance, {@link #record} keeps the holdings and
 * consents in the decision's database transaction.
 */
@Component
public class HandlingRules {

    static final String CLUE_TRANSFER = "clue.transfer";
    static final String CONSENT = "handling.consent";

    private final HandlingStore store;

    public HandlingRules(HandlingStore store) {
        this.store = store;
    }

    public void enforce(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        String caseRef = context.caseRef();
        if (caseRef == null) {
            return;
        }
        String sender = context.authenticatedOffice();
        if (CLUE_TRANSFER.equals(context.type())) {
            for (HandlingStore.Holding holding : store.heldFromOthers(caseRef, sender)) {
                List<String> refused = new ArrayList<>();
                for (Delivery delivery : context.deliveries()) {
                    if (forbids(caseRef, holding, sender, delivery.deliveredTo())) {
                        refused.add(delivery.deliveredTo());
                    }
                }
                if (!refused.isEmpty()) {
                    throw refusal(caseRef, holding, "forwarded", refused, "/caseRef");
                }
            }
        } else if (CONSENT.equals(context.type())) {
            String grantee = context.message().at("/payload/grantedTo").asString("");
            if (!store.delivered(caseRef, sender, grantee)) {
                throw RejectionException.of(IssueCode.CONSENT_NOT_ORIGINATOR, "/payload/grantedTo",
                        sender + " did not originate case " + caseRef + " for " + grantee
                                + ": only the originator may consent, for an office it sent the clue to.");
            }
        }
    }

    /**
     * Refuses sending case {@code caseRef}, held by {@code holder}, on to {@code target} (a forward, a referral) where
     * an originator's handling code does not allow it.
     */
    public void checkOnward(String caseRef, String holder, String target, String verb, String location) {
        for (HandlingStore.Holding holding : store.heldFromOthers(caseRef, holder)) {
            if (forbids(caseRef, holding, holder, target)) {
                throw refusal(caseRef, holding, verb, List.of(target), location);
            }
        }
    }

    private boolean forbids(String caseRef, HandlingStore.Holding holding, String holder, String target) {
        if (target.equals(holding.originator())) {
            return false;
        }
        return holding.onwardSharing() == OnwardSharing.FORBIDDEN
                || holding.onwardSharing() == OnwardSharing.ORIGINATOR_CONSENT
                && !store.consented(caseRef, holding.originator(), holder, target);
    }

    private static RejectionException refusal(String caseRef, HandlingStore.Holding holding, String verb,
            List<String> targets, String location) {
        return RejectionException.of(IssueCode.HANDLING_FORBIDS_ONWARD, location,
                "Case " + caseRef + " came from " + holding.originator() + " with onwardSharing '"
                        + holding.onwardSharing().json() + "': it may not be " + verb + " to "
                        + (targets.size() == 1 ? targets.get(0) : targets.toString())
                        + (holding.onwardSharing() == OnwardSharing.ORIGINATOR_CONSENT
                                ? " without a handling.consent from " + holding.originator() + " naming "
                                        + (targets.size() == 1 ? "it." : "them.")
                                : "."));
    }

    /**
     * Records that {@code target} now holds case {@code caseRef}, received from {@code holder} (who sent it under
     * {@code onward}): it holds it from the case's originator, under the strictest code on the way.
     */
    public void recordOnward(String caseRef, String holder, OnwardSharing onward, String target, String messageId,
            long seq) {
        String originator = holder;
        OnwardSharing code = onward;
        for (HandlingStore.Holding holding : store.heldFromOthers(caseRef, holder)) {
            originator = holding.originator();
            code = code.strictest(holding.onwardSharing());
        }
        String caseOriginator = originator;
        boolean holds = store.heldFromOthers(caseRef, target).stream()
                .anyMatch(h -> h.originator().equals(caseOriginator));
        if (!holds && !target.equals(originator)) {
            store.hold(caseRef, target, originator, code, messageId, seq);
        }
    }

    /** Inside the decision's transaction, once the message is accepted at archive position {@code seq}. */
    public void record(IntakeContext context, long seq) {
        String caseRef = context.caseRef();
        if (caseRef == null) {
            return;
        }
        String sender = context.authenticatedOffice();
        JsonNode message = context.message();
        if (CLUE_TRANSFER.equals(context.type())) {
            OnwardSharing code = OnwardSharing.of(message.at("/handling/onwardSharing").asString(null));
            String originator = sender;
            for (HandlingStore.Holding holding : store.heldFromOthers(caseRef, sender)) {
                originator = holding.originator();
                code = code.strictest(holding.onwardSharing());
            }
            for (Delivery delivery : context.deliveries()) {
                if (!delivery.deliveredTo().equals(originator)) {
                    store.hold(caseRef, delivery.deliveredTo(), originator, code, context.messageId(), seq);
                }
            }
        } else if (CONSENT.equals(context.type())) {
            String grantee = message.at("/payload/grantedTo").asString();
            JsonNode forwardTo = message.at("/payload/forwardTo");
            if (forwardTo.isArray()) {
                for (JsonNode office : forwardTo) {
                    store.consent(caseRef, sender, grantee, office.asString(), seq);
                }
            } else {
                store.consent(caseRef, sender, grantee, "*", seq);
            }
        }
    }
}
