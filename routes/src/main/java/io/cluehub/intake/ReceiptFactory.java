package io.cluehub.intake;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.schemas.validation.ValidationOutcome;
import io.cluehub.signature.HubSigner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code receipt} message the hub sends back to the sending office (DESIGN.md §3): accepted with the
 * routing decision, or rejected with the validation outcome; always with the SHA-256 of the exact bytes received, so a
 * sender can match a receipt even to a message the hub could not read.
 */
@Component
public class ReceiptFactory {

    /** The sender id the hub uses on its own messages. */
    public static final String HUB_SENDER = "CLUEHUB";
    public static final String ACCEPTED = ArchiveEntry.STATUS_ACCEPTED;
    public static final String REJECTED = "rejected";

    private final JsonMapper json;
    private final Clock clock;
    private final HubSigner hubSigner;

    public ReceiptFactory(JsonMapper json, Clock clock, HubSigner hubSigner) {
        this.hubSigner = hubSigner;
        this.json = json;
        this.clock = clock;
    }

    /** A receipt to the authenticated sender of {@code context}, as an outbound message with the given duplicate id. */
    public OutboundMessage receipt(IntakeContext context, String status, long archiveSeq, List<Delivery> deliveries,
            ValidationOutcome outcome, boolean duplicate, String duplicateId) {
        String receiptId = UUID.randomUUID().toString();
        ObjectNode root = json.createObjectNode();
        root.put("messageId", receiptId);
        root.put("type", "receipt");
        root.put("schemaVersion", "1.0");
        root.put("sender", HUB_SENDER);
        root.putArray("recipients").add(context.authenticatedOffice());
        if (context.caseRef() != null) {
            root.put("caseRef", context.caseRef());
        }
        if (context.messageId() != null) {
            root.put("inReplyTo", context.messageId());
        }
        root.put("sentAt", clock.instant().toString());
        ObjectNode handling = root.putObject("handling");
        handling.put("classification", "internal");
        handling.put("onwardSharing", "forbidden");

        ObjectNode payload = root.putObject("payload");
        payload.put("status", status);
        if (context.messageId() != null) {
            payload.put("originalMessageId", context.messageId());
        }
        if (context.type() != null) {
            payload.put("originalType", context.type());
        }
        payload.put("rawSha256", context.rawSha256());
        payload.put("receivedAt", context.receivedAt().toString());
        payload.put("archiveSeq", archiveSeq);
        payload.put("duplicate", duplicate);
        if (context.agencyFormatId() != null) {
            payload.put("agencyFormat", context.agencyFormatId());
        }
        if (context.row() > 0) {
            payload.put("batchRow", context.row());
        }
        if (context.sourceFile() != null) {
            payload.put("sourceFile", context.sourceFile());
        }
        if (!deliveries.isEmpty()) {
            payload.putObject("routing").set("deliveries", deliveriesJson(deliveries));
        }
        payload.set("outcome", json.valueToTree(outcome));

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ClueHubHeaders.MESSAGE_ID, receiptId);
        properties.put(ClueHubHeaders.TYPE, "receipt");
        properties.put(ClueHubHeaders.SENDER, HUB_SENDER);
        properties.put(ClueHubHeaders.RECEIPT_STATUS, status);
        if (context.messageId() != null) {
            properties.put(ClueHubHeaders.IN_REPLY_TO, context.messageId());
        }
        if (context.caseRef() != null) {
            properties.put(ClueHubHeaders.CASE_REF, context.caseRef());
        }
        byte[] body = json.writeValueAsBytes(root);
        properties.put(ClueHubHeaders.HUB_SIGNATURE, hubSigner.sign(body));
        return new OutboundMessage(OutboundMessage.Kind.RECEIPT, BrokerAddresses.inbox(context.authenticatedOffice()),
                context.authenticatedOffice(), duplicateId, properties, body, true);
    }

    public ArrayNode deliveriesJson(List<Delivery> deliveries) {
        ArrayNode array = json.createArrayNode();
        for (Delivery d : deliveries) {
            ObjectNode node = array.addObject();
            node.put("recipient", d.recipient());
            node.put("deliveredTo", d.deliveredTo());
            node.put("rule", d.rule());
            if (d.fallback()) {
                node.put("fallback", true);
            }
        }
        return array;
    }

    public JsonNode outcomeJson(ValidationOutcome outcome) {
        return json.valueToTree(outcome);
    }
}
