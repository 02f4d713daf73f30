package io.cluehub.archive;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Investigators read the archive: entries for one (sender, messageId), or for the exact bytes received (by SHA-256),
 * newest first, each with the raw bytes as received.
 */
@RestController
@RequestMapping("/api/v1/archive")
public class ArchiveController {

    private static final int MAX_ITEMS = 100;

    private final ArchiveStore archive;
    private final JsonMapper json;

    public ArchiveController(ArchiveStore archive, JsonMapper json) {
        this.archive = archive;
        this.json = json;
    }

    public record Item(long seq, String recordedAt, String receivedAt, String sender, String messageId, String type,
            String caseRef, String status, String errorCode, String rawSha256, String rawBase64,
            List<String> recipients, String entryHash) {
    }

    public record Page(List<Item> items) {
    }

    @GetMapping("/messages")
    public Page messages(@RequestParam(required = false) String sender,
            @RequestParam(required = false) String messageId,
            @RequestParam(required = false) String rawSha256) {
        List<ArchiveEntry> entries;
        if (sender != null && messageId != null) {
            entries = archive.findByMessage(sender, messageId, MAX_ITEMS);
        } else if (rawSha256 != null) {
            entries = archive.findByRawSha256(rawSha256.toLowerCase(java.util.Locale.ROOT), MAX_ITEMS);
        } else if (sender == null && messageId == null) {
            entries = archive.latest(MAX_ITEMS);
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give sender and messageId together, or rawSha256");
        }
        return new Page(entries.stream().map(this::item).toList());
    }

    private Item item(ArchiveEntry e) {
        JsonNode decision = json.readTree(e.decision());
        List<String> recipients = new ArrayList<>();
        decision.path("routing").path("deliveries").forEach(d -> recipients.add(d.path("deliveredTo").asString()));
        return new Item(e.seq(), e.recordedAt().toString(), e.recordedAt().toString(), e.sender(), e.messageId(),
                e.type(), e.caseRef(), e.status(), e.errorCode(), e.rawSha256(),
                e.raw() == null ? null : Base64.getEncoder().encodeToString(e.raw()), recipients, e.entryHash());
    }
}
