package io.cluehub.archive.replay;

/**
 * The JMS properties a replayed message carries besides the ones of a delivery ({@code ClueHubMessageId} — the
 * original messageId —, {@code ClueHubSender}, {@code ClueHubType}, {@code ClueHubCaseRef}, {@code ClueHubFormat}, and
 * the broker's {@code _AMQ_DUPL_ID}). They belong with the hub's other property names in the adapters' ClueHubHeaders
 * (and its outbound allow-list); they are here until that class takes them.
 */
public final class ReplayHeaders {

    /** {@code true} on every replayed message: receivers tell replays from new mail by it. */
    public static final String REPLAY = "ClueHubReplay";
    /** The id of the replay ({@code GET /api/v1/replays/{id}}); with ClueHubMessageId, what a receiver de-duplicates on. */
    public static final String REPLAY_ID = "ClueHubReplayId";
    /** The archive position of the replayed entry, to find it in the archive or an evidence bundle. */
    public static final String ARCHIVE_SEQ = "ClueHubArchiveSeq";

    private ReplayHeaders() {
    }

    /**
     * The broker duplicate-detection id of one replayed message: the replay id, the original sender and its
     * messageId. The sender is part of it because messageIds are unique per sender only: two offices' messages with
     * the same id in one replay must not be taken for one.
     */
    public static String duplicateId(String replayId, String sender, String messageId) {
        return "replay:" + replayId + ":" + sender + ":" + messageId;
    }
}
