package io.cluehub.api;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The caller office's receipts (roles {@code agency-system}, {@code case-officer}), read from the decisions' outbox,
 * so acknowledged ones too. {@code GET /api/v1/receipts?after=&limit=}: oldest first by archive position;
 * {@code GET /api/v1/receipts/{messageId}}: the receipt of the decision on the office's message (its exact bytes,
 * with the hub's signature in {@code ClueHub-Hub-Signature}), 404 if the office sent no such message.
 */
@RestController
@RequestMapping("/api/v1/receipts")
public class ReceiptsController {

    /** One receipt in a list: the archive entry that sent it, the hub's signature over its exact bytes, the receipt. */
    public record ReceiptItem(long archiveSeq, String hubSignature, JsonNode receipt) {
    }

    /** A page of receipts; {@code next} is the {@code after} of the next page, null on the last. */
    public record ReceiptPage(String office, List<ReceiptItem> items, Long next) {
    }

    private final ReceiptStore receipts;
    private final ApiCaller callers;
    private final JsonMapper json;

    public ReceiptsController(ReceiptStore receipts, ApiCaller callers, JsonMapper json) {
        this.receipts = receipts;
        this.callers = callers;
        this.json = json;
    }

    @GetMapping
    public ReceiptPage list(@RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "" + InboxController.DEFAULT_PAGE) int limit, Authentication caller) {
        String office = callers.office(caller);
        int size = Math.max(1, Math.min(limit, InboxController.MAX_PAGE));
        List<ReceiptItem> items = receipts.after(office, after, size).stream()
                .map(r -> new ReceiptItem(r.archiveSeq(), r.hubSignature(), json.readTree(r.body()))).toList();
        return new ReceiptPage(office, items, items.size() == size ? items.get(size - 1).archiveSeq() : null);
    }

    @GetMapping("/{messageId}")
    public ResponseEntity<byte[]> one(@PathVariable String messageId, Authentication caller) {
        String office = callers.office(caller);
        ReceiptStore.StoredReceipt receipt = receipts.forMessage(office, messageId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, office + " sent no message " + messageId));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (receipt.hubSignature() != null) {
            ok.header(ApiHeaders.HUB_SIGNATURE, receipt.hubSignature());
        }
        return ok.body(receipt.body());
    }
}
