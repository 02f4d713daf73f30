package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.archive.ArchiveDraft;
import io.cluehub.directory.Directory;
import io.cluehub.handling.HandlingRules;
import io.cluehub.workflow.Workflows;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step "decide": turns what the pipeline found into a {@link Decision}: accepted (one delivery per resolved office and
 * an accepted receipt), rejected (a rejected receipt and a parked copy) or a repeat of an earlier decision (a receipt
 * marked duplicate, nothing delivered again).
 */
@Component
public class Decisions {

    static final String KIND_INTAKE = "intake";
    static final String STATUS_DUPLICATE = "duplicate";

    private final ReceiptFactory receipts;
    private final Directory directory;
    private final JsonMapper json;
    private final OutboundMapping outboundMapping;
    private final HandlingRules handling;
    private final Workflows workflows;
    private final DeliveryFactory deliveries;

    public Decisions(ReceiptFactory receipts, Directory directory, JsonMapper json, OutboundMapping outboundMapping,
            HandlingRules handling, Workflows workflows, DeliveryFactory deliveries) {
        this.deliveries = deliveries;
        this.workflows = workflows;
        this.handling = handling;
        this.receipts = receipts;
        this.directory = directory;
        this.json = json;
        this.outboundMapping = outboundMapping;
    }

    public Decision accept(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        String sender = context.authenticatedOffice();
        // Each recipient's body in its own format, before archiving: the archive records which format went where.
        List<OutboundMapping.Mapped> bodies = new ArrayList<>(context.deliveries().size());
        List<Issue> warnings = new ArrayList<>();
        for (Delivery delivery : context.deliveries()) {
            OutboundMapping.Mapped mapped = outboundMapping.forRecipient(delivery.deliveredTo(), context.type(),
                    context.canonical());
            bodies.add(mapped);
            if (mapped.warning() != null) {
                warnings.add(mapped.warning());
            }
        }
        ValidationOutcome outcome = context.outcome();
        if (!warnings.isEmpty()) {
            List<Issue> issues = new ArrayList<>(outcome.issues());
            issues.addAll(warnings);
            outcome = ValidationOutcome.of(issues);
        }
        ValidationOutcome answered = outcome;
        ObjectNode decision = decisionJson(ReceiptFactory.ACCEPTED, answered);
        decision.putObject("routing").set("deliveries", receipts.deliveriesJson(context.deliveries()));
        ObjectNode formats = decision.putObject("deliveryFormats");
        for (int i = 0; i < bodies.size(); i++) {
            formats.put(context.deliveries().get(i).deliveredTo(), bodies.get(i).formatId());
        }
        ArchiveDraft entry = draft(context, ReceiptFactory.ACCEPTED, null, decision);
        // Countersigned now, outside the archive head's lock: the signatures cover the bodies, which are final. The
        // deliveries themselves are built when the decision is recorded, after a workflow may have stamped them.
        List<String> countersignatures = new ArrayList<>(bodies.size());
        for (OutboundMapping.Mapped body : bodies) {
            countersignatures.add(deliveries.countersign(body));
        }
        return new Decision(entry, seq -> {
            List<OutboundMessage> out = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                out.add(delivery(context, context.deliveries().get(i).deliveredTo(), bodies.get(i),
                        countersignatures.get(i)));
            }
            out.add(receipts.receipt(context, ReceiptFactory.ACCEPTED, seq, context.deliveries(), answered,
                    false, DuplicateIds.of(sender, context.messageId(), "receipt")));
            return out;
        }, new Decision.LedgerKey(sender, context.messageId(), ReceiptFactory.ACCEPTED, context.transportId()),
                seq -> {
                    handling.record(context, seq);
                    return workflows.record(context, seq);
                });
    }

    private OutboundMessage delivery(IntakeContext context, String officeId, OutboundMapping.Mapped body,
            String countersignature) {
        // The sender's signature travels only with the very bytes it signed; the hub's covers what is delivered.
        boolean signedBytes = context.signature() != null && context.row() == 0
                && java.util.Arrays.equals(body.body(), context.raw());
        return deliveries.delivery(officeId, context.messageId(), context.type(), context.authenticatedOffice(),
                context.caseRef(), context.message().path("inReplyTo").asString(null),
                signedBytes ? context.signature() : null, body,
                DuplicateIds.of(context.authenticatedOffice(), context.messageId(), "delivery", officeId),
                context.deliveryProperties(), countersignature);
    }


    /** Called from the hub's error handling with the rejection that stopped the pipeline. */
    public Decision reject(Exchange exchange) {
        IntakeContext context = exchange.getProperty(IntakeContext.PROPERTY, IntakeContext.class);
        context.rejected(true);
        RejectionException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectionException.class);
        ValidationOutcome outcome = rejection.outcome();
        String code = rejection.code().name();
        ObjectNode decision = decisionJson(ReceiptFactory.REJECTED, outcome);
        ArchiveDraft entry = draft(context, ReceiptFactory.REJECTED, code, decision);
        String sender = context.authenticatedOffice();
        // Rejections are keyed by the transport's message id: a corrected resend under the same messageId gets its own.
        String basis = context.transportId() != null ? context.transportId()
                : context.rawSha256() + "@" + context.receivedAt();
        return new Decision(entry, seq -> {
            List<OutboundMessage> out = new ArrayList<>();
            if (sender != null && directory.isConnected(sender)) {
                out.add(receipts.receipt(context, ReceiptFactory.REJECTED, seq, List.of(), outcome, false,
                        DuplicateIds.of(sender, basis, "rejection-receipt")));
            }
            out.add(parked(context, code, seq, DuplicateIds.of(String.valueOf(sender), basis, "parked")));
            return out;
        }, null);
    }

    private OutboundMessage parked(IntakeContext context, String code, long seq, String duplicateId) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (context.authenticatedOffice() != null) {
            properties.put(ClueHubHeaders.SENDER, context.authenticatedOffice());
        }
        if (context.messageId() != null) {
            properties.put(ClueHubHeaders.MESSAGE_ID, context.messageId());
        }
        properties.put(ClueHubHeaders.ERROR_CODE, code);
        properties.put(ClueHubHeaders.ARCHIVE_SEQ, Long.toString(seq));
        return new OutboundMessage(OutboundMessage.Kind.PARKED, BrokerAddresses.REJECTED, null, duplicateId,
                properties, context.row() > 0 ? context.canonical() : context.raw(), false);
    }

    /** A resend of a (sender, messageId) already decided: archived as such, answered, not delivered again. */
    public Decision duplicate(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        LedgerRecord prior = context.prior();
        String diagnostics = "This (sender, messageId) was already " + prior.status() + " as archive entry "
                + prior.archiveSeq() + "; it was not delivered again. Use a fresh messageId for a new message.";
        ValidationOutcome outcome = ValidationOutcome.of(List.of(
                Issue.information(IssueCode.DUPLICATE_MESSAGE, "/messageId", diagnostics)));
        ObjectNode decision = decisionJson(STATUS_DUPLICATE, outcome);
        decision.put("duplicateOf", prior.archiveSeq());
        ArchiveDraft entry = draft(context, STATUS_DUPLICATE, IssueCode.DUPLICATE_MESSAGE.name(), decision);
        String basis = context.transportId() != null ? context.transportId() : context.rawSha256();
        return new Decision(entry, seq -> List.of(receipts.receipt(context, prior.status(), prior.archiveSeq(),
                List.of(), outcome, true, DuplicateIds.of(context.authenticatedOffice(), basis, "duplicate-receipt"))),
                null);
    }

    private ObjectNode decisionJson(String status, ValidationOutcome outcome) {
        ObjectNode decision = json.createObjectNode();
        decision.put("status", status);
        decision.set("outcome", receipts.outcomeJson(outcome));
        return decision;
    }

    private ArchiveDraft draft(IntakeContext context, String status, String errorCode, ObjectNode decision) {
        if (context.row() > 0) {
            decision.put("batchRow", context.row());
        }
        if (context.isTruncated()) {
            decision.put("bodyArchived", false); // over the size limit: only its SHA-256 is kept
        }
        if (context.signature() != null) {
            // The evidence of origin, archived with the decision: the JWS as received and the key it verified with.
            ObjectNode signature = decision.putObject("signature");
            signature.put("jws", context.signature().length() <= 2048 ? context.signature() : "(over 2048 characters)");
            if (context.signedWith() != null) {
                signature.put("kid", context.signedWith());
            }
        }
        return new ArchiveDraft(context.receivedAt(), KIND_INTAKE, status, context.authenticatedOffice(),
                context.messageId(), context.type(), context.caseRef(), errorCode, context.transportId(),
                context.rawSha256(), context.rawToArchive(), json.writeValueAsString(decision),
                context.agencyFormatId(), context.canonicalToArchive());
    }
}
