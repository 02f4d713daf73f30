package io.cluehub.archive.query;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One archive entry as an investigator sees it: the envelope fields, the exact bytes received (and the canonical form
 * of an agency-format message), the hub's decision, its position on the chain, and where it went.
 *
 * @param recipients the offices that received it (each delivery's {@code deliveredTo})
 * @param entryHash the chain hash, also in {@code chain}
 * @param purgedAt when retention removed its bodies ({@code rawBase64} and {@code canonicalBase64} are then null)
 */
public record ArchiveHit(long seq, String kind, String recordedAt, String receivedAt, String sender, String messageId,
        String type, String caseRef, String status, String errorCode, String rawSha256, String rawBase64,
        String formatId, String canonicalBase64, List<String> recipients, String entryHash, Chain chain,
        JsonNode decision, History history, String purgedAt) {

    /** The entry's place on the hash chain: enough to check it against an evidence bundle or a time-stamp. */
    public record Chain(long seq, String prevHash, String entryHash) {
    }

    /**
     * Where the message went: the routing decision per recipient, what the hub sent because of it (deliveries,
     * receipt, parked copy, from its outbox), which earlier entry it repeated, and replays that included it.
     */
    public record History(List<Delivery> deliveries, List<Sent> sent, Long duplicateOf, List<Replayed> replays) {
    }

    /** One recipient of the routing decision and the format its copy was delivered in. */
    public record Delivery(String recipient, String deliveredTo, String rule, boolean fallback, String format) {
    }

    /** One message sent because of the decision ({@code delivery}, {@code receipt} or {@code parked}). */
    public record Sent(String kind, String destination, String recipient, String duplicateId) {
    }

    /** A replay that sent this message again. */
    public record Replayed(String replayId, String target, String sentAt) {
    }
}
